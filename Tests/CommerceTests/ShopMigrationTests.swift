import CurioTestSupport
import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// `ShopMigration` against real databases: the demo store from SQLite to PostgreSQL and back to a new
/// file, row for row; and every way a target is refused leaves it as it was.
@Suite struct ShopMigrationTests {
    /// The demo store in a SQLite file, with one category whose parent has a larger id than its own
    /// (made after it, then moved under it), so the copy must order rows by parent, not by id.
    private static func demoShop(_ dir: TempDir) throws -> Store {
        let store = try Store(path: dir.file("shop.db"))
        _ = try DemoSeeder.seed(store: store, sampleData: ImportFixtures.sampleData, now: SeedDemoTests.now)
        let parent = try store.db.insert("INSERT INTO categories(handle, name) VALUES ('later-parent', 'Later parent')")
        try store.db.execute("UPDATE categories SET parent_id = ? WHERE id = (SELECT min(id) FROM categories WHERE parent_id IS NULL)", parent)
        return store
    }

    /// Every copied table's rows, in key order, as the values each backend reads.
    private static func rows(_ db: any SQLConnection) throws -> [String: [[SQLValue]]] {
        var result: [String: [[SQLValue]]] = [:]
        for table in ShopTables.copied {
            let columns = try db.columnNames(of: table.name).sorted()
            let sql = "SELECT \(columns.map(sqlIdentifier).joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.key.joined(separator: ", "))"
            result[table.name] = try db.all(sql) { row in (0..<columns.count).map { row.value($0) } }
        }
        return result
    }

    private static func failingChecks(_ db: any SQLConnection) throws -> [String] {
        try Doctor(database: db).run().filter { !$0.passed }.map { "\($0.name): \($0.problems)" }
    }

    @Test func theDemoStoreGoesToPostgreSQLAndBackLosingNothing() throws {
        let dir = TempDir()
        let store = try Self.demoShop(dir)
        // A shop whose planner statistics were gathered holds sqlite_stat1, which is gathered afresh, not copied.
        try store.db.executeScript("ANALYZE")
        let postgres = try PostgresTestServer.shared().makeDatabase()
        let there = StoreLocation.postgres(postgres.connectionString)
        var heard: [String] = []
        let out = try ShopMigration.copy(from: store.location, to: there) { table, _ in heard.append(table) }
        #expect(heard == ShopTables.copied.map(\.name))
        #expect(out.census == (try ShopCensus(database: store.db)))
        #expect(out.census.value("rows in orders") >= 1_500)

        let back = dir.file("back.db")
        let home = try ShopMigration.copy(from: there, to: .file(back))
        #expect(home.census == out.census)
        #expect(home.tables == out.tables)
        // One finished file: no write-ahead log, nothing left under the temporary name.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".") || $0.hasPrefix("back.db-") } == [])

        let original = try Self.rows(store.db)
        let onPostgres = try CurioDatabase.open(postgres: postgres.connectionString)
        let returned = try CurioDatabase.open(path: back)
        #expect(try Self.rows(returned) == original)
        #expect(try Self.rows(onPostgres) == original)
        // The planner has statistics on both copies, so a search does not walk every product.
        #expect(try onPostgres.scalarInt("SELECT count(*) FROM pg_stats WHERE tablename = 'product_search'") ?? 0 > 0)
        #expect(try returned.scalarInt("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'products'") ?? 0 > 0)
        for db in [store.db, onPostgres, returned] as [any SQLConnection] {
            #expect(try Self.failingChecks(db) == [])
            #expect(try ShopCensus(database: db) == out.census)
        }

        // Search was rebuilt on both sides and finds the same products in the same order.
        func found(_ shop: Store) throws -> [ProductID] { try shop.catalog.search("mug", caller: .system).page.products.map(\.id) }
        let expected = try found(store)
        #expect(!expected.isEmpty)
        #expect(try found(Store(location: there)) == expected)
        #expect(try found(Store(path: back)) == expected)

        // New rows continue past the copied ids on PostgreSQL, as they do on SQLite.
        let largest = try onPostgres.scalarInt("SELECT max(id) FROM categories") ?? 0
        let next = try onPostgres.insert("INSERT INTO categories(handle, name) VALUES ('after-copy', 'After copy')")
        #expect(next == largest + 1)
    }

