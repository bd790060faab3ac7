/// Where an outbox event is on its way to its subscribers.
public enum DeliveryState: String, Sendable, CaseIterable, Codable {
    /// No subscriber has handled it yet.
    case pending
    /// Every subscriber that handled it succeeded.
    case delivered
    /// A subscriber failed on it (it is retried until the attempt limit; then staff retry it).
    case failed
}

/// One outbox event as the Notifications screen lists it.
public struct OutboxEntry: Sendable, Equatable {
    /// The event.
    public let id: EventID
    /// What happened ("OrderPlaced" …).
    public let kind: String
    /// The row it is about.
    public let aggregateID: Int64?
    /// When it was written.
    public let createdAt: Int64
    /// Where it stands.
    public let state: DeliveryState
    /// The most attempts any subscriber made.
    public let attempts: Int
    /// Why the latest failure happened, for a failed event.
    public let failure: String?
}

/// The outbox for staff: events by delivery state with the reason of failures, counts, and a retry
/// that hands a failed event to its subscribers again. Staff only.
public struct OutboxMonitor {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The newest events in `state` (all states when nil), newest first.
    public func list(state: DeliveryState? = nil, limit: Int = 100, as caller: Caller) throws(CommerceError) -> [OutboxEntry] {
        try caller.require(.staff, to: "see the outbox")
        let limit = max(0, limit)
        let base = """
            SELECT o.id, o.kind, o.aggregate_id, o.created_at,
                   (SELECT count(*) FROM outbox_deliveries d WHERE d.event_id = o.id),
                   (SELECT count(*) FROM outbox_deliveries d WHERE d.event_id = o.id AND d.status = 'failed'),
                   (SELECT max(attempts) FROM outbox_deliveries d WHERE d.event_id = o.id),
                   (SELECT d.subscriber || ': ' || coalesce(d.last_error, 'failed') FROM outbox_deliveries d
                    WHERE d.event_id = o.id AND d.status = 'failed' ORDER BY d.delivered_at DESC LIMIT 1)
            FROM outbox o
            """
        let sql: String
        switch state {
        case nil: sql = base + " ORDER BY o.id DESC LIMIT ?"
        case .pending: sql = base + " WHERE NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = o.id) ORDER BY o.id DESC LIMIT ?"
        case .delivered:
            sql = base + """
                 WHERE EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = o.id)
                   AND NOT EXISTS (SELECT 1 FROM outbox_deliveries d WHERE d.event_id = o.id AND d.status = 'failed')
                 ORDER BY o.id DESC LIMIT ?
                """
        case .failed:
            sql = base + " WHERE o.id IN (SELECT event_id FROM outbox_deliveries WHERE status = 'failed') ORDER BY o.id DESC LIMIT ?"
        }
        return try store.read {
            try db.all(sql, limit) { row in
                let state: DeliveryState = row.int(5) > 0 ? .failed : (row.int(4) > 0 ? .delivered : .pending)
                return OutboxEntry(id: EventID(row.int64(0)), kind: row.string(1), aggregateID: row.optionalInt64(2),
                                   createdAt: row.int64(3), state: state, attempts: row.optionalInt64(6).map { Int($0) } ?? 0,
                                   failure: row.optionalString(7))
            }
        }
    }

    /// Failed deliveries now (one per event and subscriber).
    public func failedCount(as caller: Caller) throws(CommerceError) -> Int {
        try caller.require(.staff, to: "see the outbox")
        return try store.read { Int(try db.scalarInt("SELECT count(*) FROM outbox_deliveries WHERE status = 'failed'") ?? 0) }
    }

    /// Forgets the failed deliveries of event `id`, so the next dispatch (`curio notify dispatch`, or
    /// a dispatcher started afterwards) hands it to those subscribers again with a fresh attempt count.
    /// Returns how many deliveries will be retried.
    @discardableResult
    public func retry(_ id: EventID, by caller: Caller) throws(CommerceError) -> Int {
        try caller.require(.staff, to: "retry notifications")
        return try store.write {
            guard try db.scalarInt("SELECT 1 FROM outbox WHERE id = ?", id) != nil else {
                throw CommerceError.notFound("no event with id \(id)")
            }
            let failures = try db.all("SELECT subscriber, attempts, coalesce(last_error, '') FROM outbox_deliveries WHERE event_id = ? AND status = 'failed'",
                                      id) { "\($0.string(0)) failed \($0.int(1))×: \($0.string(2))" }
            guard !failures.isEmpty else { throw CommerceError.notAllowed("event \(id) has no failed delivery to retry") }
            try db.execute("DELETE FROM outbox_deliveries WHERE event_id = ? AND status = 'failed'", id)
            try store.audit.record(caller, action: "outbox.retry", entity: "outbox", entityID: id.rawValue,
                                   detail: ["before": failures.joined(separator: "; "), "after": "pending"])
            return failures.count
        }
    }
}

extension Store {
    /// The outbox as staff see it.
    public var outboxMonitor: OutboxMonitor { OutboxMonitor(store: self) }
}
