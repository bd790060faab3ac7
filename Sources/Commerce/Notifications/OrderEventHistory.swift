import Foundation

/// What else the outbox says about an order around one event, so that one change becomes one message:
/// a checkout whose card was declined was never an order, so neither its confirmation nor its
/// cancellation is told (the shopper saw the decline at checkout), and a refund written just before the cancellation it belongs to is
/// told inside the cancellation message (events of one transaction have consecutive ids).
/// Order events carry the order as their aggregate id; payloads are read in Swift, so the SQL is the same
/// on every backend.
struct OrderEventHistory {
    let db: any SQLConnection

    /// True when the outbox holds a PaymentFailed for `order` (a decline cancels the order, so its
    /// confirmation, if not yet sent, and its cancellation would only repeat the news).
    func paymentFailed(order: OrderID) throws -> Bool {
        try db.scalarInt("SELECT 1 FROM outbox WHERE kind = 'PaymentFailed' AND aggregate_id = ? LIMIT 1", order) != nil
    }

    /// The refund amount of the event just before `event`, when that is a refund of `order`.
    func refund(order: OrderID, justBefore event: EventID) throws -> Int64? {
        guard let payload = try statusChange(event.rawValue - 1, order: order) else { return nil }
        return (payload["refund_amount"] as? NSNumber)?.int64Value
    }

    /// True when the event just after `event` cancels `order` (so a refund at `event` belongs to it).
    func cancellation(order: OrderID, justAfter event: EventID) throws -> Bool {
        guard let payload = try statusChange(event.rawValue + 1, order: order) else { return false }
        return payload["to"] as? String == "CANCELLED" && payload["from"] as? String != "CANCELLED"
    }

    /// The payload of outbox event `id` when it is an OrderStatusChanged of `order`.
    private func statusChange(_ id: Int64, order: OrderID) throws -> [String: Any]? {
        guard let text = try db.scalarString("""
            SELECT payload FROM outbox WHERE id = ? AND kind = 'OrderStatusChanged' AND aggregate_id = ?
            """, id, order) else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }
}
