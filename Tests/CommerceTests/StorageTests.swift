import Foundation
import Testing
@testable import Commerce

@Suite struct StorageTests {
    @Test func bindingRoundTripsEveryStorageClass() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        try db.executeScript("CREATE TABLE t(v)")
        let values: [SQLValue] = [
            .integer(Int64.max), .integer(Int64.min), .integer(0), .real(-1.5), .real(Double.greatestFiniteMagnitude),
            .text(""), .text("Crème brûlée — 東京 🙂👩‍👩‍👧"), .text("nul\u{0}inside"), .blob([]), .blob([0, 1, 0, 255]), .null,
        ]
        for value in values {
            try db.execute("DELETE FROM t")
            try db.execute("INSERT INTO t(v) VALUES (?)", value)
            let back = try db.first("SELECT v, typeof(v) FROM t") { ($0.value(0), $0.string(1)) }
            #expect(back?.0 == value, "round trip of \(value) (stored as \(back?.1 ?? "?"))")
        }
    }

    @Test func swiftTypesBindAsExpected() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        let optional: String? = nil
        let row = try db.first("SELECT ?, ?, ?, ?, ?, ?", 42, true, "x", optional, Data([9]), UserID(7)) { row in
            (row.int(0), row.bool(1), row.string(2), row.isNull(3), row.bytes(4), row.int64(5))
        }
        #expect(row?.0 == 42 && row?.1 == true && row?.2 == "x" && row?.3 == true && row?.4 == [9] && row?.5 == 7)
    }

    @Test func wrongParameterCountIsAnErrorNamingTheSQL() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        #expect {
            try db.execute("SELECT ?, ?", 1)
        } throws: { error in
            (error as? DatabaseError)?.sql == "SELECT ?, ?"
        }
    }

    @Test func syntaxErrorCarriesCodeMessageAndSQL() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        do {
            try db.execute("SELEC 1")
            Issue.record("expected an error")
        } catch let error as DatabaseError {
            #expect(error.code == 1)
            #expect(error.message.contains("syntax error"))
            #expect(error.sql == "SELEC 1")
            #expect(error.description.contains("SELEC 1"))
        }
    }

    @Test func transactionRollsBackOnThrow() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        try db.executeScript("CREATE TABLE t(v INTEGER)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction(.immediate) {
                try db.execute("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
        #expect(db.isAutocommit)
    }

    @Test func nestedTransactionRollsBackOnlyItsOwnWork() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        try db.executeScript("CREATE TABLE t(v INTEGER)")
        struct Boom: Error {}
        try db.transaction(.immediate) {
            try db.execute("INSERT INTO t VALUES (1)")
            _ = try? db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Boom()
            }
            try db.execute("INSERT INTO t VALUES (3)")
        }
        #expect(try db.all("SELECT v FROM t ORDER BY v") { $0.int(0) } == [1, 3])
    }

    @Test func cachedStatementCanBeUsedInsideItsOwnIteration() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        try db.executeScript("CREATE TABLE t(v INTEGER); INSERT INTO t VALUES (1), (2), (3);")
        var pairs: [Int] = []
        let sql = "SELECT v FROM t WHERE v >= ? ORDER BY v"
        try db.forEach(sql, 1) { outer in
            let inner = try db.all(sql, outer.int(0)) { $0.int(0) }
            pairs.append(inner.count)
        }
        #expect(pairs == [3, 2, 1])
        // And the cached statement still works afterwards.
        #expect(try db.all(sql, 2) { $0.int(0) } == [2, 3])
    }

    @Test func constraintErrorsAreClassified() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("a.db"))
        try db.executeScript("CREATE TABLE t(v INTEGER UNIQUE CHECK (v > 0))")
        try db.execute("INSERT INTO t VALUES (1)")
        do { try db.execute("INSERT INTO t VALUES (1)"); Issue.record("expected UNIQUE violation") } catch let e as DatabaseError {
            #expect(e.isUniqueViolation && e.isConstraint)
        }
        do { try db.execute("INSERT INTO t VALUES (-1)"); Issue.record("expected CHECK violation") } catch let e as DatabaseError {
            #expect(e.isCheckViolation)
        }
    }

    @Test func pragmasAreSetOnOpen() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("nested/folders/a.db"))
        #expect(try db.scalarString("PRAGMA journal_mode") == "wal")
        #expect(try db.scalarInt("PRAGMA synchronous") == 2)  // FULL
        #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
        #expect(FileManager.default.fileExists(atPath: dir.file("nested/folders/a.db")))
    }

    @Test func dataVersionMovesWhenAnotherConnectionCommits() throws {
        let dir = TempDir()
        let a = try CurioDatabase.open(path: dir.file("a.db"))
        let b = try CurioDatabase.open(path: dir.file("a.db"))
        let before = try a.dataVersion()
        try b.execute("INSERT INTO settings(key, value) VALUES ('k', 'v')")
        #expect(try a.dataVersion() != before)
        let same = try a.dataVersion()
        try a.execute("INSERT INTO settings(key, value) VALUES ('k2', 'v')")
        #expect(try a.dataVersion() == same, "a connection's own commits do not change its data_version")
    }

    @Test func secondWriterWaitsForTheFirstInsteadOfFailing() throws {
        let dir = TempDir()
        let path = dir.file("a.db")
        let a = try CurioDatabase.open(path: path)
        var options = DatabaseOptions()
        options.busyTimeoutMilliseconds = 5000
        let b = try CurioDatabase.open(path: path, options: options)
        try a.executeScript("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('a', '1');")
        nonisolated(unsafe) let holder = a
        let release = Thread {
            usleep(200_000)
            try? holder.executeScript("COMMIT")
        }
        release.start()
        let started = Date()
        try b.transaction(.immediate) { try b.execute("INSERT INTO settings VALUES ('b', '2')") }
        #expect(Date().timeIntervalSince(started) >= 0.1, "b waited for a's lock")
        #expect(try b.scalarInt("SELECT count(*) FROM settings") == 2)
    }

    @Test func busyTimeoutEndsWithABusyError() throws {
        let dir = TempDir()
        let path = dir.file("a.db")
        let a = try CurioDatabase.open(path: path)
        var options = DatabaseOptions()
        options.busyTimeoutMilliseconds = 100
        let b = try CurioDatabase.open(path: path, options: options)
        try a.executeScript("BEGIN IMMEDIATE")
        defer { try? a.executeScript("ROLLBACK") }
        #expect {
            try b.transaction(.immediate) {}
        } throws: { ($0 as? DatabaseError)?.isBusy == true }
    }
}

