/// The messages about an order: confirmation, shipped, delivered, cancelled, refunded, payment failed.
enum OrderMessages {
    /// The confirmation sent when an order is placed: lines, totals, payment and address.
    static func confirmation(_ order: OrderSnapshot, shop: ShopIdentity) -> (subject: String, body: String) {
        var body = MessageParts.greeting(order.customerName)
        body += "Thank you for your order. We have received it and will let you know when it ships.\n\n"
        body += "Order #\(order.number), placed \(MailDate.short(milliseconds: order.placedAt))\n\n"
        body += MessageParts.items(order.lines) + "\n"
        body += MessageParts.totals(order) + "\n"
        body += "Payment: " + (order.paymentMethod == "cod" ? "pay on delivery" : "card") + "\n\n"
        body += MessageParts.address(order)
        body += "\nYou can follow your order under Orders in the shop.\n"
        return ("Your \(shop.name) order #\(order.number)", body + MessageParts.signOff(shop))
    }

    /// The order is on its way, with carrier and tracking number.
    static func shipped(_ order: OrderSnapshot, carrier: String, tracking: String, shop: ShopIdentity) -> (subject: String, body: String) {
        var body = MessageParts.greeting(order.customerName)
        body += "Good news: your order #\(order.number) is on its way.\n\n"
        if carrier.isEmpty && tracking.isEmpty {
            body += "The tracking details will follow.\n\n"
        } else {
            if !carrier.isEmpty { body += "Carrier: \(carrier)\n" }
            if !tracking.isEmpty { body += "Tracking number: \(tracking)\n" }
            body += "\n"
        }
        body += "In this parcel:\n" + MessageParts.items(order.lines, prices: false) + "\n"
        body += MessageParts.address(order)
        return ("Your \(shop.name) order #\(order.number) has shipped", body + MessageParts.signOff(shop))
    }

    /// The order arrived.
    static func delivered(_ order: OrderSnapshot, shop: ShopIdentity) -> (subject: String, body: String) {
        var body = MessageParts.greeting(order.customerName)
        body += "Your order #\(order.number) has been delivered. We hope you enjoy it.\n\n"
        body += MessageParts.items(order.lines, prices: false) + "\n"
        body += "If something is not right, write to us at \(shop.sender.address) and mention the order number.\n"
        return ("Your \(shop.name) order #\(order.number) has been delivered", body + MessageParts.signOff(shop))
    }

    /// The order was cancelled; `refund` is what went back to the shopper, if anything.
    static func cancelled(_ order: OrderSnapshot, refund: Money?, shop: ShopIdentity) -> (subject: String, body: String) {
        var body = MessageParts.greeting(order.customerName)
        body += "Your order #\(order.number) has been cancelled.\n\n"
        body += MessageParts.items(order.lines, prices: false) + "\n"
        if let refund, refund.minorUnits > 0 {
            body += "We have refunded \(refund.formatted) to your original payment method. \(MessageParts.refundTiming)\n\n"
        }
        body += "If you did not expect this, write to us at \(shop.sender.address).\n"
        return ("Your \(shop.name) order #\(order.number) has been cancelled", body + MessageParts.signOff(shop))
    }

    /// Money went back to the shopper while the order stands.
    static func refunded(_ order: OrderSnapshot, amount: Money, shop: ShopIdentity) -> (subject: String, body: String) {
        var body = MessageParts.greeting(order.customerName)
        body += "We have refunded \(amount.formatted) for your order #\(order.number) (total \(order.total.formatted)) "
        body += "to your original payment method. \(MessageParts.refundTiming)\n\n"
        body += "If you have a question about this refund, write to us at \(shop.sender.address).\n"
        return ("Refund of \(amount.formatted) for your \(shop.name) order #\(order.number)", body + MessageParts.signOff(shop))
    }
}
