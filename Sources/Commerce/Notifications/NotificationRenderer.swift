/// Turns an outbox event into the notifications it causes, reading what the payload does not carry
/// from the database by id. Follows the payloads in `EventContract`.
struct NotificationRenderer {
    let db: any SQLConnection
    let currency: Currency
    let shop: ShopIdentity

    /// The drafts for `event`: none for kinds that notify nobody (InventoryUpdated, ReviewPosted,
    /// PaymentFailed, a move to PROCESSING, the confirmation and cancellation of a declined checkout;
    /// see `OrderEventHistory`), one per recipient otherwise.
    func drafts(for event: OutboxEvent) throws -> [NotificationDraft] {
        let payload = event.payload
        switch event.kind {
        case .orderPlaced:
            let order = try loadOrder(event)
            if try OrderEventHistory(db: db).paymentFailed(order: order.id) { return [] }
            let message = OrderMessages.confirmation(order, shop: shop)
            return [draft(.orderConfirmation, order: order, payload: payload, message)]
        case .orderStatusChanged:
            return try statusChanged(event)
        case .paymentFailed:
            // A declined card is told at checkout, where the shopper tries again; the attempt is not an
            // order, so no message speaks of it (the event stays in the outbox for staff and doctor).
            return []
        case .userRegistered:
            return [try welcome(event)]
        case .inventoryLow:
            return try lowStock(event)
        case .inventoryUpdated, .reviewPosted:
            return []
        }
    }

    private func statusChanged(_ event: OutboxEvent) throws -> [NotificationDraft] {
        let payload = event.payload
        let to = try payload.requireString(EventContract.to, in: event.kind).uppercased()
        let from = payload.string(EventContract.from)?.uppercased()
        let order = try loadOrder(event)
        let history = OrderEventHistory(db: db)
        let money = { (units: Int64) in Money(minorUnits: units, currency: order.total.currency) }
        if to == OrderStatus.cancelled.rawValue && from != OrderStatus.cancelled.rawValue {
            if try history.paymentFailed(order: order.id) { return [] }
            let refund = try payload.int(EventContract.refundAmount) ?? history.refund(order: order.id, justBefore: event.id)
            let message = OrderMessages.cancelled(order, refund: refund.map(money), shop: shop)
            return [draft(.orderCancelled, order: order, payload: payload, message)]
        }
        if let refund = payload.int(EventContract.refundAmount), refund > 0 {
            if try history.cancellation(order: order.id, justAfter: event.id) { return [] }
            let message = OrderMessages.refunded(order, amount: money(refund), shop: shop)
            return [draft(.orderRefunded, order: order, payload: payload, message)]
        }
        if from == to { return [] }
        switch to {
        case OrderStatus.shipped.rawValue:
            let carrier = MailText.line(payload.string(EventContract.carrier) ?? order.carrier)
            let tracking = MailText.line(payload.string(EventContract.tracking) ?? order.tracking)
            let message = OrderMessages.shipped(order, carrier: carrier, tracking: tracking, shop: shop)
            return [draft(.orderShipped, order: order, payload: payload, message)]
        case OrderStatus.delivered.rawValue:
            return [draft(.orderDelivered, order: order, payload: payload, OrderMessages.delivered(order, shop: shop))]
        default:
            return []
        }
    }

    private func welcome(_ event: OutboxEvent) throws -> NotificationDraft {
        let payload = event.payload
        let userID = UserID(try payload.requireInt(EventContract.userID, in: event.kind))
        let account = try db.first("SELECT email, name FROM users WHERE id = ?", userID) { ($0.optionalString(0), $0.string(1)) }
        guard let email = payload.string(EventContract.email) ?? account?.0 else {
            throw DeliveryError.badPayload(kind: event.kind, field: EventContract.email)
        }
        let name = payload.string(EventContract.name) ?? account?.1 ?? ""
        let message = AccountMessages.welcome(name: name, email: email, shop: shop)
        return NotificationDraft(kind: .welcome, userID: account == nil ? nil : userID, email: email, name: name,
                                 subject: message.subject, body: message.body)
    }

    private func lowStock(_ event: OutboxEvent) throws -> [NotificationDraft] {
        let payload = event.payload
        let variant = payload.int(EventContract.variantID) ?? event.aggregateID
        let stored = try variant.flatMap { id in
            try db.first("""
                SELECT p.title, coalesce(v.sku, ''), v.stock, v.low_stock_threshold
                FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?
                """, id) { ($0.string(0), $0.string(1), $0.int64(2), $0.int64(3)) }
        }
        guard let title = payload.string(EventContract.title) ?? stored?.0 else {
            throw DeliveryError.badPayload(kind: event.kind, field: EventContract.title)
        }
        guard let stock = payload.int(EventContract.stock) ?? stored?.2 else {
            throw DeliveryError.badPayload(kind: event.kind, field: EventContract.stock)
        }
        let message = AccountMessages.lowStock(title: title, sku: payload.string(EventContract.sku) ?? stored?.1 ?? "", stock: stock,
                                               threshold: payload.int(EventContract.threshold) ?? stored?.3, shop: shop)
        var staff = try db.all("""
            SELECT id, email, name FROM users
            WHERE role IN ('staff', 'admin') AND disabled = 0 AND email IS NOT NULL ORDER BY id
            """) { row in (UserID(row.int64(0)) as UserID?, row.string(1), row.string(2)) }
        if staff.isEmpty { staff = [(nil, shop.sender.address, shop.name)] }
        return staff.map { user in
            NotificationDraft(kind: .lowStock, userID: user.0, email: user.1, name: user.2,
                              subject: message.subject, body: message.body)
        }
    }

    private func loadOrder(_ event: OutboxEvent) throws -> OrderSnapshot {
        guard let id = event.payload.int(EventContract.orderID) ?? event.aggregateID else {
            throw DeliveryError.badPayload(kind: event.kind, field: EventContract.orderID)
        }
        return try OrderSnapshot.load(db, id: OrderID(id), fallback: currency)
    }

    /// The draft to the order's shopper: the payload's email (else the order's), in the inbox of the
    /// order's account (a guest order belongs to no inbox).
    private func draft(_ kind: NotificationKind, order: OrderSnapshot, payload: EventPayload,
                       _ message: (subject: String, body: String)) -> NotificationDraft {
        let email = payload.string(EventContract.email) ?? order.email
        return NotificationDraft(kind: kind, userID: order.userID, email: email, name: order.customerName,
                                 subject: message.subject, body: message.body)
    }
}
