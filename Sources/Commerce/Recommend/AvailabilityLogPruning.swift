/// Keeps the availability change log short: rows every live reader has read are removed, and so are
/// rows more than `keptRows` behind the newest whoever has not read them (such a reader reads in full
/// once). The newest row always stays, so a reader can tell from the oldest row left whether rows it
/// had not read were removed. Run by the process that builds the model, and by any follower that
/// sees the log grow long; running it twice is harmless.
enum AvailabilityLogPruning {
    /// Rows further than this behind the newest are removed even when a live reader has not read them.
    static let keptRows: Int64 = 50_000
    /// A reader that has not reported for this long (ms) is gone: its position no longer holds rows back.
    static let readerLease: Int64 = 10 * 60_000
    /// A follower prunes when the log holds more than this many rows it has read.
    static let pruneFrom: Int64 = 1_000

    /// Removes what can go as of `now` (ms since the Unix epoch); returns the number of rows removed.
    @discardableResult
    static func prune(_ db: any SQLConnection, now: Int64, keptRows: Int64 = keptRows, readerLease: Int64 = readerLease) throws -> Int {
        try db.transaction(.immediate) { () throws -> Int in
            guard let newest = try db.scalarInt("SELECT max(seq) FROM product_availability_changes") else { return 0 }
            _ = try db.execute("DELETE FROM availability_readers WHERE seen_at < ?", now - readerLease)
            let consumed = try db.scalarInt("SELECT min(seq) FROM availability_readers") ?? newest
            let horizon = min(newest - 1, max(consumed, newest - keptRows))
            return try db.execute("DELETE FROM product_availability_changes WHERE seq <= ?", horizon)
        }
    }

    /// True when the log holds more than `pruneFrom` rows at or before `cursor` (a cheap look, two indexed reads).
    static func isDue(_ db: any SQLConnection, cursor: Int64) throws -> Bool {
        guard let oldest = try db.scalarInt("SELECT min(seq) FROM product_availability_changes") else { return false }
        return cursor - oldest >= pruneFrom
    }
}
