/// Row locks for `.rowLocked` writers, which on PostgreSQL run beside one another: each helper takes
/// locks there and does nothing on SQLite, whose single writer lock already keeps other writers out.
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

    /// Claims the row of `table` with `id` until the transaction ends: true when this transaction holds it,
    /// false when another transaction already does (the work is being done elsewhere: skip it). On
    /// PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`, so front hosts share work without waiting on each
    /// other; on SQLite always true, since its writer lock already keeps every other writer out.
    func claimRow(of table: String, id: Int64) throws -> Bool {
        guard dialect == .postgres else { return true }
        return try scalarInt("SELECT id FROM \(table) WHERE id = ? FOR UPDATE SKIP LOCKED", id) != nil
    }
}
