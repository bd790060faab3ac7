/// Recording what the gateway said about a card order's charge, inside the caller's transaction: the
/// checkout that made the charge, and staff or `order recover` asking the gateway again after a
/// checkout stopped before its answer came back. Each step re-reads the payment and does nothing when
/// it has settled meanwhile, so two recorders of one answer record it once.
struct ChargeRecording {
    let store: Store
    private var db: any SQLConnection { store.db }
    private var ledger: OrderLedger { OrderLedger(store: store) }

    /// A card order being paid.
    struct Order {
        let id: OrderID
        let number: Int
        let email: String
        let total: Money
    }

    /// The charge as recorded now.
    struct State {
        let payment: Int64
        let status: String
        let failure: String
        let order: String
    }

    /// What recording a successful charge did.
    enum Paid {
        /// The payment had already settled: nothing changed.
        case alreadySettled
        /// The order is paid and moved to processing.
        case paid
        /// The order had been cancelled meanwhile, so the money goes back: finish this refund after the commit.
        case refundLate(Refunds.Pending)
    }

    /// The charge made with `key`, as recorded now.
    func state(key: String) throws -> State? {
        try db.first("""
            SELECT p.id, p.status, coalesce(p.failure_code, ''), o.status FROM payments p JOIN orders o ON o.id = p.order_id
            WHERE p.idempotency_key = ? AND p.kind = 'charge'
            """, key) { State(payment: $0.int64(0), status: $0.string(1), failure: $0.string(2), order: $0.string(3)) }
    }

    /// The gateway charged `reference`: the payment succeeds and a pending order is paid, announced and
    /// moved to processing; one cancelled meanwhile is refunded. `paidWith` names the card for the timeline.
    func paid(_ order: Order, key: String, reference: String, paidWith: String, by caller: Caller) throws -> Paid {
        guard let state = try state(key: key),
              state.status == "pending" || (state.status == "failed" && state.failure == "interrupted") else { return .alreadySettled }
        let now = store.clock.now()
        try db.execute("""
            UPDATE payments SET status = 'succeeded', gateway_ref = ?, failure_code = NULL, failure_message = NULL, updated_at = ?
            WHERE id = ?
            """, reference, now, state.payment)
        try db.execute("UPDATE orders SET payment_status = 'paid', updated_at = ? WHERE id = ?", now, order.id)
        try ledger.event(order.id, kind: "payment", message: "paid \(order.total.formatted) with \(paidWith)", by: caller)
        guard state.order == OrderStatus.pending.rawValue else {
            // The order was cancelled while the charge was in flight (its checkout was taken for dead):
            // the money arrived anyway, so it goes straight back.
            let refund = try Refunds(store: store).begin(order.id, number: order.number, email: order.email,
                                                         amount: order.total.minorUnits,
                                                         reason: "the payment arrived after the order was cancelled", by: .system)
            return refund.map { .refundLate($0) } ?? .paid
        }
        try announce(order.id, number: order.number, email: order.email)
        try ledger.move(order.id, number: order.number, email: order.email, from: .pending, to: .processing,
                        message: "payment received; preparing the order", by: .system)
        return .paid
    }

    /// The gateway refused the charge, or never received it: the payment fails with `code` and `message`,
    /// the timeline says `event`, stock and the discount go back and the order is cancelled saying
    /// `cancellation`. False when the payment had already settled.
    func failed(_ order: Order, key: String, code: String, message: String, event: String, cancellation: String) throws -> Bool {
        guard let state = try state(key: key), state.status == "pending" else { return false }
        let now = store.clock.now()
        // Stock and the discount first, in the order every checkout locks them.
        try ledger.restock(order.id, by: .system)
        try ledger.releaseDiscount(order.id)
        try db.execute("""
            UPDATE payments SET status = 'failed', failure_code = ?, failure_message = ?, updated_at = ? WHERE id = ?
            """, code, message, now, state.payment)
        try db.execute("UPDATE orders SET payment_status = 'failed', updated_at = ? WHERE id = ?", now, order.id)
        try ledger.event(order.id, kind: "payment", message: event, by: .system)
        try store.outbox.emit(.paymentFailed(PaymentFailed(orderID: order.id.rawValue, number: order.number,
                                                           email: order.email, reason: message)))
        try ledger.move(order.id, number: order.number, email: order.email, from: .pending, to: .cancelled,
                        message: cancellation, by: .system)
        return true
    }

    /// The OrderPlaced event: the order exists and is either paid or due on delivery.
    func announce(_ order: OrderID, number: Int, email: String) throws {
        let user = try db.scalarInt("SELECT user_id FROM orders WHERE id = ?", order)
        try store.outbox.emit(.orderPlaced(OrderPlaced(orderID: order.rawValue, number: number, email: email, userID: user)))
    }
}
