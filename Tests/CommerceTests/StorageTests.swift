import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// SQLite specifics; what both backends promise is in ConnectionContractTests.
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

    @Test func pragmasAreSetOnOpen() throws {
        let dir = TempDir()
        let db = try CurioDatabase.open(path: dir.file("nested/folders/a.db"))
        #expect(try db.scalarString("PRAGMA journal_mode") == "wal")
        #expect(try db.scalarInt("PRAGMA synchronous") == 2)  // FULL
        #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
        #expect(FileManager.default.fileExists(atPath: dir.file("nested/folders/a.db")))
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
