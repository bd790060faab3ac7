/// One day of sales: orders placed that day, their value, and refunds that went out that day.
public struct DailySales: Sendable, Equatable, Codable {
    /// The UTC day.
    public let day: CivilDay
    /// Orders placed (checkouts whose payment failed are not orders).
    public let orders: Int
    /// What those orders came to.
    public let revenue: Money
    /// Refunds that succeeded that day, whatever day their order was placed.
    public let refunds: Money
    /// Revenue per order (zero on a day without orders).
    public var averageOrderValue: Money {
        Money(minorUnits: orders == 0 ? 0 : revenue.minorUnits / Int64(orders), currency: revenue.currency)
    }
}

/// A run of days with their totals.
public struct SalesPeriod: Sendable, Equatable, Codable {
    /// Every day of the period, oldest first (days without sales are there with zeros).
    public let days: [DailySales]
    /// Orders in the period.
    public var orders: Int { days.reduce(0) { $0 + $1.orders } }
    /// Revenue in the period.
    public var revenue: Money { sum(\.revenue) }
    /// Refunds in the period.
    public var refunds: Money { sum(\.refunds) }
    /// Revenue per order over the period.
    public var averageOrderValue: Money {
        Money(minorUnits: orders == 0 ? 0 : revenue.minorUnits / Int64(orders), currency: revenue.currency)
    }

    private func sum(_ field: KeyPath<DailySales, Money>) -> Money {
        let currency = days.first?.revenue.currency ?? .usd
        return Money(minorUnits: days.reduce(0) { $0 + $1[keyPath: field].minorUnits }, currency: currency)
    }
}

/// A best-selling product over a period.
public struct TopProduct: Sendable, Equatable, Codable {
    /// The product.
    public let productID: ProductID
    /// Its handle.
    public let handle: String
    /// Its title now.
    public let title: String
    /// Units sold in the period.
    public let units: Int
    /// What those units sold for.
    public let revenue: Money
}

/// A variant at or below its low-stock threshold.
public struct LowStockItem: Sendable, Equatable, Codable {
    /// The variant.
    public let variantID: VariantID
    /// Its product.
    public let productID: ProductID
    /// The product's handle.
    public let handle: String
    /// The product's title.
    public let title: String
    /// The variant's SKU, if it has one.
    public let sku: String?
    /// Units in stock.
    public let stock: Int
    /// The level at or below which it counts as low.
    public let threshold: Int
}

/// Orders waiting for staff.
public struct FulfilmentBacklog: Sendable, Equatable, Codable {
    /// PENDING orders that may be processed (paid, or pay on delivery).
    public let readyToProcess: Int
    /// PENDING card orders whose payment has not come through (retry payment or cancel).
    public let awaitingPayment: Int
    /// PROCESSING orders to ship.
    public let toShip: Int
    /// SHIPPED orders not yet delivered.
    public let inTransit: Int
}

/// Carts started against orders placed over a period.
public struct Conversion: Sendable, Equatable, Codable {
    /// Carts created in the period.
    public let carts: Int
    /// Orders placed in the period.
    public let orders: Int
    /// Orders per cart (0 when there were no carts).
    public var rate: Double { carts == 0 ? 0 : Double(orders) / Double(carts) }
}

/// Everything the back office's dashboard shows, for one period and the one before it.
public struct DashboardReport: Sendable, Equatable, Codable {
    /// The period's sales, day by day.
    public let current: SalesPeriod
    /// The same number of days just before, for comparison.
    public let previous: SalesPeriod
    /// Carts vs orders in the period.
    public let conversion: Conversion
    /// Carts vs orders in the period before.
    public let previousConversion: Conversion
    /// Best sellers of the period.
    public let topProducts: [TopProduct]
    /// Variants running low, lowest first.
    public let lowStock: [LowStockItem]
    /// How many variants are low in all, up to `Reports.lowStockCountLimit` ("that many or more").
    public let lowStockCount: Int
    /// Orders waiting for staff.
    public let backlog: FulfilmentBacklog
}
