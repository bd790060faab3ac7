/// How a shipped order travels: what its OrderStatusChanged event carries.
struct Shipment {
    let carrier: String
    let tracking: String
}

/// The writes every order change shares: timeline entries, outbox events and returning stock.
struct OrderLedger {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// Appends a timeline entry. Call inside the change's transaction.
    func event(_ order: OrderID, kind: String, from: OrderStatus? = nil, to: OrderStatus? = nil,
               message: String, by caller: Caller) throws {
        try db.execute("""
            INSERT INTO order_events(order_id, kind, from_status, to_status, message, actor_id, actor_label, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, order, kind, from?.rawValue, to?.rawValue, message, caller.userID, caller.label, store.clock.now())
    }

    /// Moves the order's status (checked against the transition table), with timeline and outbox entries.
    func move(_ order: OrderID, number: Int, email: String, from: OrderStatus, to: OrderStatus, message: String,
              shipment: Shipment? = nil, by caller: Caller) throws {
        try from.checkMove(to: to)
        try db.execute("UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
                       to.rawValue, store.clock.now(), order, from.rawValue)
        guard db.changes == 1 else { throw CommerceError.notAllowed("order #\(number) changed meanwhile; look at it again") }
        try event(order, kind: "status", from: from, to: to, message: message, by: caller)
        try store.outbox.emit(.orderStatusChanged(OrderStatusChanged(orderID: order.rawValue, number: number, email: email,
                                                                     from: from.rawValue, to: to.rawValue,
                                                                     carrier: shipment?.carrier, tracking: shipment?.tracking)))
    }

    /// Puts back every unit the order still holds (the negative sum of its ledger rows per variant).
    func restock(_ order: OrderID, by caller: Caller) throws {
        let held = try db.all("""
            SELECT variant_id, -sum(delta) FROM inventory_ledger WHERE order_id = ? GROUP BY variant_id HAVING sum(delta) < 0
            """, order) { (VariantID($0.int64(0)), $0.int64(1)) }
        try db.lockStock(of: held.map { $0.0.rawValue })
        for (variant, units) in held {
            try db.execute("""
                INSERT INTO inventory_ledger(variant_id, delta, reason, note, order_id, actor_id, created_at)
                VALUES (?, ?, 'cancellation', 'order cancelled', ?, ?, ?)
                """, variant, units, order, caller.userID, store.clock.now())
        }
    }

    /// Gives a used discount code back (its use is undone when the order is cancelled before payment).
    func releaseDiscount(_ order: OrderID) throws {
        try db.execute("""
            UPDATE discount_codes SET used_count = used_count - 1
            WHERE code = (SELECT discount_code FROM orders WHERE id = ?) AND used_count > 0
            """, order)
    }
}
