/// Which SQL a connection speaks where SQLite and PostgreSQL differ. Only the storage layer looks at
/// it, to pick the fragments it hands services (see `SearchDialect`); services never branch on it.
public enum SQLDialect: Sendable, Hashable {
    /// SQLite 3.40 or later, with FTS5 (`Database`).
    case sqlite
    /// PostgreSQL 15 through libpq (`PostgresConnection`).
    case postgres
}

extension Database {
    /// SQLite's dialect.
    public var dialect: SQLDialect { .sqlite }
}

extension PostgresConnection {
    /// PostgreSQL's dialect.
    public var dialect: SQLDialect { .postgres }
}
