import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// What every `SQLConnection` promises the services, proved on both backends against real databases.
@Suite struct ConnectionContractTests {
    @Test(arguments: Backend.allCases)
    func valuesRoundTripThroughTypedColumns(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        try db.executeScript(base.dialect("CREATE TABLE t(i BIGINT, r REAL, s TEXT, b BLOB)"))
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let cases: [(column: String, value: SQLValue)] = [
            ("i", .integer(Int64.max)), ("i", .integer(Int64.min)), ("i", .integer(0)), ("i", .null),
            ("r", .real(-1.5)), ("r", .real(0.1)), ("r", .real(Double.greatestFiniteMagnitude)),
            ("r", .real(Double.leastNonzeroMagnitude)), ("r", .real(-Double.infinity)), ("r", .null),
            ("s", .text("")), ("s", .text("Crème brûlée — 東京 🙂👩‍👩‍👧 e\u{301}")), ("s", .text("it's ? and $1 and -- not a comment")),
            ("s", .null), ("b", .blob([])), ("b", .blob([0, 1, 0, 255])), ("b", .blob(bytes)), ("b", .null),
        ]
        for (column, value) in cases {
            try db.execute("DELETE FROM t")
            try db.execute("INSERT INTO t(\(column)) VALUES (?)", value)
            let back = try db.first("SELECT \(column) FROM t") { $0.value(0) }
            #expect(back == value, "\(column): \(value) came back as \(String(describing: back))")
            #expect(try db.scalarInt("SELECT count(*) FROM t WHERE \(column) = ?", value) == (value == .null ? 0 : 1),
                    "\(value) compares equal to itself as a bound value")
        }
    }

    @Test(arguments: Backend.allCases)
    func swiftTypesBindAsExpected(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        let optional: String? = nil
        let row = try db.first("SELECT ?, ?, ?, ?, ?, ?", 42, true, "x", optional, Data([9]), UserID(7)) { row in
            (row.int(0), row.bool(1), row.string(2), row.isNull(3), row.bytes(4), row.int64(5))
        }
        #expect(row?.0 == 42 && row?.1 == true && row?.2 == "x" && row?.3 == true && row?.4 == [9] && row?.5 == 7)
    }

    @Test(arguments: Backend.allCases)
    func rowsConvertAsSQLiteDoes(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        try db.executeScript("CREATE TABLE t(v BIGINT); INSERT INTO t VALUES (3); INSERT INTO t VALUES (4);")
        // Integer division, a sum of integers (numeric on PostgreSQL), an average, a comparison (boolean there).
        let row = try db.first("SELECT 7 / 2, sum(v), avg(v), count(*), 1 = 1, 2 < 1, CAST(sum(v) AS TEXT) FROM t") { row in
            (row.int(0), row.value(1), row.double(2), row.value(3), row.bool(4), row.int(5), row.string(4), row.string(6),
             row.int64(2), row.columnName(3).lowercased(), row.count)
        }
        #expect(row?.0 == 3)
        #expect(row?.1 == .integer(7))
        #expect(row?.2 == 3.5)
        #expect(row?.3 == .integer(2))
        #expect(row?.4 == true && row?.5 == 0 && row?.6 == "1")
        #expect(row?.7 == "7")
        #expect(row?.8 == 3, "a real reads as an integer truncated")
        #expect(row?.9 == "count" || row?.9 == "count(*)")
        #expect(row?.10 == 7)
        #expect(try db.first("SELECT NULL") { ($0.isNull(0), $0.int(0), $0.string(0), $0.bytes(0), $0.optionalString(0)) }
            .map { $0 == (true, 0, "", [], nil) } == true)
    }

    @Test(arguments: Backend.allCases)
    func wrongParameterCountIsAnErrorNamingTheSQL(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        #expect {
            try db.execute("SELECT ?, ?", 1)
        } throws: { error in
            let error = error as? DatabaseError
            return error?.sql == "SELECT ?, ?" && error?.code == 25 && error?.message.contains("takes 2 parameters") == true
        }
    }

    @Test(arguments: Backend.allCases)
    func syntaxErrorCarriesCodeMessageAndSQL(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        do {
            try db.execute("SELEC 1")
            Issue.record("expected an error")
        } catch let error as DatabaseError {
            #expect(error.code == 1)
            #expect(error.message.contains("syntax error"))
            #expect(error.sql == "SELEC 1")
            #expect(error.description.contains("SELEC 1"))
            #expect((error.sqlState == "42601") == (backend == .postgres))
        }
    }

    @Test(arguments: Backend.allCases)
    func transactionRollsBackOnThrow(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        try db.executeScript("CREATE TABLE t(v BIGINT)")
        struct Boom: Error {}
        for kind in [TransactionKind.immediate, .deferred] {
            #expect(throws: Boom.self) {
                try db.transaction(kind) {
                    try db.execute("INSERT INTO t VALUES (1)")
                    throw Boom()
                }
            }
            #expect(try db.scalarInt("SELECT count(*) FROM t") == 0)
            #expect(db.isAutocommit)
        }
        try db.transaction(.immediate) { try db.execute("INSERT INTO t VALUES (?)", 5) }
        #expect(try db.scalarInt("SELECT sum(v) FROM t") == 5)
    }

    @Test(arguments: Backend.allCases)
    func nestedTransactionRollsBackOnlyItsOwnWork(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        try db.executeScript("CREATE TABLE t(v BIGINT UNIQUE)")
        struct Boom: Error {}
        try db.transaction(.immediate) {
            try db.execute("INSERT INTO t VALUES (1)")
            _ = try? db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Boom()
            }
            // The portable way to survive a failing statement inside a transaction: give it a savepoint.
            do {
                try db.transaction { try db.execute("INSERT INTO t VALUES (1)") }
                Issue.record("expected a UNIQUE violation")
            } catch let error as DatabaseError {
                #expect(error.isUniqueViolation)
            }
            try db.execute("INSERT INTO t VALUES (3)")
        }
        #expect(try db.all("SELECT v FROM t ORDER BY v") { $0.int(0) } == [1, 3])
        #expect(db.isAutocommit)
    }

    @Test(arguments: Backend.allCases)
    func cachedStatementCanBeUsedInsideItsOwnIteration(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        try db.executeScript("CREATE TABLE t(v BIGINT); INSERT INTO t VALUES (1), (2), (3);")
        var pairs: [Int] = []
        let sql = "SELECT v FROM t WHERE v >= ? ORDER BY v"
        try db.forEach(sql, 1) { outer in
            let inner = try db.all(sql, outer.int(0)) { $0.int(0) }
            pairs.append(inner.count)
        }
        #expect(pairs == [3, 2, 1])
        #expect(try db.all(sql, 2) { $0.int(0) } == [2, 3])
    }

    @Test(arguments: Backend.allCases)
    func constraintErrorsAreClassified(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        try db.executeScript("""
            CREATE TABLE p(id BIGINT PRIMARY KEY);
            CREATE TABLE t(v BIGINT UNIQUE CHECK (v > 0), n TEXT NOT NULL DEFAULT '', p BIGINT REFERENCES p(id));
            """)
        try db.execute("INSERT INTO t(v) VALUES (1)")
        func failure(_ sql: String) -> DatabaseError? {
            do { try db.execute(sql); return nil } catch { return error as? DatabaseError }
        }
        let unique = failure("INSERT INTO t(v) VALUES (1)")
        #expect(unique?.isUniqueViolation == true && unique?.isConstraint == true)
        #expect(failure("INSERT INTO p(id) VALUES (1), (1)")?.isUniqueViolation == true, "a primary key too")
        #expect(failure("INSERT INTO t(v) VALUES (-1)")?.isCheckViolation == true)
        let notNull = failure("INSERT INTO t(v, n) VALUES (2, NULL)")
        #expect(notNull?.isConstraint == true && notNull?.isUniqueViolation == false && notNull?.isCheckViolation == false)
        let foreign = failure("INSERT INTO t(v, p) VALUES (3, 99)")
        #expect(foreign?.isConstraint == true && foreign?.extendedCode == ExtendedCode.constraintForeignKey)
        #expect(try db.scalarInt("SELECT count(*) FROM t") == 1, "a failed statement changes nothing")
    }

    @Test(arguments: Backend.allCases)
    func changesCountsTheRowsOfTheLastWrite(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.connect()
        try db.executeScript("CREATE TABLE t(v BIGINT)")
        #expect(try db.execute("INSERT INTO t VALUES (1), (2), (3)") == 3)
        #expect(try db.execute("UPDATE t SET v = v + 1 WHERE v >= ?", 2) == 2)
        _ = try db.scalarInt("SELECT count(*) FROM t")
        #expect(db.changes == 2, "a query leaves the count of the last write")
        #expect(try db.execute("DELETE FROM t WHERE v > ?", 100) == 0)
    }

    @Test(arguments: Backend.allCases)
    func deferredTransactionReadsOneSnapshot(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let a = try base.connect()
        let b = try base.connect()
        try a.executeScript("CREATE TABLE t(v BIGINT); INSERT INTO t VALUES (1);")
        let counts = try a.transaction(.deferred) {
            let first = try a.scalarInt("SELECT count(*) FROM t")
            try b.execute("INSERT INTO t VALUES (2)")
            return (first, try a.scalarInt("SELECT count(*) FROM t"))
        }
        #expect(counts.0 == 1 && counts.1 == 1, "another connection's commit is not seen mid-transaction")
        #expect(try a.scalarInt("SELECT count(*) FROM t") == 2)
    }

    @Test(arguments: Backend.allCases)
    func immediateTransactionsExcludeEachOther(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let a = try base.connect()
        let b = try base.connect(lockTimeoutMilliseconds: 100)
        try a.executeScript("CREATE TABLE t(v BIGINT)")
        try a.transaction(.immediate) {
            try a.execute("INSERT INTO t VALUES (1)")
            #expect {
                try b.transaction(.immediate) { try b.execute("INSERT INTO t VALUES (2)") }
            } throws: { ($0 as? DatabaseError)?.isBusy == true }
        }
        #expect(try b.all("SELECT v FROM t") { $0.int(0) } == [1])
        #expect(b.isAutocommit)
    }

    @Test(arguments: Backend.allCases)
    func dataVersionMovesWhenAnotherConnectionCommits(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let a = try base.connect()
        let b = try base.connect()
        try b.executeScript("CREATE TABLE t(v BIGINT)")
        let before = try a.dataVersion()
        try b.transaction(.immediate) { try b.execute("INSERT INTO t VALUES (1)") }
        let afterB = try BackendDatabase.dataVersion(of: a, after: before)
        #expect(afterB != before)
        try a.transaction(.immediate) { try a.execute("INSERT INTO t VALUES (2)") }
        try a.execute("INSERT INTO t VALUES (3)")
        #expect(try a.dataVersion() == afterB, "a connection's own commits do not change its data version")
        try b.execute("INSERT INTO t VALUES (4)")
        #expect(try BackendDatabase.dataVersion(of: a, after: afterB) != afterB, "an autocommit write counts too")
    }
}
