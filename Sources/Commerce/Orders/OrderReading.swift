/// Who an order belongs to and where it stands, read before acting on it.
struct OrderHeader {
    let id: OrderID
    let userID: UserID?
    let email: String
    let status: OrderStatus
    let payment: PaymentStatus
    /// A checkout attempt that never became an order (see `OrderReading.isAttempt`).
    let isAttempt: Bool
}

/// Reading orders back from the database into their models.
struct OrderReading {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// True for a checkout attempt that never became an order: a card checkout cancelled without a
    /// successful charge (declined, or stopped before paying). Staff and `doctor` see these; the
    /// shopper's order list and order lookup do not.
    static let isAttempt = """
        (o.payment_method = 'card' AND o.status = 'CANCELLED' AND NOT EXISTS (
            SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.kind = 'charge' AND p.status = 'succeeded'))
        """

    static let summarySelect = """
        SELECT o.id, o.number, o.email, o.status, o.payment_status, o.total,
               (SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE order_id = o.id), o.placed_at
        FROM orders o
        """

    func summary(_ row: Row) -> OrderSummary {
        OrderSummary(id: OrderID(row.int64(0)), number: row.int(1), email: row.string(2),
                     status: OrderStatus(rawValue: row.string(3)) ?? .pending,
                     paymentStatus: PaymentStatus(rawValue: row.string(4)) ?? .pending,
                     total: store.money(row.int64(5)), itemCount: row.int(6), placedAt: row.int64(7))
    }

    /// The order's row id, owner and status by its human number; `isAttempt` for a checkout attempt.
    func header(number: Int) throws -> OrderHeader? {
        try db.first("SELECT o.id, o.user_id, o.email, o.status, o.payment_status, \(OrderReading.isAttempt) FROM orders o WHERE o.number = ?",
                     number) { row in
            OrderHeader(id: OrderID(row.int64(0)), userID: row.optionalInt64(1).map { UserID($0) }, email: row.string(2),
                        status: OrderStatus(rawValue: row.string(3)) ?? .pending, payment: PaymentStatus(rawValue: row.string(4)) ?? .pending,
                        isAttempt: row.bool(5))
        }
    }

    /// The whole order with lines, payments and timeline.
    func detail(_ id: OrderID) throws -> OrderDetail? {
        guard let summary = try db.first(OrderReading.summarySelect + " WHERE o.id = ?", id, map: summary) else { return nil }
        return try db.first("""
            SELECT user_id, payment_method, subtotal, discount_total, discount_code, shipping_total, shipping_method_name,
                   tax_total, refunded_total, ship_name, ship_company, ship_line1, ship_line2, ship_city, ship_region,
                   ship_postal_code, ship_country, ship_phone, carrier, tracking_number
            FROM orders WHERE id = ?
            """, id) { row in
            OrderDetail(
                summary: summary, userID: row.optionalInt64(0).map { UserID($0) }, paymentMethod: row.string(1),
                lines: try lines(id), subtotal: store.money(row.int64(2)), discount: store.money(row.int64(3)),
                discountCode: row.optionalString(4), shipping: store.money(row.int64(5)), shippingMethod: row.string(6),
                tax: store.money(row.int64(7)), refunded: store.money(row.int64(8)),
                address: Address(name: row.string(9), company: row.string(10), line1: row.string(11), line2: row.string(12),
                                 city: row.string(13), region: row.string(14), postalCode: row.string(15),
                                 country: row.string(16), phone: row.string(17)),
                carrier: row.optionalString(18), trackingNumber: row.optionalString(19),
                payments: try payments(id), timeline: try timeline(id))
        }
    }

    func lines(_ id: OrderID) throws -> [OrderLine] {
        try db.all("""
            SELECT variant_id, product_id, title, variant_title, sku, unit_price, quantity, line_total
            FROM order_lines WHERE order_id = ? ORDER BY id
            """, id) { row in
            OrderLine(variantID: row.optionalInt64(0).map { VariantID($0) }, productID: row.optionalInt64(1).map { ProductID($0) },
                      title: row.string(2), variantTitle: row.string(3), sku: row.optionalString(4),
                      unitPrice: store.money(row.int64(5)), quantity: row.int(6), lineTotal: store.money(row.int64(7)))
        }
    }

    func payments(_ id: OrderID) throws -> [PaymentRecord] {
        try db.all("""
            SELECT kind, method, status, amount, card_brand, card_last4, failure_message, created_at
            FROM payments WHERE order_id = ? ORDER BY id
            """, id) { row in
            PaymentRecord(kind: row.string(0), method: row.string(1), status: row.string(2), amount: store.money(row.int64(3)),
                          cardBrand: row.optionalString(4), cardLast4: row.optionalString(5),
                          failureMessage: row.optionalString(6), at: row.int64(7))
        }
    }

    func timeline(_ id: OrderID) throws -> [OrderEvent] {
        try db.all("""
            SELECT kind, from_status, to_status, message, actor_label, created_at FROM order_events WHERE order_id = ? ORDER BY id
            """, id) { row in
            OrderEvent(kind: row.string(0), from: row.optionalString(1).flatMap(OrderStatus.init(rawValue:)),
                       to: row.optionalString(2).flatMap(OrderStatus.init(rawValue:)), message: row.string(3),
                       actor: row.string(4), at: row.int64(5))
        }
    }
}
