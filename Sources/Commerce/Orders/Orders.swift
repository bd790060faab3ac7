import Foundation

/// Orders after placement: reading them, the status machine, payment marks, cancellation and refunds.
/// Shoppers see and may cancel (while PENDING) their own orders; everything else is for staff.
public struct Orders {
    let store: Store
    private var db: Database { store.db }
    private var reading: OrderReading { OrderReading(store: store) }
    private var ledger: OrderLedger { OrderLedger(store: store) }

    // MARK: Reading

    /// One order by its number; its owner or staff only.
    public func detail(number: Int, as caller: Caller) throws(CommerceError) -> OrderDetail {
        let header = try loadHeader(number)
        if header.userID == nil || header.userID != caller.userID {
            try caller.require(.staff, to: "see other people's orders")
        }
        return try load(header.id, number)
    }

    /// A guest finds an order by its number and the email it was placed with.
    public func find(number: Int, email: String) throws(CommerceError) -> OrderDetail {
        guard let header = try store.read({ try reading.header(number: number) }),
              header.email.caseInsensitiveCompare(email.trimmingCharacters(in: .whitespaces)) == .orderedSame else {
            throw .notFound("no order #\(number) for that email")
        }
        return try load(header.id, number)
    }

    /// The caller's own orders, newest first.
    public func history(as caller: Caller, limit: Int = 100) throws(CommerceError) -> [OrderSummary] {
        let user = try caller.requireAccount(to: "see your orders")
        return try store.read {
            try db.all(OrderReading.summarySelect + " WHERE o.user_id = ? ORDER BY o.placed_at DESC, o.id DESC LIMIT ?",
                       user, limit, map: reading.summary)
        }
    }

    /// All orders, optionally of one status, newest first (or oldest first for a fulfilment queue); staff only.
    public func list(status: OrderStatus? = nil, oldestFirst: Bool = false, limit: Int = 200,
                     as caller: Caller) throws(CommerceError) -> [OrderSummary] {
        try caller.require(.staff, to: "list orders")
        let order = oldestFirst ? "ASC" : "DESC"
        return try store.read {
            try db.all(OrderReading.summarySelect + " WHERE (?1 IS NULL OR o.status = ?1) ORDER BY o.placed_at \(order), o.id \(order) LIMIT ?2",
                       status?.rawValue, limit, map: reading.summary)
        }
    }

    // MARK: Status changes (staff)

    /// PENDING → PROCESSING: staff accept the order for fulfilment.
    public func startProcessing(number: Int, by caller: Caller) throws(CommerceError) {
        try staffMove(number, to: .processing, message: "accepted for fulfilment", by: caller)
    }

