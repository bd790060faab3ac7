/// The rules for how many of one variant a cart line may hold.
enum CartQuantity {
    /// The most of one variant in one cart.
    static let maximum = 99

    /// Throws `.invalid(field: "quantity")` unless `quantity` is 1...99.
    static func check(_ quantity: Int) throws(CommerceError) {
        guard (1...maximum).contains(quantity) else {
            throw .invalid(field: "quantity", reason: "must be between 1 and \(maximum) (got \(quantity))")
        }
    }

    /// Throws unless `total` units of `variant` fit the per-line maximum and its stock; `inCart` is what the
    /// cart already holds, so the refusal tells how many more can really be added.
    static func checkFits(_ total: Int, of variant: SellableVariant, inCart: Int) throws(CommerceError) {
        guard total <= maximum else {
            throw .invalid(field: "quantity", reason: inCart > 0
                ? "at most \(maximum) of one item per cart; you already have \(inCart) of \"\(variant.title)\""
                : "must be between 1 and \(maximum) (got \(total))")
        }
        guard total <= variant.stock else {
            throw .outOfStock(item: variant.title, available: max(0, variant.stock - inCart))
        }
    }
}
