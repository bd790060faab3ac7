/// Pieces every message body shares: greeting, sign-off, item lists, totals and addresses.
enum MessageParts {
    /// What every refund message says about when the money arrives.
    static let refundTiming = "It can take a few days to show on your statement."

    /// "Hello Name," (or "Hello," without a name) and a blank line.
    static func greeting(_ name: String) -> String {
        let clean = MailText.line(name)
        return (clean.isEmpty ? "Hello," : "Hello \(clean),") + "\n\n"
    }

    /// A blank line and the shop's name.
    static func signOff(_ shop: ShopIdentity) -> String { "\n\(shop.name)\n" }

    /// One item per entry: "  2 × Title (Variant)" and, indented below, the price.
    static func items(_ lines: [OrderSnapshot.Line], prices: Bool = true) -> String {
        lines.map { line in
            var text = "  \(line.quantity) × \(line.title)\n"
            if prices {
                text += line.quantity == 1 ? "      \(line.total.formatted)\n"
                    : "      \(line.unitPrice.formatted) each, \(line.total.formatted)\n"
            }
            return text
        }.joined()
    }

    /// Subtotal, discount, shipping, tax and total, amounts right-aligned under each other.
    static func totals(_ order: OrderSnapshot) -> String {
        var rows: [(String, String)] = [("Subtotal", order.subtotal.formatted)]
        if order.discount.minorUnits > 0 {
            let code = order.discountCode.isEmpty ? "" : " (\(MailText.truncated(order.discountCode, to: 30)))"
            rows.append(("Discount" + code, "-" + order.discount.formatted))
        }
        let method = order.shippingMethod.isEmpty ? "" : " (\(MailText.truncated(order.shippingMethod, to: 30)))"
        rows.append(("Shipping" + method, order.shipping.formatted))
        if order.tax.minorUnits > 0 { rows.append(("Tax", order.tax.formatted)) }
        rows.append(("Total", order.total.formatted))
        let labelWidth = rows.map { $0.0.count }.max() ?? 0
        let amountWidth = rows.map { $0.1.count }.max() ?? 0
        return rows.map { label, amount in
            "  " + label + ":" + String(repeating: " ", count: labelWidth - label.count + 2 + amountWidth - amount.count) + amount + "\n"
        }.joined()
    }

    /// "Ship to:" and the address, one part a line.
    static func address(_ order: OrderSnapshot) -> String {
        order.address.isEmpty ? "" : "Ship to:\n" + order.address.map { "  \($0)\n" }.joined()
    }
}
