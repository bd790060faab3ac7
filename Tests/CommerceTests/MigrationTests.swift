import Foundation
import Testing
@testable import Commerce

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
