import Foundation
import Testing
@_spi(Storage) @testable import Commerce

@Suite struct MigrationTests {
    private func schemaText(_ db: Database) throws -> [String] {
        try db.all("SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_schema ORDER BY name") { $0.string(0) }
    }

    @Test func aNewFileGetsTheWholeSchemaAndIsRecorded() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        #expect(try db.scalarInt("PRAGMA user_version") == Int64(Migrations.latestVersion))
        #expect(try db.scalarInt("PRAGMA application_id") == Migrations.applicationID)
        #expect(try db.all("SELECT version, name FROM schema_migrations ORDER BY version") { "\($0.int(0)) \($0.string(1))" }
                == Migrations.all.map { "\($0.version) \($0.name)" })
        let tables = Set(try db.all("SELECT name FROM sqlite_schema WHERE type = 'table'") { $0.string(0) })
        for table in ["users", "addresses", "categories", "products", "variants", "inventory_ledger", "carts", "cart_lines",
                      "orders", "order_lines", "order_events", "payments", "reviews", "discount_codes", "shipping_methods",
                      "tax_rates", "outbox", "outbox_deliveries", "notifications", "audit_log", "product_search", "user_keys"] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test func migratingTwiceIsANoOp() throws {
        let dir = TempDir()
        let first = try CurioDatabase.open(path: dir.file("a.db"))
        let before = try schemaText(first)
        let again = try CurioDatabase.open(path: dir.file("a.db"))
        try CurioDatabase.migrate(again)
        #expect(try schemaText(again) == before)
        #expect(try again.scalarInt("SELECT count(*) FROM schema_migrations") == Int64(Migrations.all.count))
    }

    @Test func newerSchemaIsRefusedWithoutChange() throws {
        let dir = TempDir()
        let path = dir.file("a.db")
        do {
            let db = try CurioDatabase.open(path: path)
            try db.executeScript("PRAGMA user_version = 42")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: DatabaseOpenError.newerSchema(path: path, found: 42, supported: Migrations.latestVersion)) {
            try CurioDatabase.open(path: path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func foreignDatabaseAndJunkAreRefused() throws {
        let dir = TempDir()
        let junk = dir.file("junk.db")
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: junk))
        #expect(throws: DatabaseOpenError.notADatabase(path: junk)) { try CurioDatabase.open(path: junk) }

        let other = dir.file("other.db")
        do {
            let db = try Database(path: other)
            try db.executeScript("CREATE TABLE notes(t TEXT)")
        }
        #expect(throws: DatabaseOpenError.notCurio(path: other)) { try CurioDatabase.open(path: other) }
    }

    @Test func aReadOnlyConnectionOpensAMigratedFileButRefusesAnEmptyOne() throws {
        let dir = TempDir()
        let path = dir.file("a.db")
        _ = try CurioDatabase.open(path: path)
        var options = DatabaseOptions()
        options.readOnly = true
        let ro = try CurioDatabase.open(path: path, options: options)
        #expect(ro.isReadOnly)
        #expect(throws: DatabaseError.self) { try ro.execute("INSERT INTO settings VALUES ('a', 'b')") }
    }

    @Test func messagesNameTheFileAndWhatToDo() {
        #expect(DatabaseOpenError.notADatabase(path: "/x.db").description.hasPrefix("/x.db: not a SQLite database"))
        #expect(DatabaseOpenError.newerSchema(path: "/x.db", found: 3, supported: 1).description.contains("upgrade curio"))
        #expect(DatabaseOpenError.readOnly(path: "/x.db").description.contains("read-only"))
    }
}

/// Version 4 (the availability change log) on a database made at version 1.
@Suite struct AvailabilityLogMigrationTests {
    @Test func aVersionOneDatabaseKeepsItsDataAndLogsAvailabilityAfterMigrating() throws {
        let dir = TempDir()
        let path = dir.file("a.db")
        do {
            // A file as schema version 1 wrote it, whatever migrations came after.
            let db = try Database(path: path)
            try db.executeScript(schemaV1)
            try db.executeScript("""
                PRAGMA user_version = 1;
                PRAGMA application_id = \(Migrations.applicationID);
                INSERT INTO products(handle, title, created_at, updated_at) VALUES ('mug', 'Mug', 1, 1);
                INSERT INTO variants(product_id, sku, position, price, created_at, updated_at) VALUES (1, 'M-1', 1, 500, 1, 1);
                INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (1, 3, 'restock', 1);
                """)
        }
        let db = try CurioDatabase.open(path: path)
        #expect(try db.scalarInt("PRAGMA user_version") == Int64(Migrations.latestVersion))
        #expect(try db.scalarInt("SELECT stock_total FROM products WHERE handle = 'mug'") == 3)
        #expect(try db.scalarInt("SELECT count(*) FROM product_availability_changes") == 0)
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (1, -1, 'adjustment', 2)")
        #expect(try db.scalarInt("SELECT count(*) FROM product_availability_changes") == 0)
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (1, -2, 'adjustment', 3)")
        #expect(try db.all("SELECT product_id FROM product_availability_changes") { $0.int64(0) } == [1])
        #expect(try db.scalarInt("SELECT catalog FROM recommender_inputs") == 0)
        try db.execute("UPDATE products SET title = 'Big mug' WHERE id = 1")
        #expect(try db.scalarInt("SELECT catalog FROM recommender_inputs") == 1)
    }
}

/// Version 6 (availability log readers, the in-stock by price index) on a database at version 5.
@Suite struct FilteredSearchIndexMigrationTests {
    @Test func aVersionFiveDatabaseGetsTheReadersTableAndTheIndexTheFilteredListUses() throws {
        let dir = TempDir()
        let path = dir.file("a.db")
        do {
            // A file as schema version 5 left it: every migration up to 5.
            let db = try Database(path: path)
            for migration in Migrations.all where migration.version <= 5 { try db.executeScript(migration.sql) }
            try db.executeScript("PRAGMA user_version = 5; PRAGMA application_id = \(Migrations.applicationID);")
        }
        let db = try CurioDatabase.open(path: path)
        #expect(try db.scalarInt("PRAGMA user_version") == Int64(Migrations.latestVersion))
        #expect(try db.scalarInt("SELECT count(*) FROM availability_readers") == 0)
        #expect(try db.scalarString("SELECT sql FROM sqlite_schema WHERE name = 'products_in_stock_price'")?.contains("WHERE stock_total > 0") == true)
        // The filtered list (in stock, one status, published, by price) walks the new index in order, with no sort.
        let plan = try db.all("""
            EXPLAIN QUERY PLAN SELECT p.id FROM products p
            WHERE p.status IN (?) AND p.published = 1 AND p.stock_total > 0 AND p.category_id IN (1, 2)
            ORDER BY p.price_min, p.id LIMIT 21
            """, "active") { $0.string(3) }
        #expect(plan.contains { $0.contains("products_in_stock_price") }, "\(plan)")
        #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        #expect(!Migrations.all.contains { $0.version == 6 && !$0.sql.contains("CREATE INDEX products_in_stock_price") })
        #expect(SchemaV6Postgres.sql.contains("INCLUDE (category_id)"))
    }
}
