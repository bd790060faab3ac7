import CurioTestSupport
import Foundation
import Synchronization
import Testing
@_spi(Storage) @testable import Commerce

/// Opening a shop through `CurioDatabase` on both backends: the baseline, refusals, racing processes,
/// later migrations and the messages a user gets.
@Suite struct PostgresSchemaTests {
    @Test func anEmptyDatabaseGetsTheBaselineAndEveryLaterMigrationRecorded() throws {
        let base = try BackendDatabase(.postgres)
        let db = try base.openShop()
        #expect(try db.all("SELECT version, name FROM schema_migrations ORDER BY version") { "\($0.int(0)) \($0.string(1))" }
                == Migrations.all.map { "\($0.version) \($0.name)" })
        #expect(try db.first("SELECT application_id, version FROM curio_schema") { [$0.int64(0), $0.int64(1)] }
                == [Migrations.applicationID, Int64(Migrations.latestVersion)])
        #expect(Migrations.all.filter { $0.version > PostgresBaseline.version }.allSatisfy { $0.postgresSQL != nil },
                "a migration after the baseline needs its postgresSQL")

        let objects = "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
        let before = try db.scalarInt(objects)
        let again = try base.openShop()
        #expect(try again.scalarInt(objects) == before, "opening again changes nothing")
        #expect(try again.scalarInt("SELECT count(*) FROM schema_migrations") == Int64(Migrations.all.count))
    }

    @Test(arguments: Backend.allCases)
    func aDatabaseHoldingOtherTablesIsRefusedUnchanged(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let folder = TempDir()
        let other: any SQLConnection
        let target: ShopTarget
        let tables: String
        switch backend {
        case .sqlite:
            other = try Database(path: folder.file("other.db"))
            target = .file(folder.file("other.db"))
            tables = "SELECT count(*) FROM sqlite_schema"
        case .postgres:
            other = try base.postgresConnection()
            target = .postgres(base.connectionString ?? "")
            tables = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema()"
        }
        try other.executeScript("CREATE TABLE invoices(id BIGINT)")
        #expect(throws: DatabaseOpenError.notCurio(path: other.location)) { try target.open() }
        #expect(try other.scalarInt(tables) == 1, "nothing was added")
        if backend == .postgres {
            #expect(try other.scalarInt("SELECT count(*) FROM pg_extension WHERE extname = 'unaccent'") == 0)
        }
        #expect(DatabaseOpenError.notCurio(path: other.location).description.contains("not a Curio one"))
    }

    @Test(arguments: Backend.allCases)
    func aNewerSchemaIsRefused(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let newer = Migrations.latestVersion + 1
        switch backend {
        case .sqlite: try db.executeScript("PRAGMA user_version = \(newer)")
        case .postgres: try db.execute("UPDATE curio_schema SET version = ?", newer)
        }
        let expected = DatabaseOpenError.newerSchema(path: db.location, found: newer, supported: Migrations.latestVersion)
        #expect(throws: expected) { _ = try base.openShop() }
        #expect(expected.description.contains("upgrade curio"))
    }

    @Test(arguments: Backend.allCases)
    func processesOpeningAnEmptyDatabaseAtOnceAllSucceedWithOneBaseline(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let folder = TempDir()
        let target: ShopTarget = backend == .postgres ? .postgres(base.connectionString ?? "") : .file(folder.file("shop.db"))
        let openers = 4
        let failures = Mutex<[String]>([])
        let ready = DispatchSemaphore(value: 0)
        let go = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        for opener in 0..<openers {
            group.enter()
            Thread {
                defer { group.leave() }
                ready.signal()
                go.wait()
                do {
                    let db = try target.open()
                    _ = try db.scalarInt("SELECT count(*) FROM products")
                } catch {
                    failures.withLock { $0.append("opener \(opener): \(error)") }
                }
            }.start()
        }
        for _ in 0..<openers { ready.wait() }
        for _ in 0..<openers { go.signal() }
        #expect(group.wait(timeout: .now() + 120) == .success, "every opener finished")
        #expect(failures.withLock { $0 } == [])
        let db = try target.open()
        #expect(try db.all("SELECT version FROM schema_migrations ORDER BY version") { $0.int(0) } == Migrations.all.map(\.version))
        #expect(try db.scalarInt("SELECT count(*) FROM recommender_inputs") == 1)
        if backend == .postgres {
            #expect(try db.scalarInt("SELECT count(*) FROM curio_schema") == 1)
        }
    }

    @Test func aLaterMigrationRunsItsPostgresSQLInOrderAndIsRecorded() throws {
        let base = try BackendDatabase(.postgres)
        _ = try base.openShop()
        let db = try base.postgresConnection()
        let latest = Migrations.latestVersion
        let later = Migrations.all + [
            Migration(version: latest + 1, name: "gift wrap", sql: "ALTER TABLE orders ADD COLUMN gift_wrap INTEGER NOT NULL DEFAULT 0",
                      postgresSQL: "ALTER TABLE orders ADD COLUMN gift_wrap BIGINT NOT NULL DEFAULT 0"),
            Migration(version: latest + 2, name: "gift note", sql: "ALTER TABLE orders ADD COLUMN gift_note TEXT",
                      postgresSQL: "ALTER TABLE orders ADD COLUMN gift_note TEXT CHECK (gift_wrap = 1 OR gift_note IS NULL)"),
        ]
        try CurioDatabase.migrate(db, migrations: later)
        #expect(try db.all("SELECT version FROM schema_migrations WHERE version > ? ORDER BY version", latest) { $0.int(0) }
                == [latest + 1, latest + 2])
        #expect(try db.scalarInt("SELECT version FROM curio_schema") == Int64(latest + 2))
        #expect(try db.scalarInt("SELECT count(*) FROM information_schema.columns WHERE table_name = 'orders' AND column_name LIKE 'gift_%'") == 2)
        try CurioDatabase.migrate(db, migrations: later)
        #expect(try db.scalarInt("SELECT count(*) FROM schema_migrations") == Int64(latest + 2), "migrating twice is a no-op")
        #expect(throws: DatabaseOpenError.newerSchema(path: db.location, found: latest + 2, supported: latest)) {
            _ = try base.openShop()
        }
    }

    @Test func aLaterMigrationWithoutPostgresSQLIsRefusedAndChangesNothing() throws {
        let base = try BackendDatabase(.postgres)
        _ = try base.openShop()
        let db = try base.postgresConnection()
        let latest = Migrations.latestVersion
        let later = Migrations.all + [Migration(version: latest + 1, name: "sqlite only", sql: "CREATE TABLE x(i INTEGER)")]
        do {
            try CurioDatabase.migrate(db, migrations: later)
            Issue.record("a migration without PostgreSQL statements was accepted")
        } catch {
            #expect(error.description.contains("no PostgreSQL form of schema \(latest + 1)"), "\(error)")
        }
        #expect(try db.scalarInt("SELECT version FROM curio_schema") == Int64(latest))
    }

    @Test func anEmptyDatabaseIsRefusedWhenTheShopMustExistAndStaysEmpty() throws {
        let base = try BackendDatabase(.postgres)
        let target = try #require(base.connectionString)
        var options = DatabaseOptions()
        options.mustExist = true
        #expect(throws: DatabaseOpenError.self) { _ = try Store(location: .postgres(target), options: options) }
        do {
            _ = try Store(location: .postgres(target), options: options)
        } catch let error as DatabaseOpenError {
            guard case .missing = error else { Issue.record("expected .missing, got \(error)"); return }
            #expect(error.description.contains("no shop database there"))
        }
        let db = try base.postgresConnection()
        #expect(try db.scalarInt("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()") == 0)
        // Without the demand the same database becomes a shop.
        #expect(try Store(location: .postgres(target)).db.schemaVersion() == Migrations.latestVersion)
    }

    @Test func anUnreachableServerIsReportedAsSuch() throws {
        let folder = TempDir()
        do {
            _ = try CurioDatabase.open(postgres: "host=\(folder.path) port=1 dbname=shop user=kim connect_timeout=5")
            Issue.record("opened a server that is not there")
        } catch {
            guard case .postgres(.unreachable) = error else {
                Issue.record("expected an unreachable server, got \(error)")
                return
            }
            #expect(error.description.contains("cannot reach the PostgreSQL server"))
        }
    }

    @Test func aRoleThatMayNotCreateTablesIsToldWhatToGrant() throws {
        let server = try PostgresTestServer.shared()
        let base = try BackendDatabase(.postgres)
        let role = "curio_reader_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) LOGIN")
        defer { _ = try? server.psql("DROP ROLE IF EXISTS \(role)") }
        let connectionString = base.connectionString ?? ""
        let asReader = connectionString.contains("://")
            ? connectionString + (connectionString.contains("?") ? "&" : "?") + "user=\(role)"
            : connectionString + " user=\(role)"
        do {
            _ = try CurioDatabase.open(postgres: asReader)
            Issue.record("a role without CREATE on the schema created the shop")
        } catch {
            guard case .cannotOpen(_, let reason) = error else {
                Issue.record("expected cannotOpen, got \(error)")
                return
            }
            #expect(reason.contains("may not create Curio's tables"), "\(reason)")
            #expect(reason.contains("OWNER TO \(role)") && reason.contains("GRANT CREATE ON SCHEMA public TO \(role)"), "\(reason)")
        }
        let owner = try base.postgresConnection()
        #expect(try owner.scalarInt("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()") == 0, "nothing was left behind")
    }

    @Test func copiedRowsKeepTheirIdsAndIdentitiesContinueAfterThem() throws {
        let base = try BackendDatabase(.postgres)
        let db = try base.openShop()
        try db.execute("INSERT INTO products(id, handle, title, created_at, updated_at) VALUES (41, 'a', 'A', 0, 0)")
        try db.execute("SELECT curio_sync_identities()")
        #expect(try SchemaFixture.insert(db, "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('b', 'B', 0, 0) RETURNING id") == 42)
        #expect(try SchemaFixture.insert(db, "INSERT INTO users(email, created_at, updated_at) VALUES ('a@b.co', 0, 0) RETURNING id") == 1)
    }
}

