/// One line of an order, as bought: title, SKU and price copied at the moment of purchase.
public struct OrderLine: Sendable, Equatable, Codable {
    /// The variant bought, if it still exists.
    public let variantID: VariantID?
    /// The product bought, if it still exists.
    public let productID: ProductID?
    /// Product title at purchase.
    public let title: String
    /// Variant options at purchase ("Blue / L"), empty for a product without options.
    public let variantTitle: String
    /// SKU at purchase.
    public let sku: String?
    /// Unit price at purchase.
    public let unitPrice: Money
    /// Units bought.
    public let quantity: Int
    /// unitPrice × quantity.
    public let lineTotal: Money
}

/// One entry of an order's timeline.
public struct OrderEvent: Sendable, Equatable, Codable {
    /// What happened ("placed", "status", "payment", "refund", "note").
    public let kind: String
    /// Status before, for status changes.
    public let from: OrderStatus?
    /// Status after, for status changes.
    public let to: OrderStatus?
    /// Words for people.
    public let message: String
    /// Who did it ("system", an email).
    public let actor: String
    /// When (ms since the epoch).
    public let at: Int64
}

/// A charge or refund as recorded (never the card number: brand and last four only).
public struct PaymentRecord: Sendable, Equatable, Codable {
    /// "charge" or "refund".
    public let kind: String
    /// "card" or "cod".
    public let method: String
    /// "pending", "authorized", "succeeded" or "failed".
    public let status: String
    /// The amount.
    public let amount: Money
    /// The card brand, for card payments.
    public let cardBrand: String?
    /// The card's last four digits, for card payments.
    public let cardLast4: String?
    /// Why it failed, in words.
    public let failureMessage: String?
    /// When it was recorded.
    public let at: Int64
}

/// An order in lists: number, state and total.
public struct OrderSummary: Sendable, Equatable, Codable {
    /// The order's row id.
    public let id: OrderID
    /// The human order number (1001, 1002 …), shown as "#1001".
    public let number: Int
    /// The contact email.
    public let email: String
    /// Fulfilment status.
    public let status: OrderStatus
    /// Payment status.
    public let paymentStatus: PaymentStatus
    /// What the shopper pays.
    public let total: Money
    /// Units in the order.
    public let itemCount: Int
    /// When it was placed.
    public let placedAt: Int64
}

/// Everything about one order: lines, totals, address, payments and timeline.
public struct OrderDetail: Sendable, Equatable, Codable {
    /// The list view of the order.
    public let summary: OrderSummary
    /// The account that placed it, if any.
    public let userID: UserID?
    /// "card" or "cod".
    public let paymentMethod: String
    /// The lines bought.
    public let lines: [OrderLine]
    /// Sum of the lines.
    public let subtotal: Money
    /// Discount taken off the subtotal.
    public let discount: Money
    /// The discount code used, if any.
    public let discountCode: String?
    /// Shipping charged.
    public let shipping: Money
    /// The shipping method's name.
    public let shippingMethod: String
    /// Tax charged.
    public let tax: Money
    /// Money refunded so far.
    public let refunded: Money
    /// Where it ships.
    public let address: Address
    /// Carrier, once shipped.
    public let carrier: String?
    /// Tracking number, once shipped.
    public let trackingNumber: String?
    /// Charges and refunds.
    public let payments: [PaymentRecord]
    /// Every change, oldest first.
    public let timeline: [OrderEvent]
}

/// What asking the gateway again about a stopped checkout's charge settled.
public enum PaymentRetry: Sendable, Equatable {
    /// The gateway had charged the card: the order is paid and processing.
    case paid
    /// The gateway had declined the card (its words): the order is cancelled and restocked.
    case declined(String)
    /// The gateway never received the charge, so the card was not charged: the order is cancelled and restocked.
    case neverReceived

    /// The outcome as the audit log records it.
    var auditName: String {
        switch self {
        case .paid: "paid"
        case .declined: "declined"
        case .neverReceived: "never received"
        }
    }

    /// The outcome in words, for staff.
    public func message(number: Int) -> String {
        switch self {
        case .paid: "The gateway had charged order #\(number): it is paid and ready to process"
        case .declined(let reason): "The gateway had declined order #\(number)'s card (\(reason)); the order is cancelled and its stock returned"
        case .neverReceived: "The gateway never received order #\(number)'s charge, so the card was not charged; the order is cancelled and its stock returned"
        }
    }
}
