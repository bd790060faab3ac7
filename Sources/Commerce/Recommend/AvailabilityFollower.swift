/// Follows which products are buyable (active and in stock): one full read when a model is served,
/// then only the products the change log names after the last sequence number seen.
struct AvailabilityFollower {
    /// The last change-log number applied, or nil before the first full read.
    private var cursor: Int64?

    /// Every product of `catalog`, read in full; later changes are read from the log after now.
    mutating func all(_ db: any SQLConnection, catalog: ServingCatalog) throws -> [Bool] {
        try db.transaction(.deferred) { () throws -> [Bool] in
            cursor = try Self.latest(db)
            var available = [Bool](repeating: false, count: catalog.count)
            try db.forEach("SELECT id, status = 'active' AND stock_total > 0 FROM products") { row in
                if let item = catalog.index(ofProduct: row.int64(0)) { available[Int(item)] = row.bool(1) }
            }
            return available
        }
    }

    /// The dense products of `catalog` whose availability was logged since the last look, with it
    /// now; nil when a full read is needed (none yet, or a database without the log).
    mutating func changes(_ db: any SQLConnection, catalog: ServingCatalog) throws -> [(item: Int32, available: Bool)]? {
        guard let after = cursor else { return nil }
        return try db.transaction(.deferred) { () throws -> [(item: Int32, available: Bool)]? in
            var changed: [(item: Int32, available: Bool)] = []
            var last = after
            try db.forEach("""
                SELECT c.seq, c.product_id, CASE WHEN p.status = 'active' AND p.stock_total > 0 THEN 1 ELSE 0 END
                FROM product_availability_changes c LEFT JOIN products p ON p.id = c.product_id
                WHERE c.seq > ? ORDER BY c.seq
                """, after) { row in
                last = row.int64(0)
                if let item = catalog.index(ofProduct: row.int64(1)) { changed.append((item, row.bool(2))) }
            }
            cursor = last
            return changed
        }
    }

    /// The newest change-log number, 0 when the log is empty.
    private static func latest(_ db: any SQLConnection) throws -> Int64 {
        try db.scalarInt("SELECT coalesce(max(seq), 0) FROM product_availability_changes") ?? 0
    }
}
