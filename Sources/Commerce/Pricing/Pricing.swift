/// Looks up what the totals need (shipping methods, tax rates) and prices lines through `CartTotals.compute`.
public struct Pricing {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The active shipping methods, cheapest first.
    public func shippingMethods() throws(CommerceError) -> [ShippingMethod] {
        try store.read { try db.all(Pricing.methodSelect + " WHERE active = 1 ORDER BY price, position, id", map: method) }
    }

    /// The active shipping method `id`; `.notFound` when there is none or it is retired.
    public func shippingMethod(_ id: ShippingMethodID) throws(CommerceError) -> ShippingMethod {
        let found = try store.read { try db.first(Pricing.methodSelect + " WHERE id = ? AND active = 1", id, map: method) }
        guard let found else { throw .notFound("no shipping method \(id) is offered; choose another") }
        return found
    }

    /// The rate for `destination`: its country and region, else the country-wide row (region ''), else nil.
    public func taxRate(for destination: ShippingDestination) throws(CommerceError) -> TaxRate? {
        try store.read {
            try db.first("""
                SELECT country, region, name, rate_basis_points, applies_to_shipping FROM tax_rates
                WHERE country = ? AND region IN (?, '') ORDER BY region = '' LIMIT 1
                """, destination.country, destination.region) {
                TaxRate(country: $0.string(0), region: $0.string(1), name: $0.string(2),
                        basisPoints: $0.int64(3), appliesToShipping: $0.bool(4))
            }
        }
    }

    /// Prices `lines`: with `shipping` (nil picks the cheapest active method) and the tax of `destination`
    /// (nil means not known yet: no tax is estimated). The arithmetic is `CartTotals.compute`.
    public func totals(lines: [PricingLine], discount: Discount?, shipping: ShippingMethodID? = nil,
                       destination: ShippingDestination?) throws(CommerceError) -> CartTotals {
        let method: ShippingMethod?
        if let shipping { method = try shippingMethod(shipping) } else { method = try shippingMethods().first }
        var rate: TaxRate?
        if let destination { rate = try taxRate(for: destination) }
        return try CartTotals.compute(lines: lines, discount: discount, shipping: method, tax: rate, currency: store.currency)
    }

    static let methodSelect = "SELECT id, code, name, price, free_over, min_days, max_days FROM shipping_methods"

    private func method(_ row: Row) -> ShippingMethod {
        ShippingMethod(id: ShippingMethodID(row.int64(0)), code: row.string(1), name: row.string(2),
                       price: store.money(row.int64(3)), freeOver: row.optionalInt64(4).map(store.money),
                       minDays: row.int(5), maxDays: row.int(6))
    }
}

extension Store {
    /// Shipping methods, tax rates and the one totals computation of this store.
    public var pricing: Pricing { Pricing(store: self) }
}
