/// Settings for a PostgreSQL connection.
public struct PostgresOptions: Sendable {
    /// How long a statement waits for a lock (the writer lock, a row lock) before failing with a busy
    /// error, in milliseconds: PostgreSQL's `lock_timeout`, the counterpart of SQLite's busy timeout.
    public var lockTimeoutMilliseconds: Int = 10_000
    /// How long connecting may take before the server counts as unreachable, in milliseconds.
    public var connectTimeoutMilliseconds: Int = 10_000
    /// Prepare each statement once per connection and reuse it (`PQprepare`/`PQexecPrepared`). Turn off
    /// behind a pooler in transaction mode, which cannot keep prepared statements; each statement is then
    /// sent with `PQexecParams`. Values are bound out of line either way.
    public var preparedStatements = true
    /// Creates the default options.
    public init() {}
}