/// Version 7 on a PostgreSQL shop that version 6 left: checkout's numbers carry on from its orders.
@Suite struct OrderNumberSequenceTests {
    @Test func aVersionSixShopsNextOrderNumberFollowsItsOrdersAndAnyNumberWrittenByHand() throws {
        let base = try BackendDatabase(.postgres)
        let db = try base.postgresConnection()
        try CurioDatabase.migrate(db, migrations: Array(Migrations.all.prefix { $0.version <= 6 }))
        _ = try SchemaFixture.order(db, number: 1500, token: "old")
        try CurioDatabase.migrate(db, migrations: Migrations.all)
        #expect(try db.scalarInt("SELECT version FROM curio_schema") == Int64(Migrations.latestVersion))
        #expect(try db.nextOrderNumber() == 1501)
        // Seeded history writes its own numbers; the next checkout goes past them.
        _ = try SchemaFixture.order(db, number: 2000, token: "seeded")
        #expect(try db.nextOrderNumber() == 2001)
        // A copy brings its orders with triggers off; syncing the identities moves the sequence too.
        try db.execute("ALTER TABLE orders DISABLE TRIGGER USER")
        _ = try SchemaFixture.order(db, number: 3000, token: "copied")
        try db.execute("ALTER TABLE orders ENABLE TRIGGER USER")
        try db.execute("SELECT curio_sync_identities()")
        #expect(try db.nextOrderNumber() == 3001)
    }

    @Test func aNewShopsFirstOrderIsNumber1001() throws {
        let base = try BackendDatabase(.postgres)
        let db = try base.openShop()
        #expect(try db.nextOrderNumber() == 1001)
    }
}
