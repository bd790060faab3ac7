import CurioTestSupport
import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// PostgreSQL's side of the storage layer against the tests' real server: connecting, the errors a user
/// sees, what PostgreSQL does differently from SQLite, and notifications between connections.
@Suite struct PostgresConnectionTests {
    private func database() throws -> BackendDatabase { try BackendDatabase(.postgres) }

    private func openError(_ connectionString: String, options: PostgresOptions = PostgresOptions(),
                           overrides: [String: String] = [:]) -> PostgresOpenError? {
        do {
            _ = try PostgresConnection(connectionString, options: options, overrides: overrides)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Connecting

    @Test func connectsByKeywordPairsByURIAndWithOverrides() throws {
        let base = try database()
        let first = try base.postgresConnection()
        #expect(first.serverVersion >= 120_000)
        #expect(first.location == "\(first.user)@\(first.host):\(first.port)/\(first.database)")
        let keywords = "host='\(first.host)' port=\(first.port) user='\(first.user)' dbname='\(first.database)'"
        var uri = URLComponents()
        uri.scheme = "postgresql"
        uri.host = ""
        uri.path = "/" + first.database
        uri.queryItems = [URLQueryItem(name: "host", value: first.host), URLQueryItem(name: "port", value: first.port),
                          URLQueryItem(name: "user", value: first.user)]
        for form in [keywords, uri.string ?? ""] {
            let connection = try PostgresConnection(form)
            #expect(connection.database == first.database, "\(form)")
            #expect(try connection.scalarString("SELECT current_setting('client_encoding')") == "UTF8")
            #expect(try connection.scalarString("SELECT current_setting('application_name')") == "curio")
        }
        let other = try PostgresConnection(keywords, overrides: ["dbname": "postgres", "application_name": "curio-test"])
        #expect(other.database == "postgres")
        #expect(try other.scalarString("SELECT current_setting('application_name')") == "curio-test")
    }

    @Test func everyExecutionIsPlannedForItsValues() throws {
        // A generic plan for a search walks every document; each session plans each execution instead.
        let base = try database()
        let db = try base.postgresConnection()
        #expect(try db.scalarString("SELECT current_setting('plan_cache_mode')") == "force_custom_plan")
        #expect(try db.scalarString("SELECT current_setting('lock_timeout')") == "10s")
    }

    @Test func noServerAtTheTargetIsUnreachable() throws {
        let empty = TempDir()
        let error = openError("host=\(empty.path) port=5432 user=postgres dbname=postgres")
        guard case .unreachable(let target, let reason)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))"); return
        }
        #expect(target.contains(empty.path) && reason.contains("No such file or directory"))
        #expect(error?.description.contains("cannot reach the PostgreSQL server") == true)
    }

    @Test func aServerThatNeverAnswersIsUnreachableAfterTheTimeout() throws {
        // A socket that accepts connections (the kernel does) but never speaks PostgreSQL.
        let silent = try LoopbackSocket(listening: true)
        var options = PostgresOptions()
        options.connectTimeoutMilliseconds = 300
        let error = openError("host=127.0.0.1 port=\(silent.port) user=x dbname=x sslmode=disable", options: options)
        guard case .unreachable(_, let reason)? = error else {
            Issue.record("expected unreachable, got \(String(describing: error))"); return
        }
        #expect(reason == "no answer within 300 ms")
    }

    @Test func aRoleThatMayNotLogInIsAnAuthenticationFailure() throws {
        let base = try database()
        let server = try PostgresTestServer.shared()
        let role = "curio_nologin_\(UInt32.random(in: 0...UInt32.max))"
        try server.psql("CREATE ROLE \(role) NOLOGIN")
        defer { _ = try? server.psql("DROP ROLE IF EXISTS \(role)") }
        let error = openError(base.connectionString ?? "", overrides: ["user": role])
        guard case .authenticationFailed(_, let user, let state, _)? = error else {
            Issue.record("expected an authentication failure, got \(String(describing: error))"); return
        }
        #expect(user == role && state == "28000")
        #expect(error?.description.contains("PostgreSQL refused user \"\(role)\"") == true)
        #expect(error?.description.contains("pg_hba.conf") == true)
        let ghost = openError(base.connectionString ?? "", overrides: ["user": role + "_ghost"])
        guard case .authenticationFailed? = ghost else { Issue.record("an unknown role: \(String(describing: ghost))"); return }
    }

    @Test func aMissingDatabaseIsNamed() throws {
        let base = try database()
        let error = openError(base.connectionString ?? "", overrides: ["dbname": "curio_no_such_database"])
        guard case .noSuchDatabase(let target, let name)? = error else {
            Issue.record("expected no such database, got \(String(describing: error))"); return
        }
        #expect(name == "curio_no_such_database" && target.hasSuffix("/curio_no_such_database"))
        #expect(error?.sqlState == "3D000")
        #expect(error?.description.contains("createdb curio_no_such_database") == true)
    }

    @Test func aConnectionStringThatCannotBeReadIsSaidSo() {
        let error = openError("dbname=shop bogus")
        guard case .invalidConnectionString(let reason)? = error else {
            Issue.record("expected an invalid connection string, got \(String(describing: error))"); return
        }
        #expect(reason.contains("bogus"))
        #expect(error?.description.contains("postgresql://USER@HOST:PORT/DATABASE") == true)
    }

    @Test func serverErrorLinesAreReadByTheirCode() {
        let message = "connection to server on socket \"/tmp/x/.s.PGSQL.5\" failed: FATAL:  28P01: password authentication failed for user \"kim\"\nLOCATION:  auth_failed, auth.c:1\n"
        #expect(PostgresConnector.serverError(in: message)?.0 == "28P01")
        #expect(PostgresConnector.serverError(in: message)?.1 == "password authentication failed for user \"kim\"")
        #expect(PostgresConnector.serverError(in: "could not translate host name \"db\" to address: Name or service not known\n") == nil)
        #expect(PostgresConnector.clientReason("connection to server at \"h\", port 1 failed: Connection refused\n\tIs the server running?\n")
            == "Connection refused Is the server running?")
    }

    // MARK: Opening a Curio database

    @Test func anEmptyDatabaseIsVersionZeroAndNewerOrForeignOnesAreRefused() throws {
        let base = try database()
        let db = try base.postgresConnection()
        #expect(try db.checkCurioSchema(supported: Migrations.latestVersion) == 0)
        try db.executeScript("CREATE TABLE curio_schema(application_id BIGINT NOT NULL, version INTEGER NOT NULL)")
        try db.execute("INSERT INTO curio_schema VALUES (?, ?)", Migrations.applicationID, Migrations.latestVersion + 7)
        #expect(throws: PostgresOpenError.newerSchema(target: db.location, found: Migrations.latestVersion + 7,
                                                      supported: Migrations.latestVersion)) {
            try db.checkCurioSchema(supported: Migrations.latestVersion)
        }
        try db.execute("UPDATE curio_schema SET version = ?", Migrations.latestVersion)
        #expect(try db.checkCurioSchema(supported: Migrations.latestVersion) == Migrations.latestVersion)
        try db.execute("UPDATE curio_schema SET application_id = 1")
        #expect(throws: PostgresOpenError.notCurio(target: db.location)) { try db.checkCurioSchema(supported: 99) }

        let otherBase = try database()
        let other = try otherBase.postgresConnection()
        try other.executeScript("CREATE TABLE invoices(id BIGINT)")
        #expect(throws: PostgresOpenError.notCurio(target: other.location)) { try other.checkCurioSchema(supported: 99) }
        #expect(PostgresOpenError.newerSchema(target: "t", found: 9, supported: 3).description.contains("upgrade curio"))
    }

    // MARK: Where PostgreSQL differs

    @Test(arguments: [true, false])
    func parametersBindWithAndWithoutPreparedStatements(_ prepared: Bool) throws {
        let base = try database()
        let db = try base.postgresConnection(preparedStatements: prepared)
        try db.executeScript("CREATE TABLE t(i BIGINT, s TEXT, b BYTEA)")
        for round in 0..<3 {
            try db.execute("INSERT INTO t VALUES (?, ?, ?)", Int64.max - Int64(round), "σ\(round)", [UInt8(round), 0])
            try db.execute("INSERT INTO t VALUES (?, ?, ?)", nil as Int64?, nil as String?, nil as [UInt8]?)
        }
        #expect(try db.all("SELECT i, s, b FROM t WHERE i IS NOT NULL ORDER BY i") { [$0.value(0), $0.value(1), $0.value(2)] } == [
            [.integer(Int64.max - 2), .text("σ2"), .blob([2, 0])], [.integer(Int64.max - 1), .text("σ1"), .blob([1, 0])],
            [.integer(Int64.max), .text("σ0"), .blob([0, 0])],
        ])
        #expect(try db.scalarInt("SELECT count(*) FROM t WHERE i IS NULL AND s IS NULL AND b IS NULL") == 3)
    }

    @Test func textWithANulCharacterIsRefusedNotTruncated() throws {
        let base = try database()
        let db = try base.postgresConnection()
        try db.executeScript("CREATE TABLE t(s TEXT)")
        #expect {
            try db.execute("INSERT INTO t VALUES (?)", "nul\u{0}inside")
        } throws: { error in
            let error = error as? DatabaseError
            return error?.sqlState == "22021" && error?.message.contains("NUL character") == true
        }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
    }

    @Test func aSwallowedFailureInsideATransactionCommitsNothing() throws {
        let base = try database()
        let db = try base.postgresConnection()
        try db.executeScript("CREATE TABLE t(v BIGINT UNIQUE)")
        // On SQLite only the failed statement is undone; PostgreSQL abandons the whole transaction, and a
        // commit must not pretend otherwise. (Services give such statements a savepoint: a nested transaction.)
        #expect {
            try db.transaction(.immediate) {
                try db.execute("INSERT INTO t VALUES (1)")
                _ = try? db.execute("INSERT INTO t VALUES (1)")
            }
        } throws: { ($0 as? DatabaseError)?.sqlState == "25P02" }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
        #expect(db.isAutocommit)
    }

    @Test func aWriterWaitsForTheLockAndThenSeesTheCommitBeforeIt() throws {
        let base = try database()
        let a = try base.postgresConnection()
        let b = try base.postgresConnection()
        let watcher = try base.postgresConnection()
        try a.executeScript("CREATE TABLE t(v BIGINT)")
        let bPID = b.backendPID
        nonisolated(unsafe) let second = b
        nonisolated(unsafe) var seen: Int64? = nil
        nonisolated(unsafe) var failure: Error? = nil
        let done = DispatchSemaphore(value: 0)
        try a.transaction(.immediate) {
            try a.execute("INSERT INTO t VALUES (1)")
            let thread = Thread {
                do {
                    // Read-then-write, as a stock check is: correct only if the read comes after a's commit.
                    try second.transaction(.immediate) {
                        seen = try second.scalarInt("SELECT count(*) FROM t")
                        try second.execute("INSERT INTO t VALUES (2)")
                    }
                } catch { failure = error }
                done.signal()
            }
            thread.start()
            // Poll the server until b is queued on the writer lock.
            var waiting = false
            for _ in 0..<2000 where !waiting {
                waiting = try watcher.scalarInt("SELECT count(*) FROM pg_locks WHERE pid = ? AND locktype = 'advisory' AND NOT granted", bPID) == 1
                if !waiting { usleep(5_000) }
            }
            #expect(waiting, "b waits for the writer lock a holds")
        }
        done.wait()
        #expect(failure == nil)
        #expect(seen == 1, "b's transaction saw a's row, committed while it waited")
        #expect(try a.scalarInt("SELECT count(*) FROM t") == 2)
    }

    @Test func aDroppedConnectionReconnectsBetweenStatementsButNotInsideATransaction() throws {
        let base = try database()
        let db = try base.postgresConnection()
        let killer = try base.postgresConnection()
        try db.executeScript("CREATE TABLE t(v BIGINT)")
        let version = try db.dataVersion()
        let firstPID = db.backendPID
        // The server ends the session (an administrator, a restart); the timeout waits until it is gone.
        let terminate = "SELECT CASE WHEN pg_terminate_backend(CAST(? AS INTEGER), 10000) THEN 1 ELSE 0 END"
        #expect(try killer.scalarInt(terminate, firstPID) == 1)
        try db.execute("INSERT INTO t VALUES (1)")
        #expect(db.backendPID != firstPID)
        #expect(try db.dataVersion() != version, "a reconnect counts as a change: others may have written meanwhile")

        let secondPID = db.backendPID
        #expect {
            try db.transaction(.immediate) {
                try db.execute("INSERT INTO t VALUES (2)")
                #expect(try killer.scalarInt(terminate, secondPID) == 1)
                try db.execute("INSERT INTO t VALUES (3)")
            }
        } throws: { error in
            let error = error as? DatabaseError
            return error?.sqlState == "08006" && error?.message.contains("nothing of it was committed") == true
        }
        #expect(try db.all("SELECT v FROM t ORDER BY v") { $0.int(0) } == [1])
    }

    @Test func aStalePreparedPlanIsPreparedAgain() throws {
        let base = try database()
        let db = try base.postgresConnection()
        try db.executeScript("CREATE TABLE t(a BIGINT); INSERT INTO t VALUES (1);")
        #expect(try db.first("SELECT * FROM t") { $0.count } == 1)
        try db.executeScript("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'")
        #expect(try db.first("SELECT * FROM t") { $0.count } == 2, "the cached plan's result type changed")
    }

    // MARK: Notifications

    @Test func notificationsTravelBetweenConnectionsWhenTheirTransactionCommits() throws {
        let base = try database()
        let listener = try base.postgresConnection()
        let sender = try base.postgresConnection()
        _ = try listener.dataVersion()
        try listener.listen("stock updates")
        struct Undo: Error {}
        _ = try? sender.transaction(.immediate) {
            try sender.notify("stock updates", payload: "rolled back")
            throw Undo()
        }
        try sender.transaction(.immediate) {
            try sender.notify("stock updates", payload: "SKU-1 → 3 left 🙂")
            try sender.notify("elsewhere", payload: "not listened to")
        }
        try sender.notify("stock updates", payload: "second")
        var received: [PostgresNotification] = []
        while received.count < 2 {
            let batch = try listener.waitForNotifications(timeoutMilliseconds: 10_000)
            if batch.isEmpty { break }
            received += batch
        }
        #expect(received == [
            PostgresNotification(channel: "stock updates", payload: "SKU-1 → 3 left 🙂", senderPID: sender.backendPID),
            PostgresNotification(channel: "stock updates", payload: "second", senderPID: sender.backendPID),
        ], "in commit order, and nothing from the rolled-back transaction")
        try listener.unlisten("stock updates")
        try sender.notify("stock updates", payload: "after unlisten")
        let version = try listener.dataVersion()
        try sender.notify(PostgresConnection.changesChannel)  // a marker: once it counts, everything before it has arrived
        #expect(try listener.waitForChange(since: version, timeoutMilliseconds: 10_000))
        #expect(try listener.notifications().isEmpty)
    }

    @Test func dataVersionCountsOtherConnectionsCommitsOnly() throws {
        let base = try database()
        let a = try base.postgresConnection()
        let b = try base.postgresConnection()
        try b.executeScript("CREATE TABLE t(v BIGINT)")
        let start = try a.dataVersion()
        try a.transaction(.immediate) { try a.execute("INSERT INTO t VALUES (1)") }
        struct Undo: Error {}
        _ = try? b.transaction(.immediate) {
            try b.execute("INSERT INTO t VALUES (2)")
            throw Undo()
        }
        try b.transaction(.deferred) { _ = try b.scalarInt("SELECT count(*) FROM t") }
        try b.transaction(.immediate) { try b.execute("INSERT INTO t VALUES (3)") }
        #expect(try a.waitForChange(since: start, timeoutMilliseconds: 10_000))
        // Notifications arrive in commit order: by the time b's commit counts, a's own and b's rolled-back
        // and read-only transactions would have too.
        #expect(try a.dataVersion() == start + 1)
    }
}
