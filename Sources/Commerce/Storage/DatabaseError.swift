import CSQLite

/// A failure reported by the database — SQLite or PostgreSQL: its result code, its message and the SQL
/// that failed. A PostgreSQL failure also carries its SQLSTATE, and its `extendedCode` is the SQLite code
/// of the same kind, so `isUniqueViolation`, `isBusy` and the rest mean the same on both backends.
public struct DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_UNIQUE`, `SQLITE_BUSY` …); for PostgreSQL, SQLite's
    /// code for the same kind of failure.
    public let extendedCode: Int32
    /// The database's own message for the failure.
    public let message: String
    /// The statement that failed, when there was one.
    public let sql: String?
    /// PostgreSQL's five-character SQLSTATE (`23505` …); nil for SQLite.
    public let sqlState: String?
    /// PostgreSQL's detail and hint lines, joined, when it sent any.
    public let detail: String?

    /// Creates an error from a result code, message and statement.
    public init(code: Int32, message: String, sql: String? = nil) {
        self.extendedCode = code
        self.message = message
        self.sql = sql
        self.sqlState = nil
        self.detail = nil
    }

    /// Creates an error from a PostgreSQL SQLSTATE, classified as the SQLite code of the same kind.
    public init(sqlState: String, message: String, detail: String? = nil, sql: String? = nil) {
        self.extendedCode = PostgresErrorCodes.sqliteCode(for: sqlState)
        self.message = message
        self.sql = sql
        self.sqlState = sqlState
        self.detail = detail
    }

    /// The primary result code (the low byte of the extended code).
    public var code: Int32 { extendedCode & 0xff }

    /// True for a constraint violation (UNIQUE, CHECK, FOREIGN KEY, NOT NULL).
    public var isConstraint: Bool { code == SQLITE_CONSTRAINT }
    /// True when a UNIQUE or PRIMARY KEY constraint was violated.
    public var isUniqueViolation: Bool {
        extendedCode == ExtendedCode.constraintUnique || extendedCode == ExtendedCode.constraintPrimaryKey
    }
    /// True when a CHECK constraint was violated.
    public var isCheckViolation: Bool { extendedCode == ExtendedCode.constraintCheck }
    /// True when another connection held a lock for longer than the busy timeout.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }
    /// True when a transaction that ran beside others lost to one of them and would succeed if run again:
    /// PostgreSQL broke a deadlock or a serialization conflict, or another transaction committed the
    /// unique key this one was writing (a second placement of the same checkout). Never set on SQLite,
    /// whose single writer runs transactions one at a time.
    public var isLostRace: Bool {
        sqlState == PostgresErrorCodes.deadlockDetected || sqlState == PostgresErrorCodes.serializationFailure
            || sqlState == PostgresErrorCodes.uniqueViolation
    }
    /// True when the database or its folder cannot be written.
    public var isReadOnly: Bool { code == SQLITE_READONLY }

    public var description: String {
        if let sqlState {
            let text = detail.map { "\(message) (\($0))" } ?? message
            if let sql { return "PostgreSQL error \(sqlState): \(text) — in: \(sql)" }
            return "PostgreSQL error \(sqlState): \(text)"
        }
        let name = String(cString: sqlite3_errstr(extendedCode))
        if let sql { return "SQLite error \(extendedCode) (\(name)): \(message) — in: \(sql)" }
        return "SQLite error \(extendedCode) (\(name)): \(message)"
    }
}

/// Extended result codes that the C header defines as expressions Swift cannot import.
enum ExtendedCode {
    static let constraintCheck = SQLITE_CONSTRAINT | (1 << 8)
    static let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintNotNull = SQLITE_CONSTRAINT | (5 << 8)
    static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintTrigger = SQLITE_CONSTRAINT | (7 << 8)
    static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)
}
