/// What else the outbox says about an order around one event, so that one change becomes one message:
/// a checkout whose card was declined was never an order, so neither its confirmation nor its
/// cancellation is told (the shopper saw the decline at checkout), and a refund written just before the cancellation it belongs to is
/// told inside the cancellation message (events of one transaction have consecutive ids).
struct OrderEventHistory {
    let db: Database

    /// True when the outbox holds a PaymentFailed for `order` (a decline cancels the order, so its
    /// confirmation, if not yet sent, and its cancellation would only repeat the news).
    func paymentFailed(order: OrderID) throws -> Bool {
        try db.scalarInt("""
            SELECT 1 FROM outbox WHERE kind = 'PaymentFailed' AND json_extract(payload, '$.order_id') = ? LIMIT 1
            """, order) != nil
    }

    /// The refund amount of the event just before `event`, when that is a refund of `order`.
    func refund(order: OrderID, justBefore event: EventID) throws -> Int64? {
        try db.scalarInt("""
            SELECT json_extract(payload, '$.refund_amount') FROM outbox
            WHERE id = ? AND kind = 'OrderStatusChanged' AND json_extract(payload, '$.order_id') = ?
            """, event.rawValue - 1, order)
    }

    /// True when the event just after `event` cancels `order` (so a refund at `event` belongs to it).
    func cancellation(order: OrderID, justAfter event: EventID) throws -> Bool {
        try db.scalarInt("""
            SELECT 1 FROM outbox
            WHERE id = ? AND kind = 'OrderStatusChanged' AND json_extract(payload, '$.order_id') = ?
              AND json_extract(payload, '$.to') = 'CANCELLED' AND coalesce(json_extract(payload, '$.from'), '') <> 'CANCELLED'
            """, event.rawValue + 1, order) != nil
    }
}
