/// Refunds in two steps, like a charge: the transaction that decides a refund records it as pending
/// with its own idempotency key; the gateway is called after that transaction commits, never while
/// holding the write lock; a second transaction records the outcome. A refund can therefore never be
/// paid out by the gateway and then lost in a rollback, and a retry after a crash reuses the key.
struct Refunds {
    let store: Store
    private var db: any SQLConnection { store.db }
    private var ledger: OrderLedger { OrderLedger(store: store) }

    /// A refund decided but not yet sent to the gateway.
    struct Pending {
        let payment: Int64
        let order: OrderID
        let number: Int
        let email: String
        let amount: Int64
        let key: String
        let chargeReference: String
        let reason: String
    }

    /// What can still be refunded: paid, minus refunded, minus refunds on their way. 0 when unpaid.
    func refundable(_ order: OrderID) throws -> Int64 {
        try db.scalarInt("""
            SELECT o.total - o.refunded_total - coalesce((SELECT sum(amount) FROM payments
                WHERE order_id = o.id AND kind = 'refund' AND status = 'pending'), 0)
            FROM orders o WHERE o.id = ? AND o.payment_status IN ('paid', 'partially_refunded')
            """, order) ?? 0
    }

    /// Decides a refund inside the caller's transaction. Pay-on-delivery money goes back by hand, so
    /// it is recorded as done at once (nil); a card refund is returned pending, for `finish` after the commit.
    func begin(_ order: OrderID, number: Int, email: String, amount: Int64, reason: String,
               by caller: Caller) throws -> Pending? {
        let charge = try db.first("""
            SELECT method, coalesce(gateway_ref, '') FROM payments
            WHERE order_id = ? AND kind = 'charge' AND status = 'succeeded' ORDER BY id DESC
            """, order) { (method: $0.string(0), reference: $0.string(1)) }
        let method = charge?.method ?? "card"
        let key = "refund-" + Checkout.newToken()
        let now = store.clock.now()
        let insertedID = try db.insert("""
            INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, created_at, updated_at)
            VALUES (?, 'refund', ?, ?, ?, ?, ?, ?, ?, ?)
            """, order, method, method == "card" ? store.paymentGateway.name : "manual", key, amount, store.currency.code,
            method == "card" ? "pending" : "succeeded", now, now)
        let pending = Pending(payment: insertedID, order: order, number: number, email: email, amount: amount, key: key,
                              chargeReference: charge?.reference ?? "", reason: reason)
        if method == "card" { return pending }
        try apply(pending, by: caller)
        return nil
    }

    /// Sends a pending refund to the gateway and records the answer. Throws when the gateway refused or
    /// did not answer; the refund row then says why (failed) or stays pending for a retry.
    func finish(_ pending: Pending, by caller: Caller) throws(CommerceError) {
        let result = store.paymentGateway.refund(store.money(pending.amount), chargeReference: pending.chargeReference,
                                                 idempotencyKey: pending.key)
        switch result {
        case .unavailable(let reason):
            throw store.logged(.paymentUnavailable("the payment service did not answer (\(reason)); order #\(pending.number)'s refund of "
                                                   + "\(store.money(pending.amount).formatted) is recorded as pending and will be retried"),
                               ["order": pending.number, "during": "refund"])
        case .succeeded(let reference):
            try store.write(.immediate) {
                try db.execute("UPDATE payments SET status = 'succeeded', gateway_ref = ?, updated_at = ? WHERE id = ? AND status = 'pending'",
                               reference, store.clock.now(), pending.payment)
                if db.changes == 1 { try apply(pending, by: caller) }
            }
        case .declined(let code):
            try store.write(.immediate) {
                try db.execute("""
                    UPDATE payments SET status = 'failed', failure_code = ?, failure_message = ?, updated_at = ?
                    WHERE id = ? AND status = 'pending'
                    """, code.rawValue, code.message, store.clock.now(), pending.payment)
                if db.changes == 1 {
                    try ledger.event(pending.order, kind: "refund",
                                     message: "refund of \(store.money(pending.amount).formatted) failed: \(code.message)", by: .system)
                }
            }
            throw .paymentDeclined("order #\(pending.number): the refund was refused: \(code.message)")
        }
    }

    /// Card refunds left pending by a process that stopped, or a gateway that did not answer: sent again
    /// with their own keys (the gateway answers a repeated key once).
    func finishStalled(olderThan cutoff: Int64) throws(CommerceError) -> Int {
        let stalled = try store.read {
            try db.all("""
                SELECT p.id, p.order_id, o.number, o.email, p.amount, p.idempotency_key, '',
                       coalesce((SELECT gateway_ref FROM payments c WHERE c.order_id = p.order_id AND c.kind = 'charge'
                                 AND c.status = 'succeeded' ORDER BY c.id DESC LIMIT 1), '')
                FROM payments p JOIN orders o ON o.id = p.order_id
                WHERE p.kind = 'refund' AND p.status = 'pending' AND p.created_at <= ?
                """, cutoff) { row in
                Pending(payment: row.int64(0), order: OrderID(row.int64(1)), number: row.int(2), email: row.string(3),
                        amount: row.int64(4), key: row.string(5), chargeReference: row.string(7), reason: row.string(6))
            }
        }
        var finished = 0
        for pending in stalled {
            do {
                try finish(pending, by: .system)
                finished += 1
            } catch {
                store.log?.write("refund.retry_failed", level: "warning", ["order": pending.number, "reason": "\(error)"])
            }
        }
        return finished
    }

    /// Books a refund that went through: refunded total, payment status, timeline and outbox.
    private func apply(_ pending: Pending, by caller: Caller) throws {
        try db.execute("""
            UPDATE orders SET refunded_total = refunded_total + ?1,
                payment_status = CASE WHEN refunded_total + ?1 >= total THEN 'refunded' ELSE 'partially_refunded' END,
                updated_at = ?2
            WHERE id = ?3
            """, pending.amount, store.clock.now(), pending.order)
        let words = pending.reason.isEmpty ? "" : " (\(pending.reason))"
        try ledger.event(pending.order, kind: "refund", message: "refunded \(store.money(pending.amount).formatted)\(words)", by: caller)
        let status = try db.scalarString("SELECT status FROM orders WHERE id = ?", pending.order) ?? ""
        try store.outbox.emit(.orderStatusChanged(OrderStatusChanged(orderID: pending.order.rawValue, number: pending.number,
                                                                     email: pending.email, from: status, to: status,
                                                                     refundAmount: pending.amount)))
    }
}