    @Test func aTargetThatHoldsAShopIsRefusedAndLeftAsItWas() throws {
        let dir = TempDir()
        let store = try Self.demoShop(dir)
        let postgres = try PostgresTestServer.shared().makeDatabase()
        let there = StoreLocation.postgres(postgres.connectionString)
        _ = try ShopMigration.copy(from: store.location, to: there)
        let before = try ShopCensus(database: CurioDatabase.open(postgres: postgres.connectionString))

        #expect {
            try ShopMigration.copy(from: store.location, to: there)
        } throws: { error in
            guard case .targetNotEmpty(_, let holds)? = error as? MigrationError else { return false }
            return holds.contains("products") && holds.contains("orders")
        }
        #expect(try ShopCensus(database: CurioDatabase.open(postgres: postgres.connectionString)) == before)

        let existing = dir.file("existing.db")
        try Data("not mine to replace".utf8).write(to: URL(fileURLWithPath: existing))
        #expect(throws: MigrationError.targetExists(path: existing)) {
            try ShopMigration.copy(from: there, to: .file(existing))
        }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "not mine to replace")

        #expect(throws: MigrationError.sameDatabase(dir.path + "/./shop.db")) {
            try ShopMigration.copy(from: store.location, to: .file(dir.path + "/./shop.db"))
        }
        #expect(throws: MigrationError.self) {
            try ShopMigration.copy(from: .file(dir.file("missing.db")), to: .file(dir.file("new.db")))
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("missing.db")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("new.db")))
    }

    @Test func aCopyThatFailsMidwayKeepsNothing() throws {
        let dir = TempDir()
        let store = try Self.demoShop(dir)
        // SQLite keeps text with a NUL character; PostgreSQL cannot store it, so the copy fails after
        // earlier tables were written.
        try store.db.execute("INSERT INTO throttles(key, failures, last_failure_at) VALUES ('a' || char(0) || 'b', 1, 0)")
        let postgres = try PostgresTestServer.shared().makeDatabase()
        #expect {
            try ShopMigration.copy(from: store.location, to: .postgres(postgres.connectionString))
        } throws: { error in
            guard case .failed(_, let reason)? = error as? MigrationError else { return false }
            return reason.contains("NUL")
        }
        let target = try CurioDatabase.open(postgres: postgres.connectionString)
        #expect(try ShopCensus(database: target).isEmptyShop)
        #expect(try target.scalarInt("SELECT count(*) FROM products") == 0)
        // And once the cell is fixed, the same empty target takes the copy.
        try store.db.execute("DELETE FROM throttles")
        _ = try ShopMigration.copy(from: store.location, to: .postgres(postgres.connectionString))

        // A source this build cannot copy whole is refused before a file is made.
        try store.db.execute("CREATE TABLE hand_made (x INTEGER)")
        #expect(throws: MigrationError.unknownTable(table: "hand_made", database: store.db.location)) {
            try ShopMigration.copy(from: store.location, to: .file(dir.file("copy.db")))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains("copy.db") } == [])
    }

    @Test(arguments: Backend.allCases)
    func everyTableIsCopiedOrRebuiltAndHasTheSameColumnsOnBothBackends(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let tables = try db.tableNames()
        #expect(tables.filter { !ShopTables.isKnown($0) } == [])
        for table in ShopTables.copied {
            #expect(tables.contains(table.name), "\(table.name) is copied but not in the \(backend) schema")
        }
        let otherBase = try BackendDatabase(backend == .sqlite ? .postgres : .sqlite)
        let other = try otherBase.openShop()
        for table in ShopTables.copied {
            #expect(Set(try db.columnNames(of: table.name)) == Set(try other.columnNames(of: table.name)), "\(table.name)")
        }
        let both = Set(tables).union(try other.tableNames())
        #expect(ShopTables.notCopied.keys.filter { !both.contains($0) } == [])
    }
}
