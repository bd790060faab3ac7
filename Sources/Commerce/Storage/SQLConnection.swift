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
