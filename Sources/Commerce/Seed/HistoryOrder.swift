/// A past order as the seeders describe it before writing: lines, money, address and how its status moved.
struct HistoryOrder {
    struct Line {
        let variantID: Int64
        let productID: Int64
        let title: String
        let variantTitle: String
        let sku: String?
        let unitPrice: Int64
        var quantity: Int
    }

    struct Address {
        let name: String
        let line1: String
        let city: String
        let region: String
        let postalCode: String
        let country: String
    }

    var number: Int
    var userID: Int64?
    var email: String
    var placedAt: Int64
    /// Every status the order reached, with when: starts with PENDING at `placedAt`.
    var statuses: [(status: OrderStatus, at: Int64)]
    /// "card" or "cod".
    var method: String
    var lines: [Line]
    var discountCode: String?
    var discount: Int64 = 0
    var shippingMethodID: Int64?
    var shippingName: String
    var shipping: Int64
    var tax: Int64
    var address: Address
    var cardBrand: String
    var cardLast4: String

    var status: OrderStatus { statuses.last?.status ?? .pending }
    var subtotal: Int64 { lines.reduce(0) { $0 + $1.unitPrice * Int64($1.quantity) } }
    var total: Int64 { subtotal - discount + shipping + tax }
    var lastChange: Int64 { statuses.last?.at ?? placedAt }
}

/// Writes past orders with SQL: order, lines, timeline, payments and (separately) the ledger rows,
/// so stock, units sold and totals stay consistent for `curio doctor`. Call inside a transaction.
struct HistoryWriter {
    let db: any SQLConnection
    let currency: Currency

    /// Writes the order without its ledger rows; returns its id.
    func write(_ order: HistoryOrder) throws -> Int64 {
        let cancelled = order.status == .cancelled
        // Checkout charges a card when the order is placed, so every card order was paid (and a
        // cancelled one refunded); pay-on-delivery orders are paid once delivered.
        let paid = order.method == "card" || order.status == .delivered
        let paymentStatus = cancelled && order.method == "card" ? "refunded" : (paid ? "paid" : "pending")
        let shipped = order.statuses.first { $0.status == .shipped }
        let tracking = shipped.map { _ in "1Z\(String(order.number * 7_919 + 100_000_000))" }
        let id = try db.insert("""
            INSERT INTO orders(number, checkout_token, user_id, email, status, payment_status, payment_method, currency,
                               subtotal, discount_total, shipping_total, tax_total, total, refunded_total, discount_code,
                               shipping_method_id, shipping_method_name, ship_name, ship_line1, ship_city, ship_region,
                               ship_postal_code, ship_country, carrier, tracking_number, placed_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values: [
                order.number, "seed-\(order.number)", order.userID, order.email, order.status.rawValue, paymentStatus,
                order.method, currency.code, order.subtotal, order.discount, order.shipping, order.tax, order.total,
                paymentStatus == "refunded" ? order.total : 0, order.discountCode, order.shippingMethodID, order.shippingName,
                order.address.name, order.address.line1, order.address.city, order.address.region, order.address.postalCode,
                order.address.country, shipped == nil ? nil : "UPS", tracking, order.placedAt, order.lastChange,
            ])
        for line in order.lines {
            try db.execute("""
                INSERT INTO order_lines(order_id, variant_id, product_id, title, variant_title, sku, unit_price, quantity, line_total)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, line.variantID, line.productID, line.title, line.variantTitle, line.sku, line.unitPrice,
                line.quantity, line.unitPrice * Int64(line.quantity))
        }
        try writeTimeline(order, id: id, tracking: tracking)
        try writePayments(order, id: id, paymentStatus: paymentStatus)
        return id
    }

    private func event(_ order: Int64, _ kind: String, from: OrderStatus?, to: OrderStatus?, message: String,
                       actor: String, at time: Int64) throws {
        try db.execute("""
            INSERT INTO order_events(order_id, kind, from_status, to_status, message, actor_label, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, order, kind, from?.rawValue, to?.rawValue, message, actor, time)
    }

    private func writeTimeline(_ order: HistoryOrder, id: Int64, tracking: String?) throws {
        try event(id, "placed", from: nil, to: .pending, message: "Order placed", actor: order.email, at: order.placedAt)
        for (previous, next) in zip(order.statuses, order.statuses.dropFirst()) {
            let message: String
            switch next.status {
            case .processing: message = "Payment confirmed; packing"
            case .shipped: message = "Shipped with UPS, tracking \(tracking ?? "")"
            case .delivered: message = "Delivered"
            case .cancelled: message = "Cancelled at the customer's request; stock returned"
            case .pending: message = ""
            }
            let actor = next.status == .cancelled ? order.email : (next.status == .delivered ? "system" : "staff@curio.shop")
            try event(id, "status_changed", from: previous.status, to: next.status, message: message, actor: actor, at: next.at)
        }
    }

    private func writePayments(_ order: HistoryOrder, id: Int64, paymentStatus: String) throws {
        let insert = """
            INSERT INTO payments(order_id, kind, method, gateway, gateway_ref, idempotency_key, amount, currency, status,
                                 card_brand, card_last4, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        if order.method == "card" {
            let status = paymentStatus == "authorized" ? "authorized" : "succeeded"
            try db.execute(insert, values: [id, "charge", "card", "test", "ch_seed_\(order.number)", "seed-charge-\(order.number)",
                                            order.total, currency.code, status, order.cardBrand, order.cardLast4,
                                            order.placedAt, order.placedAt])
            if paymentStatus == "refunded" {
                try db.execute(insert, values: [id, "refund", "card", "test", "re_seed_\(order.number)", "seed-refund-\(order.number)",
                                                order.total, currency.code, "succeeded", order.cardBrand, order.cardLast4,
                                                order.lastChange, order.lastChange])
            }
        } else if paymentStatus == "paid" {
            try db.execute(insert, values: [id, "charge", "cod", "cash", nil, "seed-charge-\(order.number)", order.total,
                                            currency.code, "succeeded", nil, nil, order.lastChange, order.lastChange])
        }
    }

    /// The order's ledger rows: a sale per line, and the units back when it was cancelled.
    func writeLedger(_ order: HistoryOrder, id: Int64, catalog: CatalogWriter) throws {
        for line in order.lines {
            try catalog.recordStock(variant: line.variantID, delta: -line.quantity, reason: .sale,
                                    note: "order #\(order.number)", order: id, at: order.placedAt)
        }
        guard order.status == .cancelled else { return }
        for line in order.lines {
            try catalog.recordStock(variant: line.variantID, delta: line.quantity, reason: .cancellation,
                                    note: "order #\(order.number) cancelled", order: id, at: order.lastChange)
        }
    }
}
