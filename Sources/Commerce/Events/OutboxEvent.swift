/// One event read back from the outbox, as subscribers receive it.
public struct OutboxEvent: Sendable, Equatable {
    /// The event's row id; increases in commit order.
    public let id: EventID
    /// What happened.
    public let kind: EventKind
    /// The row the event is about (an order, a user, a variant), when there is one.
    public let aggregateID: Int64?
    /// The event's fields; see `EventContract`.
    public let payload: EventPayload
    /// When the change was committed (ms since the epoch).
    public let createdAt: Int64

    /// An event from its parts.
    public init(id: EventID, kind: EventKind, aggregateID: Int64?, payload: EventPayload, createdAt: Int64) {
        self.id = id
        self.kind = kind
        self.aggregateID = aggregateID
        self.payload = payload
        self.createdAt = createdAt
    }
}

extension Outbox {
    /// The event with row id `id`, or nil when there is none (or its kind is unknown to this build).
    public func event(_ id: EventID) throws -> OutboxEvent? {
        try store.db.first("SELECT id, kind, aggregate_id, payload, created_at FROM outbox WHERE id = ?", id,
                           map: Outbox.event) ?? nil
    }

    /// Maps an outbox row (id, kind, aggregate_id, payload, created_at) to an event.
    static func event(_ row: Row) -> OutboxEvent? {
        guard let kind = EventKind(rawValue: row.string(1)) else { return nil }
        return OutboxEvent(id: EventID(row.int64(0)), kind: kind, aggregateID: row.optionalInt64(2),
                           payload: EventPayload(json: row.string(3)), createdAt: row.int64(4))
    }
}
