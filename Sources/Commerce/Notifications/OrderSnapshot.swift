/// An order as messages show it, read by id. Every text field is cleaned to one safe line.
struct OrderSnapshot: Sendable {
    struct Line: Sendable {
        let title: String
        let quantity: Int64
        let unitPrice: Money
        let total: Money
    }

    let id: OrderID
    let number: Int64
    let userID: UserID?
    let email: String
    /// The account holder's name, else the name on the shipping address.
    let customerName: String
    let placedAt: Int64
    let paymentMethod: String
    let subtotal: Money
    let discount: Money
    let discountCode: String
    let shipping: Money
    let shippingMethod: String
    let tax: Money
    let total: Money
    let carrier: String
    let tracking: String
    /// The shipping address, one cleaned line per part, empty parts left out.
    let address: [String]
    var lines: [Line]

    /// The order with row id `id`, or `.missingRow`.
    static func load(_ db: any SQLConnection, id: OrderID, fallback currency: Currency) throws -> OrderSnapshot {
        let found = try db.first("""
            SELECT o.number, o.user_id, o.email, coalesce(u.name, ''), o.placed_at, o.payment_method, o.currency,
                   o.subtotal, o.discount_total, coalesce(o.discount_code, ''), o.shipping_total, o.shipping_method_name,
                   o.tax_total, o.total, coalesce(o.carrier, ''), coalesce(o.tracking_number, ''),
                   o.ship_name, o.ship_company, o.ship_line1, o.ship_line2, o.ship_city, o.ship_region,
                   o.ship_postal_code, o.ship_country
            FROM orders o LEFT JOIN users u ON u.id = o.user_id
            WHERE o.id = ?
            """, id) { row -> OrderSnapshot in
            let currency = Currency(code: row.string(6)) ?? currency
            let money = { (index: Int) in Money(minorUnits: row.int64(index), currency: currency) }
            let text = { (index: Int) in MailText.line(row.string(index)) }
            let cityLine = [text(20), [text(21), text(22)].filter { !$0.isEmpty }.joined(separator: " ")]
                .filter { !$0.isEmpty }.joined(separator: ", ")
            return OrderSnapshot(
                id: id, number: row.int64(0), userID: row.optionalInt64(1).map { UserID($0) }, email: row.string(2),
                customerName: text(3).isEmpty ? text(16) : text(3), placedAt: row.int64(4), paymentMethod: row.string(5),
                subtotal: money(7), discount: money(8), discountCode: text(9), shipping: money(10), shippingMethod: text(11),
                tax: money(12), total: money(13), carrier: text(14), tracking: text(15),
                address: [text(16), text(17), text(18), text(19), cityLine, text(23)].filter { !$0.isEmpty },
                lines: [])
        }
        guard var order = found else { throw DeliveryError.missingRow("order \(id)") }
        let currency = order.total.currency
        order.lines = try db.all("""
            SELECT title, variant_title, quantity, unit_price, line_total FROM order_lines WHERE order_id = ? ORDER BY id
            """, id) { row in
            let variant = MailText.line(row.string(1))
            let title = MailText.line(row.string(0)) + (variant.isEmpty || variant == "Default Title" ? "" : " (\(variant))")
            return Line(title: title, quantity: row.int64(2), unitPrice: Money(minorUnits: row.int64(3), currency: currency),
                        total: Money(minorUnits: row.int64(4), currency: currency))
        }
        return order
    }
}
