/// The money summary of a cart or order: the ONE place subtotal, discount, shipping, tax and total are computed.
/// The cart view and the checkout both call `CartTotals.compute`, so what the shopper sees is what is charged.
public struct CartTotals: Sendable, Hashable {
    /// Sum of quantity × unit price over all lines.
    public let subtotal: Money
    /// What the discount takes off (never more than the subtotal).
    public let discount: Money
    /// The shipping charge (zero when free or when there is nothing to ship).
    public let shipping: Money
    /// Tax on the discounted subtotal, plus on shipping when the rate says so.
    public let tax: Money
    /// subtotal − discount + shipping + tax.
    public let total: Money
    /// The discount that was priced, if any.
    public let appliedDiscount: Discount?
    /// The shipping method that was priced, if any.
    public let shippingMethod: ShippingMethod?
    /// True when the method's free-shipping threshold was reached.
    public let freeShipping: Bool
    /// The tax rate that was used, or nil when none applies (or the destination is unknown).
    public let taxRate: TaxRate?

    /// Computes the totals. Amounts that do not fit in 64 bits are reported as `.invalid(field:)` naming
    /// the amount ("subtotal", "discount", "shipping", "tax", "total"), never trapped.
    /// - Parameters:
    ///   - lines: what is bought, at the prices to charge.
    ///   - discount: a discount already checked as applicable, or nil.
    ///   - shipping: the chosen (or cheapest) shipping method, or nil for no shipping charge.
    ///   - tax: the rate for the destination (see `Pricing.taxRate(for:)`), or nil for no tax.
    ///   - currency: the shop's currency.
    public static func compute(lines: [PricingLine], discount: Discount?, shipping: ShippingMethod?,
                               tax: TaxRate?, currency: Currency) throws(CommerceError) -> CartTotals {
        let subtotal = try subtotal(of: lines, currency: currency)
        let discountAmount = try step("discount") { () throws(MoneyError) in try amount(of: discount, on: subtotal) }
        let discounted = try step("discount") { () throws(MoneyError) in try subtotal.subtracting(discountAmount) }
        let free = !lines.isEmpty && shipping?.freeOver.map { discounted.minorUnits >= $0.minorUnits } == true
        let shippingAmount = lines.isEmpty || free ? Money.zero(currency) : (shipping?.price ?? .zero(currency))
        let taxAmount = try step("tax") { () throws(MoneyError) in
            guard let tax else { return Money.zero(currency) }
            let base = tax.appliesToShipping ? try discounted.adding(shippingAmount) : discounted
            return try base.share(basisPoints: tax.basisPoints)
        }
        let total = try step("total") { () throws(MoneyError) in try discounted.adding(shippingAmount).adding(taxAmount) }
        return CartTotals(subtotal: subtotal, discount: discountAmount, shipping: shippingAmount, tax: taxAmount,
                          total: total, appliedDiscount: discount, shippingMethod: shipping, freeShipping: free,
                          taxRate: tax)
    }

    /// Sum of quantity × unit price; `.invalid(field: "subtotal")` when it overflows.
    public static func subtotal(of lines: [PricingLine], currency: Currency) throws(CommerceError) -> Money {
        try step("subtotal") { () throws(MoneyError) in
            var sum = Money.zero(currency)
            for line in lines { sum = try sum.adding(try line.unitPrice.multiplied(by: Int64(line.quantity))) }
            return sum
        }
    }

    /// What `discount` takes off `subtotal`: a rounded percentage, or the fixed amount capped at the subtotal.
    static func amount(of discount: Discount?, on subtotal: Money) throws(MoneyError) -> Money {
        switch discount?.value {
        case nil:
            return .zero(subtotal.currency)
        case .percent(let percent):
            return try subtotal.share(basisPoints: Int64(percent) * 100)
        case .fixed(let amount):
            guard amount.currency == subtotal.currency else { throw .currencyMismatch(amount.currency, subtotal.currency) }
            return amount.minorUnits > subtotal.minorUnits ? subtotal : amount
        }
    }

    /// Runs one step of the arithmetic, naming the amount when it fails.
    private static func step<T>(_ field: String, _ body: () throws(MoneyError) -> T) throws(CommerceError) -> T {
        do {
            return try body()
        } catch {
            throw .invalid(field: field, reason: "\(error) to compute; lower a quantity or remove an item")
        }
    }
}