    /// PROCESSING → SHIPPED with carrier and tracking number (both required).
    public func ship(number: Int, carrier: String, tracking: String, by caller: Caller) throws(CommerceError) {
        let carrier = carrier.trimmingCharacters(in: .whitespacesAndNewlines)
        let tracking = tracking.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !carrier.isEmpty else { throw .invalid(field: "carrier", reason: "required") }
        guard !tracking.isEmpty else { throw .invalid(field: "tracking number", reason: "required") }
        for (field, value) in [("carrier", carrier), ("tracking number", tracking)] where
            value.count > 100 || value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) {
            throw .invalid(field: field, reason: "at most 100 characters, no control characters")
        }
        try staffMove(number, to: .shipped, message: "shipped with \(carrier), tracking \(tracking)",
                      extra: ["carrier": carrier, "tracking": tracking], by: caller) { id in
            try db.execute("UPDATE orders SET carrier = ?, tracking_number = ? WHERE id = ?", carrier, tracking, id)
        }
    }

    /// SHIPPED → DELIVERED.
    public func deliver(number: Int, by caller: Caller) throws(CommerceError) {
        try staffMove(number, to: .delivered, message: "delivered", by: caller)
    }

    /// Marks a pay-on-delivery order as paid (staff).
    public func markPaid(number: Int, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "mark orders paid")
        let header = try loadHeader(number)
        guard header.payment == .pending else {
            throw .notAllowed("order #\(number) is not waiting for payment (payment is \(header.payment.rawValue))")
        }
        guard header.status != .cancelled else { throw .notAllowed("order #\(number) is cancelled") }
        try store.write {
            let total = try db.scalarInt("SELECT total FROM orders WHERE id = ?", header.id) ?? 0
            let key = "cod:\(number)"
            try db.execute("""
                INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, created_at, updated_at)
                VALUES (?, 'charge', 'cod', 'manual', ?, ?, ?, 'succeeded', ?, ?)
                """, header.id, key, total, store.currency.code, Clock.millisecondsNow(), Clock.millisecondsNow())
            try db.execute("UPDATE orders SET payment_status = 'paid', updated_at = ? WHERE id = ? AND payment_status = 'pending'",
                           Clock.millisecondsNow(), header.id)
            try ledger.event(header.id, kind: "payment", message: "paid on delivery: \(store.money(total).formatted)", by: caller)
            try store.audit.record(caller, action: "order.mark_paid", entity: "order", entityID: header.id.rawValue)
        }
    }

    // MARK: Cancellation and refunds

    /// Cancels an order from PENDING or PROCESSING: stock goes back, and a paid order is refunded in full.
    /// Shoppers may cancel their own order while it is PENDING; staff may cancel any allowed order.
    public func cancel(number: Int, reason: String, by caller: Caller) throws(CommerceError) {
        let header = try loadHeader(number)
        let own = header.userID != nil && header.userID == caller.userID
        if !(own && header.status == .pending) { try caller.require(.staff, to: "cancel this order") }
        do { try header.status.checkMove(to: .cancelled) } catch { throw .notAllowed(error.description) }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try store.write {
            let refundable = try refundableAmount(header.id)
            if refundable > 0 {
                try refund(header.id, number: number, email: header.email, amount: refundable,
                           reason: "order cancelled", by: caller)
            } else if header.payment == .pending || header.payment == .authorized {
                try db.execute("UPDATE orders SET payment_status = 'failed' WHERE id = ? AND payment_status IN ('pending', 'authorized')",
                               header.id)
                try ledger.releaseDiscount(header.id)
            }
            try ledger.restock(header.id, by: caller)
            try ledger.move(header.id, number: number, email: header.email, from: header.status, to: .cancelled,
                            message: reason.isEmpty ? "cancelled" : "cancelled: \(reason)", by: caller)
            if caller.isStaff {
                try store.audit.record(caller, action: "order.cancel", entity: "order", entityID: header.id.rawValue,
                                       detail: ["number": String(number), "reason": reason])
            }
        }
    }

    /// Refunds part or all of what was paid (staff). Refusing more than remains refundable.
    public func refund(number: Int, amount: Money, reason: String, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "refund orders")
        let header = try loadHeader(number)
        guard amount.minorUnits > 0 else { throw .invalid(field: "amount", reason: "must be more than zero") }
        guard amount.currency == store.currency else { throw .invalid(field: "amount", reason: "must be in \(store.currency.code)") }
        try store.write {
            let refundable = try refundableAmount(header.id)
            guard refundable > 0 else {
                throw CommerceError.notAllowed("order #\(number) has nothing to refund (payment is \(header.payment.rawValue))")
            }
            guard amount.minorUnits <= refundable else {
                throw CommerceError.invalid(field: "amount", reason: "at most \(store.money(refundable).formatted) can still be refunded")
            }
            try refund(header.id, number: number, email: header.email, amount: amount.minorUnits, reason: reason, by: caller)
            try store.audit.record(caller, action: "order.refund", entity: "order", entityID: header.id.rawValue,
                                   detail: ["number": String(number), "amount": amount.decimalString, "reason": reason])
        }
    }

    // MARK: Internals

    /// Paid minus refunded, for an order whose payment succeeded; 0 otherwise.
    private func refundableAmount(_ id: OrderID) throws -> Int64 {
        try db.scalarInt("""
            SELECT total - refunded_total FROM orders WHERE id = ? AND payment_status IN ('paid', 'partially_refunded')
            """, id) ?? 0
    }

    /// Moves money back through the gateway (or records a manual refund for pay on delivery), inside the caller's transaction.
    private func refund(_ id: OrderID, number: Int, email: String, amount: Int64, reason: String, by caller: Caller) throws {
        let charge = try db.first("""
            SELECT method, gateway_ref FROM payments WHERE order_id = ? AND kind = 'charge' AND status = 'succeeded' ORDER BY id DESC
            """, id) { (method: $0.string(0), reference: $0.optionalString(1)) }
        let method = charge?.method ?? "card"
        let sequence = (try db.scalarInt("SELECT count(*) FROM payments WHERE order_id = ? AND kind = 'refund'", id) ?? 0) + 1
        let key = "refund:\(number):\(sequence)"
        var reference: String? = nil
        if method == "card" {
            switch store.paymentGateway.refund(store.money(amount), chargeReference: charge?.reference ?? "", idempotencyKey: key) {
            case .succeeded(let ref): reference = ref
            case .declined(let code): throw CommerceError.paymentDeclined("the refund was refused: \(code.message)")
            case .unavailable(let reason): throw CommerceError.paymentUnavailable("the payment service did not answer (\(reason)); try the refund again")
            }
        }
        let now = Clock.millisecondsNow()
        try db.execute("""
            INSERT INTO payments(order_id, kind, method, gateway, gateway_ref, idempotency_key, amount, currency, status, created_at, updated_at)
            VALUES (?, 'refund', ?, ?, ?, ?, ?, ?, 'succeeded', ?, ?)
            """, id, method, method == "card" ? store.paymentGateway.name : "manual", reference, key, amount,
            store.currency.code, now, now)
        try db.execute("""
            UPDATE orders SET refunded_total = refunded_total + ?1,
                payment_status = CASE WHEN refunded_total + ?1 >= total THEN 'refunded' ELSE 'partially_refunded' END,
                updated_at = ?2
            WHERE id = ?3
            """, amount, now, id)
        let words = reason.trimmingCharacters(in: .whitespaces).isEmpty ? "" : " (\(reason))"
        try ledger.event(id, kind: "refund", message: "refunded \(store.money(amount).formatted)\(words)", by: caller)
        let status = try db.scalarString("SELECT status FROM orders WHERE id = ?", id) ?? ""
        try store.outbox.emit(.orderStatusChanged, aggregateID: id.rawValue,
                              payload: ["order_id": id.rawValue, "number": number, "email": email, "from": status,
                                        "to": status, "refund_amount": amount])
    }

    private func staffMove(_ number: Int, to target: OrderStatus, message: String, extra: [String: Any] = [:],
                           by caller: Caller, also: (OrderID) throws -> Void = { _ in }) throws(CommerceError) {
        try caller.require(.staff, to: "change order status")
        let header = try loadHeader(number)
        do { try header.status.checkMove(to: target) } catch { throw .notAllowed(error.description) }
        try store.write {
            try ledger.move(header.id, number: number, email: header.email, from: header.status, to: target,
                            message: message, extra: extra, by: caller)
            try also(header.id)
            try store.audit.record(caller, action: "order.\(target.rawValue.lowercased())", entity: "order",
                                   entityID: header.id.rawValue, detail: ["number": String(number)])
        }
    }

    private func loadHeader(_ number: Int) throws(CommerceError) -> (id: OrderID, userID: UserID?, email: String, status: OrderStatus, payment: PaymentStatus) {
        guard let header = try store.read({ try reading.header(number: number) }) else {
            throw .notFound("no order #\(number)")
        }
        return header
    }

    private func load(_ id: OrderID, _ number: Int) throws(CommerceError) -> OrderDetail {
        guard let detail = try store.read({ try reading.detail(id) }) else { throw .notFound("no order #\(number)") }
        return detail
    }
}

extension Store {
    /// Orders of this store.
    public var orders: Orders { Orders(store: self) }
}
