import Commerce
import TerminalUI

/// How shipping is worded on the cart, checkout and review, so they agree: a method with its
/// delivery time said once, and why shipping costs nothing when it does.
enum ShippingText {
    /// "Overnight · 1 day", "Economy · 5–8 days"; a name that already says its days is left as it is.
    static func method(_ method: ShippingMethod) -> String {
        if method.name.lowercased().contains("day") { return method.name }
        return "\(method.name) \(Glyph.middleDot) \(days(method))"
    }

    /// "1 day", "2 days", "3–5 days".
    static func days(_ method: ShippingMethod) -> String {
        if method.minDays == method.maxDays { return "\(method.maxDays) day\(method.maxDays == 1 ? "" : "s")" }
        return "\(method.minDays)\(Glyph.enDash)\(method.maxDays) days"
    }

    /// Why a method costs what it does for an order whose discounted subtotal is `subtotal`:
    /// "free on orders from $50.00" when it is free, "free from $50.00" when it could be, else "".
    static func freeNote(_ method: ShippingMethod, subtotal: Money) -> String {
        guard let over = method.freeOver else { return "" }
        return subtotal.minorUnits >= over.minorUnits ? "free on orders from \(over.formatted)" : "free from \(over.formatted)"
    }

    /// The shipping row's label of priced totals: "Shipping (Standard (3-5 days), free on orders from $50.00)".
    static func label(_ totals: CartTotals) -> String {
        guard let method = totals.shippingMethod else { return "Shipping" }
        let discounted = (try? totals.subtotal.subtracting(totals.discount)) ?? totals.subtotal
        let note = freeNote(method, subtotal: discounted)
        return "Shipping (\(method.name)" + (note.isEmpty ? "" : ", \(note)") + ")"
    }
}
