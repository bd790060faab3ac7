/// A price that moved since the line was added: the shopper is shown both, never silently charged the new one.
public struct PriceChange: Sendable, Hashable {
    /// The unit price when the line was added.
    public let from: Money
    /// The unit price now.
    public let to: Money
}

/// One line of the cart as the shopper sees it.
public struct CartLine: Sendable, Hashable, Identifiable {
    /// The variant in the cart.
    public let variantID: VariantID
    /// Its product.
    public let productID: ProductID
    /// The title copied when added ("Ceramic Mug — Blue").
    public let title: String
    /// The SKU copied when added.
    public let sku: String?
    /// How many.
    public let quantity: Int
    /// The unit price now (what totals use).
    public let unitPrice: Money
    /// The unit price when the line was added.
    public let priceWhenAdded: Money
    /// quantity × the current unit price.
    public let lineTotal: Money
    /// Units in stock now.
    public let stock: Int
    /// False when the variant was archived or its product taken off sale.
    public let forSale: Bool

    /// The line's identity: its variant.
    public var id: VariantID { variantID }
    /// The old and new unit price when it changed since adding, else nil.
    public var priceChanged: PriceChange? {
        unitPrice == priceWhenAdded ? nil : PriceChange(from: priceWhenAdded, to: unitPrice)
    }
    /// True when fewer units are in stock than the line asks for.
    public var insufficientStock: Bool { quantity > stock }
}

/// The caller's cart: its lines, its discount code and its totals.
public struct CartView: Sendable, Hashable {
    /// The cart's row, or nil when the caller has no cart yet.
    public let id: CartID?
    /// The lines, oldest first.
    public let lines: [CartLine]
    /// The discount code saved on the cart, if any.
    public let discountCode: String?
    /// Why the saved discount code does not apply right now (it is then left out of the totals), else nil.
    public let discountProblem: String?
    /// Subtotal, discount, shipping, tax and total at current prices.
    public let totals: CartTotals

    /// Units over all lines.
    public var itemCount: Int { lines.reduce(0) { $0 + $1.quantity } }
    /// True when there are no lines.
    public var isEmpty: Bool { lines.isEmpty }
    /// True when any line changed price, lacks stock or left sale since it was added: tell the shopper.
    public var needsAttention: Bool {
        lines.contains { $0.priceChanged != nil || $0.insufficientStock || !$0.forSale } || discountProblem != nil
    }

    /// Builds the view of `snapshot`, pricing it through `Pricing.totals`.
    static func build(_ snapshot: CartSnapshot, store: Store, shipping: ShippingMethodID?,
                      destination: ShippingDestination?) throws(CommerceError) -> CartView {
        var lines: [CartLine] = []
        for stored in snapshot.lines {
            let current = store.money(stored.variant.price)
            let pricing = PricingLine(unitPrice: current, quantity: stored.quantity)
            lines.append(CartLine(
                variantID: stored.variant.id, productID: stored.variant.productID, title: stored.title, sku: stored.sku,
                quantity: stored.quantity, unitPrice: current, priceWhenAdded: store.money(stored.unitPrice),
                lineTotal: try CartTotals.subtotal(of: [pricing], currency: store.currency),
                stock: stored.variant.stock, forSale: stored.variant.forSale))
        }
        let pricingLines = lines.map { PricingLine(unitPrice: $0.unitPrice, quantity: $0.quantity) }
        var discount: Discount?
        var problem: String?
        if let code = snapshot.discountCode {
            let subtotal = try CartTotals.subtotal(of: pricingLines, currency: store.currency)
            do {
                discount = try store.discounts.check(code: code, subtotal: subtotal)
            } catch .discountRefused(let why) {
                problem = why
            }
        }
        let totals = try store.pricing.totals(lines: pricingLines, discount: discount, shipping: shipping,
                                              destination: destination)
        return CartView(id: snapshot.cartID.map { CartID($0) }, lines: lines, discountCode: snapshot.discountCode,
                        discountProblem: problem, totals: totals)
    }
}
