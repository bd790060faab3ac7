import Foundation

/// Orders after placement: reading them, the status machine, payment marks, cancellation and refunds.
/// Shoppers see and may cancel (while PENDING) their own orders; everything else is for staff.
public struct Orders {
    let store: Store
    private var db: any SQLConnection { store.db }
    private var reading: OrderReading { OrderReading(store: store) }
    private var ledger: OrderLedger { OrderLedger(store: store) }

    // MARK: Reading

    /// One order by its number; its owner or staff only. A checkout attempt whose card was declined
    /// is not an order to its shopper (`.notFound`); staff see it.
    public func detail(number: Int, as caller: Caller) throws(CommerceError) -> OrderDetail {
        let header = try loadHeader(number)
        let own = header.userID != nil && header.userID == caller.userID
        if own && header.isAttempt && !caller.isStaff { throw .notFound("no order #\(number)") }
        if !own { try caller.require(.staff, to: "see other people's orders") }
        return try load(header.id, number)
    }

    /// A guest finds an order by its number and the email it was placed with. Failed lookups for one
    /// email slow down like failed sign-ins, so order numbers cannot be walked to read addresses.
    /// A checkout attempt whose card was declined is not found: it never became an order.
    public func find(number: Int, email: String, from origin: Caller? = nil) throws(CommerceError) -> OrderDetail {
        let email = email.trimmingCharacters(in: .whitespaces).lowercased()
        let throttle = Throttle(db: db)
        let keys = Accounts.throttleKeys("lookup", account: "email:" + email, origin: origin)
        // Counted before looking, in the transaction that decides it may look; forgotten when found.
        try store.write { try throttle.begin(keys, now: store.clock.now()) }
        guard let header = try store.read({ try reading.header(number: number) }),
              header.email.caseInsensitiveCompare(email) == .orderedSame, !header.isAttempt else {
            throw .notFound("no order #\(number) for that email")
        }
        try store.write { try throttle.succeed(keys.map(\.key)) }
        return try load(header.id, number)
    }

    /// The caller's own orders, newest first; checkout attempts whose card was declined are left out
    /// (they never became orders; staff still see them in `list`).
    public func history(as caller: Caller, limit: Int = 100) throws(CommerceError) -> [OrderSummary] {
        let user = try caller.requireAccount(to: "see your orders")
        return try store.read {
            try db.all(OrderReading.summarySelect + " WHERE o.user_id = ? AND NOT \(OrderReading.isAttempt) ORDER BY o.placed_at DESC, o.id DESC LIMIT ?",
                       user, limit, map: reading.summary)
        }
    }

    /// All orders, optionally of one status, newest first (or oldest first for a fulfilment queue); staff only.
    public func list(status: OrderStatus? = nil, oldestFirst: Bool = false, limit: Int = 200,
                     as caller: Caller) throws(CommerceError) -> [OrderSummary] {
        try caller.require(.staff, to: "list orders")
        let order = oldestFirst ? "ASC" : "DESC"
        return try store.read {
            try db.all(OrderReading.summarySelect + " WHERE (CAST(?1 AS TEXT) IS NULL OR o.status = ?1) ORDER BY o.placed_at \(order), o.id \(order) LIMIT ?2",
                       status?.rawValue, limit, map: reading.summary)
        }
    }

    // MARK: Status changes (staff)

