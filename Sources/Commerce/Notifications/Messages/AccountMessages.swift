/// The messages about accounts and stock: welcome to a new shopper, low stock to staff.
enum AccountMessages {
    /// Sent when an account is registered.
    static func welcome(name: String, email: String, shop: ShopIdentity) -> (subject: String, body: String) {
        var body = MessageParts.greeting(name)
        body += "Welcome to \(shop.name)! Your account \(MailText.line(email)) is ready.\n\n"
        body += "Sign in to keep your cart between visits, save addresses for a quicker checkout, "
        body += "and follow your orders from placement to your door.\n"
        return ("Welcome to \(shop.name)", body + MessageParts.signOff(shop))
    }

    /// Sent to every staff member when a variant falls to its low-stock threshold.
    static func lowStock(title: String, sku: String, stock: Int64, threshold: Int64?, shop: ShopIdentity) -> (subject: String, body: String) {
        let product = MailText.truncated(MailText.line(title), to: 120)
        let skuText = MailText.truncated(MailText.line(sku), to: 60)
        let label = skuText.isEmpty ? product : "\(product) (SKU \(skuText))"
        var body = "Hello,\n\n"
        body += "\(label) is down to \(stock) in stock"
        body += threshold.map { ", at or below its low-stock threshold of \($0).\n\n" } ?? ".\n\n"
        if !skuText.isEmpty, skuText.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            body += "When new stock arrives, record it with:\n  curio stock adjust \(skuText) +QUANTITY --reason restock\n"
        } else {
            body += "Record new stock in the back office when it arrives.\n"
        }
        let units = stock == 1 ? "1 left" : "\(stock) left"
        return ("Low stock: \(product), \(units)", body + MessageParts.signOff(shop))
    }
}