@Suite struct WriterQueueTests {
    @Test func writersQueueBehindEachOtherAcrossConnections() throws {
        let dir = TempDir()
        let path = dir.file("a.db")
        let a = try CurioDatabase.open(path: path)
        let b = try CurioDatabase.open(path: path)
        nonisolated(unsafe) let holder = a
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? holder.transaction(.immediate) {
                try holder.execute("INSERT INTO settings VALUES ('a', '1')")
                usleep(200_000)
            }
            done.signal()
        }
        usleep(50_000)
        try b.transaction(.immediate) { try b.execute("INSERT INTO settings VALUES ('b', '2')") }
        done.wait()
        #expect(try b.all("SELECT key FROM settings ORDER BY key") { $0.string(0) } == ["a", "b"])
    }

    @Test func aQueueHeldTooLongFallsBackToSQLiteLocking() throws {
        let dir = TempDir()
        let path = dir.file("a.db")
        var options = DatabaseOptions()
        options.busyTimeoutMilliseconds = 100
        let db = try CurioDatabase.open(path: path, options: options)
        // Someone holds the queue file but not the database: after the timeout the writer goes ahead.
        let squatter = try #require(WriterQueue(databasePath: path, timeoutMilliseconds: 100))
        #expect(squatter.enter())
        defer { squatter.leave() }
        try db.transaction(.immediate) { try db.execute("INSERT INTO settings VALUES ('k', 'v')") }
        #expect(try db.scalarString("SELECT value FROM settings WHERE key = 'k'") == "v")
    }
}