    /// PENDING → PROCESSING: staff accept the order for fulfilment. Only a paid order or a
    /// pay-on-delivery order moves on; a card order whose payment has not come through is refused
    /// (retry its payment with the same checkout token, or cancel it).
    public func startProcessing(number: Int, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "change order status")
        let header = try loadHeader(number)
        let method = try store.read { try db.scalarString("SELECT payment_method FROM orders WHERE id = ?", header.id) } ?? "card"
        try FulfilmentRule.checkPaid(number: number, method: method, payment: header.payment, status: header.status)
        try staffMove(number, to: .processing, message: "accepted for fulfilment", by: caller) { id in
            // Checked again under the write lock, against the order as it is now.
            let now = try db.first("SELECT payment_method, payment_status, status FROM orders WHERE id = ?", id) {
                ($0.string(0), PaymentStatus(rawValue: $0.string(1)) ?? .pending, OrderStatus(rawValue: $0.string(2)) ?? .pending)
            }
            if let now { try FulfilmentRule.checkPaid(number: number, method: now.0, payment: now.1, status: .pending) }
        }
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
                      shipment: Shipment(carrier: carrier, tracking: tracking), by: caller) { id in
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
        try store.write(.immediate) {
            guard let order = try db.first("SELECT payment_method, status, payment_status, total FROM orders WHERE id = ?", header.id,
                                           map: { (method: $0.string(0), status: $0.string(1), payment: $0.string(2), total: $0.int64(3)) }) else {
                throw CommerceError.notFound("no order #\(number)")
            }
            guard order.method == "cod" else {
                throw CommerceError.notAllowed("order #\(number) is paid by card; only pay-on-delivery orders are marked paid by hand")
            }
            guard order.status != OrderStatus.cancelled.rawValue else { throw CommerceError.notAllowed("order #\(number) is cancelled") }
            guard order.payment == PaymentStatus.pending.rawValue else {
                throw CommerceError.notAllowed("order #\(number) is not waiting for payment (payment is \(order.payment))")
            }
            let now = store.clock.now()
            try db.execute("""
                INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, created_at, updated_at)
                VALUES (?, 'charge', 'cod', 'manual', ?, ?, ?, 'succeeded', ?, ?)
                """, header.id, "cod:\(number)", order.total, store.currency.code, now, now)
            try db.execute("UPDATE orders SET payment_status = 'paid', updated_at = ? WHERE id = ?", now, header.id)
            try ledger.event(header.id, kind: "payment", message: "paid on delivery: \(store.money(order.total).formatted)", by: caller)
            try store.audit.record(caller, action: "order.mark_paid", entity: "order", entityID: header.id.rawValue)
        }
    }

    /// Asks the gateway again about a card order whose checkout stopped before the charge's answer came
    /// back, and settles it by what the gateway says: charged (paid; the order goes to processing),
    /// declined or never received (cancelled; stock returned). Staff only; audited. Refused for an order
    /// not waiting for a card payment; `.paymentUnavailable`, changing nothing, when the gateway does not answer.
    @discardableResult
    public func retryPayment(number: Int, by caller: Caller) throws(CommerceError) -> PaymentRetry {
        try caller.require(.staff, to: "retry payments")
        let header = try loadHeader(number)
        let charge = try store.read {
            try db.first("""
                SELECT o.total, p.idempotency_key, o.payment_method FROM orders o
                JOIN payments p ON p.order_id = o.id AND p.kind = 'charge' AND p.status = 'pending'
                WHERE o.id = ? AND o.status = 'PENDING' AND o.payment_status = 'pending'
                """, header.id) { (total: $0.int64(0), key: $0.string(1), method: $0.string(2)) }
        }
        guard let charge, charge.method == "card" else {
            throw .notAllowed("order #\(number) is not waiting for a card payment (it is \(header.status.rawValue.lowercased()), payment \(header.payment.rawValue))")
        }
        let answer = store.paymentGateway.lookupCharge(idempotencyKey: charge.key)
        if case .unavailable(let reason) = answer {
            throw store.logged(.paymentUnavailable("The payment service could not say what became of order #\(number)'s charge (\(reason)); nothing was changed. Try again later."),
                               ["order": number, "during": "retry payment"])
        }
        let order = ChargeRecording.Order(id: header.id, number: number, email: header.email, total: store.money(charge.total))
        let result: PaymentRetry
        switch answer {
        case .charged: result = .paid
        case .declined(let code): result = .declined(code.message)
        case .notFound, .unavailable: result = .neverReceived
        }
        let settled = try store.checkout.settle(order, key: charge.key, answer: answer, by: caller) {
            try store.audit.record(caller, action: "order.retry_payment", entity: "order", entityID: header.id.rawValue,
                                   detail: ["number": String(number), "outcome": result.auditName])
        }
        guard settled.changed else { throw .notAllowed("order #\(number)'s payment was settled meanwhile; look at it again") }
        return result
    }

    // MARK: Cancellation and refunds

    /// Cancels an order from PENDING or PROCESSING: stock goes back, and a paid order is refunded in full.
    /// Shoppers may cancel their own order while it is PENDING; staff may cancel any allowed order.
    /// An order whose card payment is still being processed cannot be cancelled until the payment settles.
    public func cancel(number: Int, reason: String, by caller: Caller) throws(CommerceError) {
        let header = try loadHeader(number)
        let own = header.userID != nil && header.userID == caller.userID
        if !own { try caller.require(.staff, to: "cancel this order") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = CatalogRules.controlCharacterProblem(reason) { throw .invalid(field: "reason", reason: problem) }
        let pending = try store.write(.immediate) { () throws -> Refunds.Pending? in
            // Decide under the write lock, on the order as it is now.
            guard let now = try reading.header(number: number) else { throw CommerceError.notFound("no order #\(number)") }
            if !(own && now.status == .pending) { try caller.require(.staff, to: "cancel this order") }
            if !now.status.canMove(to: .cancelled) { throw CommerceError.notAllowed(OrderTransitionError(from: now.status, to: .cancelled).description) }
            if try db.scalarInt("SELECT 1 FROM payments WHERE order_id = ? AND kind = 'charge' AND status = 'pending'", now.id) != nil {
                throw CommerceError.notAllowed("the payment for order #\(number) is still being processed; try again in a minute")
            }
            var refund: Refunds.Pending?
            let refundable = try refunds.refundable(now.id)
            if refundable > 0 {
                refund = try refunds.begin(now.id, number: number, email: now.email, amount: refundable, reason: "order cancelled", by: caller)
            } else if now.payment == .pending || now.payment == .authorized {
                try db.execute("UPDATE orders SET payment_status = 'failed' WHERE id = ?", now.id)
                try ledger.releaseDiscount(now.id)
            }
            try ledger.restock(now.id, by: caller)
            try ledger.move(now.id, number: number, email: now.email, from: now.status, to: .cancelled,
                            message: reason.isEmpty ? "cancelled" : "cancelled: \(reason)", by: caller)
            if caller.isStaff {
                try store.audit.record(caller, action: "order.cancel", entity: "order", entityID: now.id.rawValue,
                                       detail: ["number": String(number), "reason": reason])
            }
            return refund
        }
        if let pending { try refunds.finish(pending, by: caller) }
    }

    /// Refunds part or all of what was paid (staff), refusing more than remains refundable.
    public func refund(number: Int, amount: Money, reason: String, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "refund orders")
        let header = try loadHeader(number)
        guard amount.minorUnits > 0 else { throw .invalid(field: "amount", reason: "must be more than zero") }
        guard amount.currency == store.currency else { throw .invalid(field: "amount", reason: "must be in \(store.currency.code)") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = CatalogRules.controlCharacterProblem(reason) { throw .invalid(field: "reason", reason: problem) }
        let pending = try store.write(.immediate) { () throws -> Refunds.Pending? in
            let refundable = try refunds.refundable(header.id)
            guard refundable > 0 else {
                let payment = try db.scalarString("SELECT payment_status FROM orders WHERE id = ?", header.id) ?? header.payment.rawValue
                throw CommerceError.notAllowed("order #\(number) has nothing to refund (payment is \(payment))")
            }
            guard amount.minorUnits <= refundable else {
                throw CommerceError.invalid(field: "amount", reason: "at most \(store.money(refundable).formatted) can still be refunded")
            }
            try store.audit.record(caller, action: "order.refund", entity: "order", entityID: header.id.rawValue,
                                   detail: ["number": String(number), "amount": amount.decimalString, "reason": reason])
            return try refunds.begin(header.id, number: number, email: header.email, amount: amount.minorUnits, reason: reason, by: caller)
        }
        if let pending { try refunds.finish(pending, by: caller) }
    }

    /// Sends refunds again that a stopped process or an unanswering gateway left pending for `grace` seconds.
    @discardableResult
    public func retryStalledRefunds(olderThan grace: TimeInterval) throws(CommerceError) -> Int {
        try refunds.finishStalled(olderThan: store.clock.ago(grace))
    }

    // MARK: Internals

    private var refunds: Refunds { Refunds(store: store) }

    private func staffMove(_ number: Int, to target: OrderStatus, message: String, shipment: Shipment? = nil,
                           by caller: Caller, also: (OrderID) throws -> Void = { _ in }) throws(CommerceError) {
        try caller.require(.staff, to: "change order status")
        let header = try loadHeader(number)
        do { try header.status.checkMove(to: target) } catch { throw .notAllowed(error.description) }
        try store.write {
            try ledger.move(header.id, number: number, email: header.email, from: header.status, to: target,
                            message: message, shipment: shipment, by: caller)
            try also(header.id)
            try store.audit.record(caller, action: "order.\(target.rawValue.lowercased())", entity: "order",
                                   entityID: header.id.rawValue, detail: ["number": String(number)])
        }
    }

    private func loadHeader(_ number: Int) throws(CommerceError) -> OrderHeader {
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
