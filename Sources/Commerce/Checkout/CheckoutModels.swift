import Foundation

/// How the shopper pays.
public enum PaymentChoice: Sendable {
    /// By card through the store's gateway, charged at placement.
    case card(CardDetails)
    /// Pay on delivery: the order waits with payment pending until staff mark it paid.
    case payOnDelivery

    var method: String {
        switch self {
        case .card: return "card"
        case .payOnDelivery: return "cod"
        }
    }
}

/// One thing to buy.
public struct CheckoutItem: Sendable, Equatable {
    /// The variant.
    public var variant: VariantID
    /// How many, 1...99.
    public var quantity: Int
    /// The unit price the shopper last saw (from the cart), so a change can be shown rather than applied silently.
    public var seenUnitPrice: Money?

    /// An item to buy.
    public init(variant: VariantID, quantity: Int, seenUnitPrice: Money? = nil) {
        self.variant = variant
        self.quantity = quantity
        self.seenUnitPrice = seenUnitPrice
    }
}

/// Everything a checkout needs. `token` is made once when checkout begins (`Checkout.newToken()`) and
/// reused for every retry, so placing twice yields one order.
public struct CheckoutRequest: Sendable {
    /// The idempotency token of this checkout.
    public var token: String
    /// The contact email (a guest's, or the account's).
    public var email: String
    /// What is bought.
    public var items: [CheckoutItem]
    /// Where it ships.
    public var address: Address
    /// The chosen shipping method; nil takes the cheapest.
    public var shippingMethod: ShippingMethodID?
    /// A discount code to apply.
    public var discountCode: String?
    /// How the shopper pays.
    public var payment: PaymentChoice
    /// The total the shopper saw on the review step; placement refuses when the total has changed since.
    public var reviewedTotal: Money?
    /// True when the items come from the caller's cart: what is bought leaves the cart in the same
    /// transaction that records the order as paid (or placed, to pay on delivery).
    public var fromCart = false

    /// A checkout request.
    public init(token: String, email: String, items: [CheckoutItem], address: Address, shippingMethod: ShippingMethodID? = nil,
                discountCode: String? = nil, payment: PaymentChoice, reviewedTotal: Money? = nil) {
        self.token = token
        self.email = email
        self.items = items
        self.address = address
        self.shippingMethod = shippingMethod
        self.discountCode = discountCode
        self.payment = payment
        self.reviewedTotal = reviewedTotal
    }
}

/// A line on the review step, priced now.
public struct ReviewLine: Sendable, Equatable {
    /// The variant.
    public let variant: VariantID
    /// The product.
    public let product: ProductID
    /// Product title.
    public let title: String
    /// Option values ("Blue / L"), empty without options.
    public let variantTitle: String
    /// SKU.
    public let sku: String?
    /// Units.
    public let quantity: Int
    /// Current unit price.
    public let unitPrice: Money
    /// Units in stock now.
    public let available: Int
}

/// The review step: lines and totals from current prices, and every change since the shopper last looked.
public struct CheckoutReview: Sendable {
    /// The lines, priced now.
    public let lines: [ReviewLine]
    /// The totals, from the one totals computation.
    public let totals: CartTotals
    /// Changes to tell the shopper (price changed, not enough stock, no longer sold), in words.
    public let changes: [String]
    /// True when the order can be placed as shown (stock suffices for every line).
    public var canPlace: Bool { !lines.isEmpty && lines.allSatisfy { $0.quantity <= $0.available } }
}

/// A placed order as checkout reports it.
public struct PlacedOrder: Sendable, Equatable, Codable {
    /// The human order number.
    public let number: Int
    /// What was charged (or is due on delivery).
    public let total: Money
    /// Status after placement (PROCESSING once paid by card, PENDING for pay on delivery).
    public let status: OrderStatus
    /// Payment status after placement.
    public let paymentStatus: PaymentStatus
    /// True when this token had already placed the order (a double press or a retry).
    public let alreadyPlaced: Bool
}
