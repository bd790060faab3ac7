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
    /// Locks the rows of `table` whose id is in `list` (placeholders for `values`, or a subquery) until the
    /// transaction ends, in id order: `SELECT … FOR UPDATE` on PostgreSQL, so a `.rowLocked` writer reads
    /// them as they stand and nobody changes them before it commits; nothing on SQLite, whose writer lock
    /// already keeps every other writer out. `table` and `list` are the service's own SQL, never input.
    func lockRows(of table: String, idIn list: String, values: [SQLBindable?]) throws {
        guard dialect == .postgres, !values.isEmpty else { return }
        try forEach("SELECT id FROM \(table) WHERE id IN (\(list)) ORDER BY id FOR UPDATE", values: values) { _ in }
    }

    /// Locks the products and then the variants that `variants` name, each in id order: the order every
    /// `.rowLocked` writer that changes stock takes them in, so two such writers never wait on each other
    /// in a cycle (a variant's stock change also updates its product's cached totals).
    func lockStock(of variants: [Int64]) throws {
        let ids = Array(Set(variants)).sorted()
        let list = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try lockRows(of: "products", idIn: "SELECT product_id FROM variants WHERE id IN (\(list))", values: ids)
        try lockRows(of: "variants", idIn: list, values: ids)
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

extension SQLConnection {
    /// Claims the row of `table` with `id` until the transaction ends: true when this transaction holds it,
    /// false when another transaction already does (the work is being done elsewhere: skip it). On
    /// PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`, so front hosts share work without waiting on each
    /// other; on SQLite always true, since its writer lock already keeps every other writer out.
    func claimRow(of table: String, id: Int64) throws -> Bool {
        guard dialect == .postgres else { return true }
        return try scalarInt("SELECT id FROM \(table) WHERE id = ? FOR UPDATE SKIP LOCKED", id) != nil
    }
}
