import CLibPQ

extension PostgresConnection {
    /// The advisory lock every `.immediate` transaction takes: the counterpart of SQLite's single writer
    /// lock, held until commit or rollback. `.rowLocked` transactions (checkouts) hold it shared, so they
    /// run beside one another, locking the rows they change, and exclude only `.immediate` writers.
    /// Advisory locks belong to one database, so two shops on one server do not wait for each other.
    /// ("curio" in ASCII.)
    static let writerLockKey: Int64 = 0x63_75_72_69_6F
    /// The advisory lock a writer takes before it numbers a row of a log read as "the rows after the last
    /// number I saw" (the outbox and the change logs), held to its commit, so numbers become visible in
    /// the order they were handed out even while `.rowLocked` writers run side by side. ("curiol".)
    static let logNumberingLockKey: Int64 = 0x63_75_72_69_6F_6C

    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws; inside
    /// another transaction it becomes a savepoint. `.immediate` is READ COMMITTED after taking the writer
    /// lock, so each statement sees every write committed before it and writers queue as on SQLite (a wait
    /// past `lockTimeoutMilliseconds` is a busy error); `.rowLocked` is READ COMMITTED holding the writer
    /// lock shared, so such transactions overlap and queue only on the rows they lock; `.deferred` is REPEATABLE READ, one snapshot
    /// throughout, as a SQLite read transaction sees. A body that swallowed a failed statement cannot
    /// commit: PostgreSQL has abandoned the transaction, so this rolls back and throws.
    @discardableResult
    public func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        if inTransaction || !isAutocommit {
            savepointDepth += 1
            let name = "curio_sp\(savepointDepth)"
            defer { savepointDepth -= 1 }
            PQclear(try simple("SAVEPOINT \(name)"))
            do {
                let result = try body()
                PQclear(try simple("RELEASE SAVEPOINT \(name)"))
                return result
            } catch {
                if let undone = try? simple("ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)") { PQclear(undone) }
                throw error
            }
        }
        try reconnectIfIdleAndBroken()
        let begin = switch kind {
        case .immediate: "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(\(Self.writerLockKey))"
        case .rowLocked: "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock_shared(\(Self.writerLockKey))"
        case .deferred: "BEGIN ISOLATION LEVEL REPEATABLE READ"
        }
        inTransaction = true
        wroteInTransaction = false
        defer { inTransaction = false }
        do {
            PQclear(try simple(begin))
            let result = try body()
            try commit()
            return result
        } catch {
            if PQtransactionStatus(handle) != PQTRANS_IDLE, let undone = try? simple("ROLLBACK") { PQclear(undone) }
            throw error
        }
    }

    /// Commits the open transaction, telling listening connections when it changed anything.
    private func commit() throws(DatabaseError) {
        if PQtransactionStatus(handle) == PQTRANS_INERROR {
            throw DatabaseError(sqlState: PostgresErrorCodes.inFailedTransaction,
                                message: "a statement in the transaction failed and its error was caught, so PostgreSQL abandoned the transaction; nothing was committed",
                                sql: nil)
        }
        // NOTIFY inside the transaction is delivered only if the commit succeeds.
        let result = try simple(wroteInTransaction ? "NOTIFY \(PostgresConnection.changesChannel); COMMIT" : "COMMIT")
        defer { PQclear(result) }
        if String(cString: PQcmdStatus(result)) != "COMMIT" {
            throw DatabaseError(sqlState: PostgresErrorCodes.inFailedTransaction,
                                message: "PostgreSQL rolled the transaction back instead of committing it", sql: "COMMIT")
        }
    }

    /// Records that a statement changed rows: inside a transaction its commit will notify; outside, the
    /// change is already committed, so notify now.
    func noteWrite(changed: Bool) {
        guard changed else { return }
        if inTransaction || !isAutocommit {
            wroteInTransaction = true
        } else if let result = try? simple("NOTIFY \(PostgresConnection.changesChannel)") {
            PQclear(result)
        }
    }
}
