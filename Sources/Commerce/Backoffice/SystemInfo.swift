import Foundation

/// The System screen's figures about the shop's database and event backlog.
public struct SystemStatus: Sendable, Equatable {
    /// The database file.
    public let databasePath: String
    /// Its size in bytes.
    public let databaseBytes: Int64
    /// The size of its write-ahead log (`-wal`) in bytes (0 when there is none).
    public let walBytes: Int64
    /// The schema version.
    public let schemaVersion: Int
    /// Rows per kind of thing: products, variants, orders, customers, reviews, carts.
    public let counts: [String: Int]
    /// Events written after the newest delivered one (not yet dispatched).
    public let eventBacklog: Int
    /// Deliveries that failed and wait for a retry.
    public let failedDeliveries: Int
    /// The newest error-level entries of `curio.log` beside the database, newest first.
    public let recentErrors: [LogEntry]
}

/// Facts about the running shop for staff: file sizes, counts and the event backlog. Staff only.
public struct SystemInfo {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// How many of the log's newest errors `status` reports.
    public static let recentErrorLimit = 5

    /// The figures now.
    public func status(as caller: Caller) throws(CommerceError) -> SystemStatus {
        try caller.require(.staff, to: "see system information")
        return try store.read {
            var counts: [String: Int] = [:]
            for (name, sql) in [("products", "SELECT count(*) FROM products"), ("variants", "SELECT count(*) FROM variants"),
                                ("orders", "SELECT count(*) FROM orders"),
                                ("customers", "SELECT count(*) FROM users WHERE role = 'customer'"),
                                ("reviews", "SELECT count(*) FROM reviews"), ("carts", "SELECT count(*) FROM carts")] {
                counts[name] = Int(try db.scalarInt(sql) ?? 0)
            }
            let lastDelivered = try db.scalarInt("SELECT coalesce(max(event_id), 0) FROM outbox_deliveries WHERE status = 'delivered'") ?? 0
            let backlog = try db.scalarInt("SELECT count(*) FROM outbox WHERE id > ?", lastDelivered) ?? 0
            let failed = try db.scalarInt("SELECT count(*) FROM outbox_deliveries WHERE status = 'failed'") ?? 0
            let footprint = try db.footprint()
            return SystemStatus(databasePath: footprint.location, databaseBytes: footprint.bytes, walBytes: footprint.logBytes,
                                schemaVersion: try db.schemaVersion(), counts: counts,
                                eventBacklog: Int(backlog), failedDeliveries: Int(failed),
                                recentErrors: try recentErrors(SystemInfo.recentErrorLimit, as: caller))
        }
    }

    /// The newest `limit` error-level entries of the shop's `curio.log`, newest first, read
    /// from the end of the file (at most `LogTail.maximumBytes`), their text made safe to show.
    public func recentErrors(_ limit: Int, as caller: Caller) throws(CommerceError) -> [LogEntry] {
        try caller.require(.staff, to: "read the shop's log")
        return LogTail(path: EventLog.path(for: store.location)).newest(limit, level: "error")
    }
}

extension Store {
    /// System information of this store.
    public var systemInfo: SystemInfo { SystemInfo(store: self) }
}
