import COpenSSL
import Foundation

/// Checkout: review with current prices, then idempotent placement that can never oversell.
///
/// Placement runs in steps that each leave the database consistent:
/// 1. one `BEGIN IMMEDIATE` transaction takes the stock (ledger rows; `CHECK stock >= 0` backs the
///    explicit check), writes the order, its lines, the first timeline event and outbox events, redeems
///    the discount and, for cards, a pending charge keyed by the checkout token;
/// 2. the gateway charges with the token as idempotency key (outside any transaction);
/// 3. a second transaction records the outcome: paid → PROCESSING, or declined → CANCELLED with the
///    stock and discount given back and the cart kept.
/// A process that dies between 1 and 3 leaves a PENDING card order with a pending charge;
/// `recoverInterrupted(olderThan:)` cancels those at start-up. Placing again with the same token resumes
/// or returns the one order.
public struct Checkout {
    let store: Store
    private var db: any SQLConnection { store.db }
    private var ledger: OrderLedger { OrderLedger(store: store) }

    /// A fresh random checkout token.
    public static func newToken() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        if RAND_bytes(&bytes, Int32(bytes.count)) != 1 {
            return UUID().uuidString.lowercased()
        }
        return "co_" + bytes.map { String(format: "%02x", $0) }.joined()
    }

    // MARK: Review

    /// The review step: prices the items now and lists every change the shopper must see.
    public func review(_ request: CheckoutRequest, as caller: Caller) throws(CommerceError) -> CheckoutReview {
        try store.read { try priced(request) }
    }

    // MARK: Placement

    /// Places the order. Idempotent per token. Throws `.paymentDeclined` (stock returned, cart kept),
    /// `.outOfStock`, `.notAllowed` when the total changed since review, or a field error.
    public func place(_ request: CheckoutRequest, as caller: Caller) throws(CommerceError) -> PlacedOrder {
        let request = try validated(request, caller: caller)
        let keys = throttleKeys(email: request.email, caller: caller)
        // Every read that decides neither stock nor the throttle happens before the writer lock: a
        // repeated token, prices, discount, shipping and tax. Under the lock the token, the stock,
        // the prices (a changed price means pricing again there) and the throttle are read again.
        let (existing, prepared) = try store.read { () throws -> (ExistingOrder?, CheckoutReview?) in
            if let existing = try existingOrder(token: request.token) { return (existing, nil) }
            return (nil, try priced(request))
        }
        if let existing { return try resume(existing, request: request, caller: caller) }
        let first = try store.write(.rowLocked) { () throws -> Step in
            if let existing = try existingOrder(token: request.token) { return .existing(existing) }
            // A card attempt is counted as it is decided (forgotten once it is paid), so card testing
            // from many sessions at once shares one allowance; pay on delivery only has to be allowed.
            if case .card = request.payment { try throttle.begin(keys, now: store.clock.now()) }
            else { try throttle.check(keys, now: store.clock.now()) }
            return .created(try create(request, caller: caller, prepared: prepared))
        }
        switch first {
        case .existing(let existing):
            return try resume(existing, request: request, caller: caller)
        case .created(let created):
            guard case .card(let card) = request.payment else {
                notifyObservers(created.id)
                return PlacedOrder(number: created.number, total: created.total, status: .pending, paymentStatus: .pending,
                                   alreadyPlaced: false)
            }
            return try charge(created, card: card, request: request, caller: caller, alreadyPlaced: false)
        }
    }

    /// Places the caller's cart: its lines at the prices shown, then removes what was bought from the cart.
    public func placeCart(token: String, email: String, address: Address, shippingMethod: ShippingMethodID?,
                          payment: PaymentChoice, reviewedTotal: Money?, as caller: Caller) throws(CommerceError) -> PlacedOrder {
        let cart = try store.carts.cart(as: caller)
        guard !cart.isEmpty else { throw .notAllowed("your cart is empty") }
        let request = CheckoutRequest(
            token: token, email: email,
            items: cart.lines.map { CheckoutItem(variant: $0.variantID, quantity: $0.quantity, seenUnitPrice: $0.priceWhenAdded) },
            address: address, shippingMethod: shippingMethod, discountCode: cart.discountCode, payment: payment,
            reviewedTotal: reviewedTotal)
        var fromCart = request
        fromCart.fromCart = true
        return try place(fromCart, as: caller)
    }

    /// Settles card orders whose payment never completed (the process placing them died): the gateway is
    /// asked what became of each charge, and an order it charged is paid and goes to processing, one it
    /// declined is cancelled, and one it never received (or cannot tell about) is cancelled as interrupted;
    /// stock returns with each cancellation. Only orders older than `grace` seconds, so a checkout still in
    /// flight elsewhere is left alone. Returns the numbers of the orders it settled.
    @discardableResult
    public func recoverInterrupted(olderThan grace: TimeInterval = 600) throws(CommerceError) -> [Int] {
        let cutoff = store.clock.ago(grace)
        let stuck = try store.read {
            try db.all("""
                SELECT o.id, o.number, o.email, o.total, p.idempotency_key FROM orders o
                JOIN payments p ON p.order_id = o.id AND p.kind = 'charge' AND p.status = 'pending'
                WHERE o.status = 'PENDING' AND o.payment_method = 'card' AND o.payment_status = 'pending' AND o.placed_at <= ?
                """, cutoff) { row in
                (ChargeRecording.Order(id: OrderID(row.int64(0)), number: row.int(1), email: row.string(2),
                                       total: store.money(row.int64(3))), row.string(4))
            }
        }
        var recovered: [Int] = []
        try store.orders.retryStalledRefunds(olderThan: grace)
        for (order, key) in stuck {
            let (done, reason) = try settle(order, key: key, answer: store.paymentGateway.lookupCharge(idempotencyKey: key),
                                            by: .system)
            if done {
                recovered.append(order.number)
                store.log?.write("checkout.recovered", level: "warning", ["order": order.number, "reason": reason])
            }
        }
        return recovered
    }

    /// Records the gateway's `answer` about a stopped checkout's charge; whether anything changed, and what.
    /// An answer that says nothing (not found, no answer) cancels the order as interrupted: a late
    /// success is still recorded by the checkout, and refunded. `alsoRecord` runs in the same
    /// transaction when something changed (the audit entry of a staff member's retry).
    func settle(_ order: ChargeRecording.Order, key: String, answer: ChargeLookup, by caller: Caller,
                alsoRecord: () throws -> Void = {}) throws(CommerceError) -> (changed: Bool, reason: String) {
        var late: Refunds.Pending?
        let outcome = try store.write(.rowLocked) { () throws -> (Bool, String) in
            late = nil
            let outcome = try record(order, key: key, answer: answer, by: caller, late: &late)
            if outcome.0 { try alsoRecord() }
            return outcome
        }
        if let late { try Refunds(store: store).finish(late, by: .system) }
        return outcome
    }

    /// `settle`'s work inside its transaction.
    private func record(_ order: ChargeRecording.Order, key: String, answer: ChargeLookup, by caller: Caller,
                        late: inout Refunds.Pending?) throws -> (Bool, String) {
        switch answer {
        case .charged(let reference):
            let paid = try recording.paid(order, key: key, reference: reference, paidWith: "card (found at the gateway)", by: caller)
            if case .refundLate(let refund) = paid { late = refund }
            if case .alreadySettled = paid { return (false, "") }
            return (true, "the gateway had charged it; paid")
        case .declined(let code):
            let failed = try recording.failed(order, key: key, code: code.rawValue, message: code.message,
                                              event: "payment declined: \(code.message)",
                                              cancellation: "cancelled: the payment was declined; stock returned")
            return (failed, "the gateway had declined it; cancelled and restocked")
        case .notFound, .unavailable:
            // Re-read under the lock: another process may have finished or recovered it.
            guard try db.scalarInt("""
                SELECT 1 FROM orders WHERE id = ? AND status = 'PENDING' AND payment_status = 'pending'
                """, order.id) != nil else { return (false, "") }
            try ledger.restock(order.id, by: .system)
            try ledger.releaseDiscount(order.id)
            try db.execute("""
                UPDATE payments SET status = 'failed', failure_code = 'interrupted',
                    failure_message = 'checkout stopped before the payment completed', updated_at = ?
                WHERE order_id = ? AND kind = 'charge' AND status = 'pending'
                """, store.clock.now(), order.id)
            try db.execute("UPDATE orders SET payment_status = 'failed' WHERE id = ?", order.id)
            try ledger.move(order.id, number: order.number, email: order.email, from: .pending, to: .cancelled,
                            message: "cancelled: the checkout stopped before the payment completed; stock returned",
                            by: .system)
            return (true, "payment never completed; cancelled and restocked")
        }
    }

    // MARK: Steps

    private enum Step {
        case existing(ExistingOrder)
        case created(CreatedOrder)
    }

    struct ExistingOrder {
        let id: OrderID
        let number: Int
        let total: Int64
        let status: OrderStatus
        let payment: PaymentStatus
        let method: String
        let failure: String?
    }

    struct CreatedOrder {
        let id: OrderID
        let number: Int
        let email: String
        let total: Money
    }

    private func existingOrder(token: String) throws -> ExistingOrder? {
        try db.first("""
            SELECT o.id, o.number, o.total, o.status, o.payment_status, o.payment_method,
                   (SELECT failure_message FROM payments WHERE order_id = o.id AND kind = 'charge' ORDER BY id DESC LIMIT 1)
            FROM orders o WHERE o.checkout_token = ?
            """, token) { row in
            ExistingOrder(id: OrderID(row.int64(0)), number: row.int(1), total: row.int64(2),
                          status: OrderStatus(rawValue: row.string(3)) ?? .pending,
                          payment: PaymentStatus(rawValue: row.string(4)) ?? .pending, method: row.string(5),
                          failure: row.optionalString(6))
        }
    }

    /// A second placement with the same token: report the order, or finish a charge that was interrupted.
    private func resume(_ existing: ExistingOrder, request: CheckoutRequest, caller: Caller) throws(CommerceError) -> PlacedOrder {
        if existing.payment == .failed {
            throw .paymentDeclined((existing.failure ?? "the payment failed") + " This checkout was cancelled; start checkout again.")
        }
        if existing.status == .pending, existing.payment == .pending, existing.method == "card", case .card(let card) = request.payment {
            let email = try store.read { try db.scalarString("SELECT email FROM orders WHERE id = ?", existing.id) } ?? request.email
            return try charge(CreatedOrder(id: existing.id, number: existing.number, email: email, total: store.money(existing.total)),
                              card: card, request: request, caller: caller, alreadyPlaced: true)
        }
        return PlacedOrder(number: existing.number, total: store.money(existing.total), status: existing.status,
                           paymentStatus: existing.payment, alreadyPlaced: true)
    }

    /// Step 1: stock, order, lines, ledger, timeline, outbox, discount, pending charge. Inside BEGIN IMMEDIATE.
    /// `prepared` is the request priced just before the lock; it is used when every line still has the
    /// same price and is still sold (with the stock read now), else the request is priced again here.
    private func create(_ request: CheckoutRequest, caller: Caller, prepared: CheckoutReview?) throws -> CreatedOrder {
        // Checkouts overlap on PostgreSQL: lock what this one decides on before reading it.
        try db.lockStock(of: request.items.map(\.variant.rawValue))
        let review = try prepared.flatMap { try withCurrentStock($0) } ?? priced(request)
        for line in review.lines where line.quantity > line.available {
            throw CommerceError.outOfStock(item: Checkout.displayTitle(line), available: line.available)
        }
        if let seen = request.reviewedTotal, seen != review.totals.total {
            throw CommerceError.notAllowed(
                "the total changed from \(seen.formatted) to \(review.totals.total.formatted) since you reviewed the order; review it again")
        }
        if let code = review.totals.appliedDiscount?.code { try store.discounts.redeem(code: code) }
        let now = store.clock.now()
        let number = try db.nextOrderNumber()
        let totals = review.totals
        let method = try request.shippingMethod.map { try store.pricing.shippingMethod($0) } ?? totals.shippingMethod
        let a = request.address
        let insertedID = try db.insert("""
            INSERT INTO orders(number, checkout_token, user_id, email, status, payment_status, payment_method, currency,
                subtotal, discount_total, shipping_total, tax_total, total, discount_code, shipping_method_id, shipping_method_name,
                ship_name, ship_company, ship_line1, ship_line2, ship_city, ship_region, ship_postal_code, ship_country, ship_phone,
                placed_at, updated_at)
            VALUES (?, ?, ?, ?, 'PENDING', 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values: [number, request.token, caller.userID, request.email, request.payment.method, store.currency.code,
                          totals.subtotal.minorUnits, totals.discount.minorUnits, totals.shipping.minorUnits, totals.tax.minorUnits,
                          totals.total.minorUnits, totals.appliedDiscount?.code, method?.id, method?.name ?? "",
                          a.name, a.company, a.line1, a.line2, a.city, a.region, a.postalCode, a.country, a.phone, now, now])
        let order = OrderID(insertedID)
        try attachEmail(request.email, to: caller)
        for line in review.lines {
            try db.execute("""
                INSERT INTO order_lines(order_id, variant_id, product_id, title, variant_title, sku, unit_price, quantity, line_total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, order, line.variant, line.product, line.title, line.variantTitle, line.sku, line.unitPrice.minorUnits,
                line.quantity, line.unitPrice.minorUnits * Int64(line.quantity))
            try db.execute("""
                INSERT INTO inventory_ledger(variant_id, delta, reason, note, order_id, actor_id, created_at)
                VALUES (?, ?, 'sale', ?, ?, ?, ?)
                """, line.variant, -line.quantity, "order #\(number)", order, caller.userID, now)
            try InventoryEvents(store: store).lowStockIfCrossed(line.variant, before: Int64(line.available),
                                                                after: Int64(line.available - line.quantity))
        }
        let paying = request.payment.method == "cod" ? "to pay on delivery" : "awaiting card payment"
        let units = review.lines.reduce(0) { $0 + $1.quantity }
        try ledger.event(order, kind: "placed", to: .pending,
                         message: "placed: \(units) item\(units == 1 ? "" : "s"), \(totals.total.formatted), \(paying)",
                         by: caller)
        if case .payOnDelivery = request.payment {
            // A card order is announced once its payment succeeds, so a decline never sends a confirmation.
            try recording.announce(order, number: number, email: request.email)
            clearBought(request, caller: caller)
        }
        if case .card(let card) = request.payment {
            try db.execute("""
                INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, card_brand, card_last4,
                                     created_at, updated_at)
                VALUES (?, 'charge', 'card', ?, ?, ?, ?, 'pending', ?, ?, ?, ?)
                """, order, store.paymentGateway.name, request.token, totals.total.minorUnits, store.currency.code,
                card.brand.name, card.last4, now, now)
        }
        return CreatedOrder(id: order, number: number, email: request.email, total: totals.total)
    }

    /// `review` with each line's stock read again under the lock; nil when a price changed or a line is
    /// no longer sold (the caller prices again).
    private func withCurrentStock(_ review: CheckoutReview) throws -> CheckoutReview? {
        var lines: [ReviewLine] = []
        for line in review.lines {
            guard let now = try db.first("""
                SELECT v.price, v.stock, v.archived = 0 AND p.status = 'active'
                FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?
                """, line.variant, map: { (price: $0.int64(0), stock: $0.int(1), sold: $0.bool(2)) }),
                  now.sold, now.price == line.unitPrice.minorUnits else { return nil }
            lines.append(ReviewLine(variant: line.variant, product: line.product, title: line.title, variantTitle: line.variantTitle,
                                    sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, available: now.stock))
        }
        return CheckoutReview(lines: lines, totals: review.totals, changes: review.changes)
    }

    /// Steps 2 and 3: charge through the gateway, then record the outcome.
    private func charge(_ order: CreatedOrder, card: CardDetails, request: CheckoutRequest, caller: Caller,
                        alreadyPlaced: Bool) throws(CommerceError) -> PlacedOrder {
        let token = request.token
        let result = store.paymentGateway.charge(order.total, card: card, idempotencyKey: token)
        if case .unavailable(let reason) = result {
            throw store.logged(.paymentUnavailable("The payment service did not answer (\(reason)). Order #\(order.number) is saved; "
                                                   + "place it again to finish paying — you will not be charged twice."),
                               ["order": order.number, "during": "charge"])
        }
        var lateRefund: Refunds.Pending?
        let paying = ChargeRecording.Order(id: order.id, number: order.number, email: order.email, total: order.total)
        let outcome = try store.write(.rowLocked) { () throws -> PlacedOrder in
            lateRefund = nil
            switch result {
            case .succeeded(let reference):
                let paid = try recording.paid(paying, key: token, reference: reference, paidWith: "\(card)", by: caller)
                if case .alreadySettled = paid { break }
                try throttle.succeed(throttleKeys(email: order.email, caller: caller).map(\.key))
                if case .refundLate(let refund) = paid { lateRefund = refund } else { clearBought(request, caller: caller) }
            case .unavailable:
                break
            case .declined(let code):
                _ = try recording.failed(paying, key: token, code: code.rawValue, message: code.message,
                                         event: "payment declined: \(code.message)",
                                         cancellation: "cancelled: the payment was declined; stock returned")
            }
            let now2 = try existingOrder(token: token)
            return PlacedOrder(number: order.number, total: order.total, status: now2?.status ?? .pending,
                               paymentStatus: now2?.payment ?? .pending, alreadyPlaced: alreadyPlaced)
        }
        if let lateRefund {
            try Refunds(store: store).finish(lateRefund, by: .system)
            throw .notAllowed("order #\(order.number) was cancelled before its payment completed; the \(order.total.formatted) "
                              + "charged has been refunded. Start checkout again.")
        }
        if case .declined(let code) = result { throw .paymentDeclined(code.message) }
        if outcome.paymentStatus == .paid && !alreadyPlaced { notifyObservers(order.id) }
        return outcome
    }

    private var throttle: Throttle { Throttle(db: db) }
    private var recording: ChargeRecording { ChargeRecording(store: store) }

    /// An account made for an SSH key has no email until its first checkout: the contact email becomes
    /// the account's, unless another account already has it.
    private func attachEmail(_ email: String, to caller: Caller) throws {
        guard let user = caller.userID else { return }
        try db.execute("""
            UPDATE users SET email = ?1, updated_at = ?2
            WHERE id = ?3 AND email IS NULL AND NOT EXISTS (SELECT 1 FROM users WHERE email = ?1)
            """, email, store.clock.now(), user)
    }

    /// Takes what was bought out of the caller's cart, inside the placing transaction. A cart problem
    /// (a line already gone) never undoes the order: each removal is its own savepoint.
    private func clearBought(_ request: CheckoutRequest, caller: Caller) {
        guard request.fromCart else { return }
        for item in request.items { _ = try? store.carts.remove(variant: item.variant, as: caller) }
        if request.discountCode != nil { _ = try? store.discounts.removeDiscount(as: caller) }
    }

    /// Declined cards are counted per account, or per contact email for guests, and per SSH key, so
    /// card testing slows down.
    private func throttleKeys(email: String, caller: Caller) -> [(key: String, policy: Throttle.Policy)] {
        Accounts.throttleKeys("checkout", account: caller.userID.map { "user:\($0)" } ?? "email:\(email)", origin: caller)
    }

    /// Tells in-process observers (the recommender) about a committed order.
    private func notifyObservers(_ order: OrderID) {
        guard !store.orderPlacedObservers.isEmpty else { return }
        guard let notice = try? db.first("SELECT number, user_id, email, placed_at FROM orders WHERE id = ?", order, map: { row in
            PlacedOrderNotice(order: order, number: row.int(0), user: row.optionalInt64(1).map { UserID($0) }, email: row.string(2),
                              products: try db.all("SELECT product_id FROM order_lines WHERE order_id = ? AND product_id IS NOT NULL", order) {
                                  ProductID($0.int64(0))
                              }, at: row.int64(3))
        }) else { return }
        for observer in store.orderPlacedObservers { observer(notice) }
    }

    // MARK: Pricing the request

    private func validated(_ request: CheckoutRequest, caller: Caller) throws(CommerceError) -> CheckoutRequest {
        var request = request
        request.token = request.token.trimmingCharacters(in: .whitespaces)
        guard !request.token.isEmpty, request.token.count <= 100 else { throw .invalid(field: "checkout token", reason: "required") }
        request.email = try EmailAddress.normalize(request.email)
        request.address = try request.address.validated()
        guard !request.items.isEmpty else { throw .notAllowed("there is nothing to buy") }
        var merged: [VariantID: Int] = [:]
        for item in request.items {
            guard (1...99).contains(item.quantity) else { throw .invalid(field: "quantity", reason: "between 1 and 99") }
            merged[item.variant, default: 0] += item.quantity
        }
        if merged.values.contains(where: { $0 > 99 }) { throw .invalid(field: "quantity", reason: "at most 99 of one item") }
        // One line per variant, so stock and low-stock checks see the whole quantity.
        var seen: Set<VariantID> = []
        request.items = request.items.compactMap { item in
            guard seen.insert(item.variant).inserted, let total = merged[item.variant] else { return nil }
            return CheckoutItem(variant: item.variant, quantity: total, seenUnitPrice: item.seenUnitPrice)
        }
        return request
    }

    /// Prices the request from the database now: lines, totals (the one computation) and changes in words.
    private func priced(_ request: CheckoutRequest) throws -> CheckoutReview {
        var lines: [ReviewLine] = []
        var changes: [String] = []
        for item in request.items {
            guard let line = try db.first("""
                SELECT v.id, v.product_id, p.title, v.option1, v.option2, v.option3, v.sku, v.price, v.stock,
                       v.archived = 0 AND p.status = 'active'
                FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?
                """, item.variant, map: { row in
                    (ReviewLine(variant: VariantID(row.int64(0)), product: ProductID(row.int64(1)), title: row.string(2),
                                variantTitle: [row.optionalString(3), row.optionalString(4), row.optionalString(5)]
                                    .compactMap { $0 }.filter { !$0.isEmpty && $0 != "Default Title" }.joined(separator: " / "),
                                sku: row.optionalString(6), quantity: item.quantity, unitPrice: store.money(row.int64(7)),
                                available: row.int(8)), row.bool(9))
                }) else {
                throw CommerceError.notFound("an item in your order no longer exists; remove it and try again")
            }
            guard line.1 else { throw CommerceError.notAllowed("\(Checkout.displayTitle(line.0)) is no longer sold; remove it and try again") }
            if let seen = item.seenUnitPrice, seen != line.0.unitPrice {
                changes.append("\(Checkout.displayTitle(line.0)): price changed from \(seen.formatted) to \(line.0.unitPrice.formatted)")
            }
            if line.0.quantity > line.0.available {
                changes.append(line.0.available == 0 ? "\(Checkout.displayTitle(line.0)) is sold out"
                               : "only \(line.0.available) of \(Checkout.displayTitle(line.0)) left")
            }
            lines.append(line.0)
        }
        let pricingLines = lines.map { PricingLine(unitPrice: $0.unitPrice, quantity: $0.quantity) }
        let subtotal = try CartTotals.subtotal(of: pricingLines, currency: store.currency)
        let discount = try request.discountCode.flatMap { code -> Discount? in
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            return trimmed.isEmpty ? nil : try store.discounts.check(code: trimmed, subtotal: subtotal)
        }
        let totals = try store.pricing.totals(lines: pricingLines, discount: discount, shipping: request.shippingMethod,
                                              destination: ShippingDestination(request.address))
        return CheckoutReview(lines: lines, totals: totals, changes: changes)
    }

    static func displayTitle(_ line: ReviewLine) -> String {
        line.variantTitle.isEmpty ? line.title : "\(line.title) — \(line.variantTitle)"
    }
}

extension Store {
    /// Checkout of this store.
    public var checkout: Checkout { Checkout(store: self) }
}
