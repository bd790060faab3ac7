/// The `outbox_deliveries` rows of one connection: which events a subscriber still has to see, what
/// happened to an earlier attempt, and recording the outcome of a new one.
struct DeliveryLedger {
    let db: any SQLConnection
    let policy: DispatchPolicy

    /// An earlier attempt, as recorded.
    struct Attempt {
        let delivered: Bool
        let attempts: Int
        let at: Int64
    }

    /// Events for `subscriber` with id ≥ `floor` that were never attempted, or failed and are due again
    /// at `now`, oldest first. The backoff is `DispatchPolicy.delay(afterAttempts:)` written in SQL.
    func pending(subscriber: String, from floor: Int64, now: Int64, limit: Int) throws -> [OutboxEvent] {
        try db.all("""
            SELECT o.id, o.kind, o.aggregate_id, o.payload, o.created_at
            FROM outbox o
            LEFT JOIN outbox_deliveries d ON d.event_id = o.id AND d.subscriber = ?1
            WHERE o.id >= ?2
              AND (d.event_id IS NULL
                   OR (d.status = 'failed' AND d.attempts < ?3
                       AND d.delivered_at + CASE WHEN \(Self.doubledDelay) < ?5 THEN \(Self.doubledDelay)
                                                 ELSE CAST(?5 AS BIGINT) END <= ?6))
            ORDER BY o.id
            LIMIT ?7
            """, subscriber, floor, policy.maxAttempts, policy.baseDelayMilliseconds, policy.maxDelayMilliseconds, now,
            max(limit, 0), map: Outbox.event).compactMap { $0 }
    }

    /// `?4` (the base delay) doubled once per attempt after the first, at most 30 times — the uncapped
    /// part of `DispatchPolicy.delay(afterAttempts:)`. CASE, not two-argument max()/min(), so it runs on
    /// SQLite and PostgreSQL alike.
    private static let doubledDelay = """
        (CAST(?4 AS BIGINT) << CAST(CASE WHEN d.attempts < 1 THEN 0 WHEN d.attempts > 31 THEN 30
                                         ELSE d.attempts - 1 END AS INTEGER))
        """

    /// The lowest event id ≥ `floor` that `subscriber` has not finished with (never attempted, or failed
    /// with attempts left); when there is none, the newest event's id. Everything below it is finished,
    /// so later scans can start there. Event ids grow in commit order, so nothing new appears below it.
    func floor(subscriber: String, from floor: Int64) throws -> Int64 {
        let unfinished = try db.scalarInt("""
            SELECT o.id FROM outbox o
            LEFT JOIN outbox_deliveries d ON d.event_id = o.id AND d.subscriber = ?1
            WHERE o.id >= ?2 AND (d.event_id IS NULL OR (d.status = 'failed' AND d.attempts < ?3))
            ORDER BY o.id LIMIT 1
            """, subscriber, floor, policy.maxAttempts)
        if let unfinished { return unfinished }
        return try db.scalarInt("SELECT max(id) FROM outbox") ?? floor
    }

    /// The recorded attempt for (`event`, `subscriber`), if any.
    func attempt(event: EventID, subscriber: String) throws -> Attempt? {
        try db.first("SELECT status, attempts, delivered_at FROM outbox_deliveries WHERE event_id = ? AND subscriber = ?",
                     event, subscriber) { row in
            Attempt(delivered: row.string(0) == "delivered", attempts: row.int(1), at: row.int64(2))
        }
    }

    /// Records the outcome of an attempt, replacing the earlier one.
    func record(event: EventID, subscriber: String, delivered: Bool, attempts: Int, error: String?, at: Int64) throws {
        try db.execute("""
            INSERT INTO outbox_deliveries(event_id, subscriber, status, attempts, last_error, delivered_at)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(event_id, subscriber) DO UPDATE SET
                status = excluded.status, attempts = excluded.attempts,
                last_error = excluded.last_error, delivered_at = excluded.delivered_at
            """, event, subscriber, delivered ? "delivered" : "failed", attempts, error, at)
    }
}
