import Foundation
import Testing
@testable import Commerce

/// The two schemas cannot drift: every SQLite table and view column (`pragma_table_info`) exists on
/// PostgreSQL (`information_schema.columns`) in the same place with the same type family, nullability and
/// default; and indexes, triggers and foreign keys match by name, with PostgreSQL's differences listed.
@Suite struct PostgresSchemaParityTests {
    /// FTS5's table and its shadow tables; PostgreSQL's `product_search` has its own contract.
    static let sqliteSearchTables: Set<String> = ["product_search", "product_search_data", "product_search_idx",
                                                  "product_search_docsize", "product_search_config", "product_search_content"]

    private let sqlite: any SQLConnection
    private let postgres: any SQLConnection
    private let bases: [BackendDatabase]

    init() throws {
        bases = [try BackendDatabase(.sqlite), try BackendDatabase(.postgres)]
        sqlite = try bases[0].openShop()
        postgres = try bases[1].openShop()
    }

    private func sqliteTables() throws -> [String] {
        try sqlite.all("SELECT name FROM sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' ORDER BY name") {
            $0.string(0)
        }.filter { !Self.sqliteSearchTables.contains($0) }
    }

    @Test func everyTableAndColumnHasItsCounterpart() throws {
        let tables = try sqliteTables()
        #expect(tables.count > 30)
        for table in tables {
            let expected = try sqlite.all("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?) ORDER BY cid", table) { row in
                let type = ["INTEGER": "bigint", "TEXT": "text", "BLOB": "bytea", "REAL": "double precision"][row.string(1).uppercased()] ?? "any"
                let required = row.int(2) == 1 || row.int(4) > 0
                return "\(row.string(0)) \(type) \(required ? "NOT NULL" : "NULL") \(row.optionalString(3) ?? "-")"
            }
            let actual = try postgres.all("""
                SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                """, table) { row in
                let default_ = row.optionalString(3).map { $0.replacingOccurrences(of: #"::[a-z ]+$"#, with: "", options: .regularExpression) }
                return (row.string(0), row.string(1), "\(row.string(2) == "NO" ? "NOT NULL" : "NULL") \(default_ ?? "-")")
            }
            let typed = zip(expected, actual).map { want, have in
                want.contains(" any ") ? "\(have.0) any \(have.2)" : "\(have.0) \(have.1) \(have.2)"
            }
            #expect(typed == expected && actual.count == expected.count, "\(table) on PostgreSQL")
        }
        let postgresTables = Set(try postgres.all("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
            """) { $0.string(0) })
        #expect(postgresTables.subtracting(tables) == ["curio_schema", "product_search"], "PostgreSQL's own tables")
    }

    @Test func indexesMatchByName() throws {
        let sqliteIndexes = Set(try sqlite.all("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL") { $0.string(0) })
        let postgresIndexes = Set(try postgres.all("""
            SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
            """) { $0.string(0) })
        #expect(sqliteIndexes.count > 30)
        #expect(sqliteIndexes.subtracting(postgresIndexes) == [])
        // COLLATE NOCASE uniqueness, the vendor filter's lower(vendor), and the search document's GIN index.
        #expect(postgresIndexes.subtracting(sqliteIndexes) == ["users_email_nocase", "discount_codes_code_nocase",
                                                               "product_tags_nocase", "products_vendor_nocase", "product_search_document"])
    }

    @Test func triggersMatchByName() throws {
        let sqliteTriggers = Set(try sqlite.all("SELECT name FROM sqlite_schema WHERE type = 'trigger'") { $0.string(0) })
        let postgresTriggers = Set(try postgres.all("""
            SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE NOT t.tgisinternal AND n.nspname = current_schema()
            """) { $0.string(0) })
        #expect(sqliteTriggers.count > 35)
        // FTS5 needs a delete trigger; product_search's foreign key cascades instead.
        #expect(sqliteTriggers.subtracting(postgresTriggers) == ["products_search_delete"])
        // Order numbers, the outbox's commit-order ids and the per-product half of the deferred daily
        // summary (version 7) have no SQLite counterpart: its single writer needs none.
        #expect(postgresTriggers.subtracting(sqliteTriggers) == Set(appendOnlyTables.map { "\($0.table)_no_truncate" })
                    .union(["orders_number_follow", "outbox_number_in_commit_order", "product_sales_daily_order_update"]))
    }

    @Test func foreignKeysMatchWithTheirDeleteRules() throws {
        var sqliteKeys: Set<String> = []
        for table in try sqliteTables() {
            for key in try sqlite.all("SELECT \"from\", \"table\", \"to\", on_delete FROM pragma_foreign_key_list(?)", table, map: { row in
                "\(table).\(row.string(0)) → \(row.string(1)).\(row.string(2)) ON DELETE \(row.string(3))"
            }) { sqliteKeys.insert(key) }
        }
        let rules = ["a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"]
        let postgresKeys = Set(try postgres.all("""
            SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, p.attname, c.confdeltype::text
            FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute p ON p.attrelid = c.confrelid AND p.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
            """) { row in
            "\(row.string(0)).\(row.string(1)) → \(row.string(2)).\(row.string(3)) ON DELETE \(rules[row.string(4)] ?? row.string(4))"
        })
        #expect(sqliteKeys.count > 25)
        #expect(sqliteKeys.subtracting(postgresKeys) == [])
        #expect(postgresKeys.subtracting(sqliteKeys) == ["product_search.product_id → products.id ON DELETE CASCADE"])
    }
}
