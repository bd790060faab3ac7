/// One line to price: a unit price and how many.
public struct PricingLine: Sendable, Hashable {
    /// The price of one unit.
    public let unitPrice: Money
    /// How many units (1...99 in a cart).
    public let quantity: Int

    /// A line from its unit price and quantity.
    public init(unitPrice: Money, quantity: Int) {
        self.unitPrice = unitPrice
        self.quantity = quantity
    }
}

/// How much a discount code takes off.
public enum DiscountValue: Sendable, Hashable {
    /// A whole percentage (1...100) of the subtotal, rounded half away from zero.
    case percent(Int)
    /// A fixed amount, never more than the subtotal.
    case fixed(Money)
}

/// A discount code that applies to a cart, ready to be priced.
public struct Discount: Sendable, Hashable {
    /// The code as stored (upper case).
    public let code: String
    /// What it takes off.
    public let value: DiscountValue

    /// A discount from its code and value.
    public init(code: String, value: DiscountValue) {
        self.code = code
        self.value = value
    }
}

/// A way to ship an order, with its price and when it becomes free.
public struct ShippingMethod: Sendable, Hashable, Identifiable {
    /// The method's row.
    public let id: ShippingMethodID
    /// Its stable code ("standard").
    public let code: String
    /// Its display name.
    public let name: String
    /// What it costs.
    public let price: Money
    /// Shipping is free when the discounted subtotal is at least this; nil when it never is.
    public let freeOver: Money?
    /// Fewest days to arrive.
    public let minDays: Int
    /// Most days to arrive.
    public let maxDays: Int

    /// A shipping method from its parts.
    public init(id: ShippingMethodID, code: String, name: String, price: Money, freeOver: Money?, minDays: Int, maxDays: Int) {
        self.id = id
        self.code = code
        self.name = name
        self.price = price
        self.freeOver = freeOver
        self.minDays = minDays
        self.maxDays = maxDays
    }
}

/// A tax rate for a country (and optionally one region of it).
public struct TaxRate: Sendable, Hashable {
    /// ISO country code ("US").
    public let country: String
    /// Region code ("CA"), or "" for the whole country.
    public let region: String
    /// Its display name ("California sales tax").
    public let name: String
    /// The rate in basis points (725 = 7.25 %).
    public let basisPoints: Int64
    /// True when shipping is taxed too.
    public let appliesToShipping: Bool

    /// A tax rate from its parts.
    public init(country: String, region: String, name: String, basisPoints: Int64, appliesToShipping: Bool) {
        self.country = country
        self.region = region
        self.name = name
        self.basisPoints = basisPoints
        self.appliesToShipping = appliesToShipping
    }
}

/// Where an order ships, as far as tax is concerned.
public struct ShippingDestination: Sendable, Hashable {
    /// ISO country code, upper case ("US").
    public let country: String
    /// Region (state, province) code, or "".
    public let region: String

    /// A destination from a country and region; both are trimmed and upper-cased.
    public init(country: String, region: String = "") {
        self.country = country.trimmedText.uppercased()
        self.region = region.trimmedText.uppercased()
    }

    /// The destination of a saved address.
    public init(_ address: Address) {
        self.init(country: address.country, region: address.region)
    }
}
