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

extension SQLDialect {
    /// A hint after a table name in FROM that makes the planner read `index`: `INDEXED BY index` on SQLite,
    /// whose planner would otherwise scan the table; nothing on PostgreSQL, which has no such hint and
    /// picks a partial index by itself when the query's WHERE implies the index's predicate.
    func indexHint(_ index: String) -> String {
        switch self {
        case .sqlite: return "INDEXED BY \(index)"
        case .postgres: return ""
        }
    }
}

extension SQLConnection {
    /// The number for a new order: one past the highest on SQLite, whose writer lock keeps two checkouts
    /// from reading the same highest; the next of the `order_numbers` sequence on PostgreSQL, where
    /// checkouts overlap (a checkout that rolls back leaves its number unused).
    func nextOrderNumber() throws -> Int {
        let sql = switch dialect {
        case .sqlite: "SELECT coalesce(max(number), 1000) + 1 FROM orders"
        case .postgres: "SELECT nextval('order_numbers')"
        }
        return Int(try scalarInt(sql) ?? 1001)
    }
}
