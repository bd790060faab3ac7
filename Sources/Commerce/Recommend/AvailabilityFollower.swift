import Foundation

/// Follows which products are buyable (active and in stock): one full read when a model is served,
/// then only the products the change log names after the last sequence number seen. The log is
/// pruned (`AvailabilityLogPruning`): a follower that fell behind what was pruned reads in full once.
/// It says how far it read in `availability_readers`, so pruning spares what it has not read yet.
struct AvailabilityFollower {
    /// The last change-log number applied, or nil before the first full read.
    private(set) var cursor: Int64?
    /// This follower's name among the readers.
    let reader: String
    /// The position last written to `availability_readers`, and when (ms since the Unix epoch).
    private var reported: (seq: Int64, at: Int64)?
    /// The least time between two reports of a moved position.
    static let reportInterval: Int64 = 30_000

    /// A follower with a fresh reader name.
    init(reader: String = UUID().uuidString) { self.reader = reader }

    /// Every product of `catalog`, read in full; later changes are read from the log after now. Only
    /// the available ones are read, from the in-stock index (every session does this as its model
    /// loads: a read of the products table was 85 ms and 16 MB of page cache at 100k products).
    mutating func all(_ db: any SQLConnection, catalog: ServingCatalog) throws -> [Bool] {
        try db.transaction(.deferred) { () throws -> [Bool] in
            cursor = try Self.latest(db)
            var available = [Bool](repeating: false, count: catalog.count)
            try db.forEach("""
                SELECT id FROM products \(db.dialect.indexHint("products_in_stock_price")) WHERE status = 'active' AND stock_total > 0
                """) { row in
                if let item = catalog.index(ofProduct: row.int64(0)) { available[Int(item)] = true }
            }
            return available
        }
    }

    /// The dense products of `catalog` whose availability was logged since the last look, with it
    /// now; nil when a full read is needed (none yet, or rows this follower had not read were pruned).
    mutating func changes(_ db: any SQLConnection, catalog: ServingCatalog) throws -> [(item: Int32, available: Bool)]? {
        guard let after = cursor else { return nil }
        return try db.transaction(.deferred) { () throws -> [(item: Int32, available: Bool)]? in
            // Pruning always keeps the newest row, so a gap before the oldest one left means rows were pruned.
            if let oldest = try db.scalarInt("SELECT min(seq) FROM product_availability_changes"), oldest > after + 1 {
                cursor = nil
                return nil
            }
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

    /// Writes how far this follower read when that moved and `reportInterval` passed since the last
    /// report (or the first call), so a follower writes at most every 30 s, and only while the log moves;
    /// a read-only file or a busy writer is left alone.
    mutating func report(_ db: any SQLConnection, now: Int64) {
        guard let cursor else { return }
        // The first look only starts the clock: a session that opens and leaves writes nothing.
        guard let last = reported else {
            reported = (Int64.min, now)
            return
        }
        if last.seq == cursor || now - last.at < Self.reportInterval { return }
        do {
            try db.transaction(.immediate) {
                _ = try db.execute("""
                    INSERT INTO availability_readers(reader, seq, seen_at) VALUES (?, ?, ?)
                    ON CONFLICT(reader) DO UPDATE SET seq = excluded.seq, seen_at = excluded.seen_at
                    """, reader, cursor, now)
            }
            reported = (cursor, now)
        } catch {
            // Not written (a read-only file, a busy writer): pruning treats this follower as gone,
            // and if it prunes past it, the follower reads in full once.
        }
    }

    /// Removes this follower from the readers (when its process stops following).
    func leave(_ db: any SQLConnection) {
        _ = try? db.execute("DELETE FROM availability_readers WHERE reader = ?", reader)
    }

    /// The newest change-log number, 0 when the log is empty.
    private static func latest(_ db: any SQLConnection) throws -> Int64 {
        try db.scalarInt("SELECT coalesce(max(seq), 0) FROM product_availability_changes") ?? 0
    }
}
