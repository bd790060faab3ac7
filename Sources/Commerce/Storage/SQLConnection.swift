/// One connection to a Curio database — a SQLite file (`Database`) or a PostgreSQL database
/// (`PostgresConnection`). Services speak only this interface, so they run unchanged on either:
/// parameters are `?` and always bound, rows read through `Row`, and every failure is a `DatabaseError`
/// whose classification (`isUniqueViolation`, `isBusy` …) means the same on both backends.
/// Use a connection from one thread at a time.
public protocol SQLConnection: AnyObject {
    /// Where the connection points, for messages: a file path, or a PostgreSQL target without its password.
    var location: String { get }

    /// The SQL the connection speaks where the backends differ, for the storage layer's fragments.
    var dialect: SQLDialect { get }

    /// True when no transaction is open.
    var isAutocommit: Bool { get }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    var changes: Int { get }

    /// Runs one statement with an array of bound values; returns the number of rows changed.
    @discardableResult
    func execute(_ sql: String, values: [SQLBindable?]) throws -> Int

    /// Runs several `;`-separated statements that take no values (schema scripts).
    func executeScript(_ sql: String) throws

    /// Calls `body` for every row the query returns, with an array of bound values.
    func forEach(_ sql: String, values: [SQLBindable?], body: (Row) throws -> Void) throws

    /// Maps the first row the query returns, with an array of bound values; nil when there is none.
    func first<T>(_ sql: String, values: [SQLBindable?], map: (Row) throws -> T) throws -> T?

    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws.
    /// Inside another transaction it becomes a savepoint, so an inner failure undoes only its own work.
    /// `.immediate` takes the shop's single writer lock before `body` runs.
    @discardableResult
    func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T

    /// A number that changes whenever another connection commits a change; cheap enough to poll.
    func dataVersion() throws -> Int64

    /// The schema version the database is at (the last migration applied).
    func schemaVersion() throws -> Int

    /// The engine's own consistency checks (SQLite's integrity and foreign-key checks), each with up to
    /// `limit` problems; empty when the engine enforces them itself and has nothing to check.
    func engineChecks(limit: Int) throws -> [DoctorCheck]

    /// How much disk the database takes, where the engine can tell.
    func footprint() throws -> StorageFootprint

    /// Runs `body` with durability relaxed for this connection (a bulk load of generated data), then puts
    /// the settings back.
    func bulkLoad<T>(_ body: () throws -> T) throws -> T
}

/// How much disk a database takes.
public struct StorageFootprint: Sendable, Equatable {
    /// Where the database is, for people: a file path, or a PostgreSQL target without its password.
    public let location: String
    /// Bytes of data.
    public let bytes: Int64
    /// Bytes of write-ahead log not yet checkpointed into the data (0 when the engine does not say).
    public let logBytes: Int64
    /// Creates a footprint.
    public init(location: String, bytes: Int64, logBytes: Int64) {
        self.location = location
        self.bytes = bytes
        self.logBytes = logBytes
    }
}

extension SQLConnection {
    /// Runs one statement with bound values, discarding any rows; returns the number of rows changed.
    @discardableResult
    public func execute(_ sql: String, _ values: SQLBindable?...) throws -> Int {
        try execute(sql, values: values)
    }

    /// Calls `body` for every row the query returns.
    public func forEach(_ sql: String, _ values: SQLBindable?..., body: (Row) throws -> Void) throws {
        try forEach(sql, values: values, body: body)
    }

    /// Maps every row the query returns.
    public func all<T>(_ sql: String, _ values: SQLBindable?..., map: (Row) throws -> T) throws -> [T] {
        try all(sql, values: values, map: map)
    }

    /// Maps every row the query returns, with an array of bound values.
    public func all<T>(_ sql: String, values: [SQLBindable?], map: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try forEach(sql, values: values) { result.append(try map($0)) }
        return result
    }

    /// Maps the first row the query returns, or nil when there is none.
    public func first<T>(_ sql: String, _ values: SQLBindable?..., map: (Row) throws -> T) throws -> T? {
        try first(sql, values: values, map: map)
    }

    /// The first column of the first row as an integer, or nil when there is no row or it is NULL.
    public func scalarInt(_ sql: String, _ values: SQLBindable?...) throws -> Int64? {
        try first(sql, values: values) { $0.optionalInt64(0) } ?? nil
    }

    /// The first column of the first row as text, or nil when there is no row or it is NULL.
    public func scalarString(_ sql: String, _ values: SQLBindable?...) throws -> String? {
        try first(sql, values: values) { $0.optionalString(0) } ?? nil
    }

    /// Runs `body` in a deferred transaction (see `transaction(_:_:)`).
    @discardableResult
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try transaction(.deferred, body)
    }
}

extension SQLConnection {
    /// Runs an INSERT into a table whose key is `id` and returns the new row's id (`… RETURNING id`, which
    /// SQLite and PostgreSQL both speak), with an array of bound values.
    public func insert(_ sql: String, values: [SQLBindable?]) throws -> Int64 {
        // Stepped to the end, not only to the first row: SQLite checks foreign keys when the statement finishes.
        var returned: Int64?
        try forEach(sql + " RETURNING id", values: values) { row in returned = returned ?? row.int64(0) }
        guard let id = returned else {
            throw DatabaseError(code: 1, message: "the INSERT returned no row id", sql: sql)
        }
        return id
    }

    /// Runs an INSERT into a table whose key is `id` and returns the new row's id.
    public func insert(_ sql: String, _ values: SQLBindable?...) throws -> Int64 {
        try insert(sql, values: values)
    }
}
