/// What merging a guest cart into an account changed, so the shopper can be told.
public struct CartMergeReport: Sendable, Hashable {
    /// A line that could not be merged in full.
    public struct Shortfall: Sendable, Hashable {
        /// The line's title.
        public let title: String
        /// The quantity the two carts together asked for.
        public let wanted: Int
        /// The quantity the account's cart now holds (0 when the item is sold out or no longer for sale).
        public let kept: Int
    }

    /// Lines moved or added to from the guest cart.
    public let mergedLines: Int
    /// Lines cut back to 99 or to the stock, or left out because they cannot be bought.
    public let shortfalls: [Shortfall]
    /// The discount code carried over from the guest cart, if any.
    public let discountCode: String?

    /// A merge that changed nothing (there was no guest cart).
    public static let nothing = CartMergeReport(mergedLines: 0, shortfalls: [], discountCode: nil)
}

extension Carts {
    /// Moves the guest cart `token` into `user`'s cart in one transaction: quantities add up (capped at 99 and
    /// at stock, never lowering what the account's cart already held), the guest's discount code is kept when
    /// the account's cart has none, and the guest cart is deleted.
    @discardableResult
    public func mergeGuestCart(token: String, into user: UserID) throws(CommerceError) -> CartMergeReport {
        let token = try CartOwner.validToken(token)
        return try store.write {
            guard let guest = try CartOwner.guest(token).cartID(in: db) else { return .nothing }
            let target = try CartOwner.user(user).ensureCart(in: db, now: store.clock.now())
            let lines = try db.all("SELECT variant_id, quantity, title, unit_price FROM cart_lines WHERE cart_id = ?", guest) {
                (variant: VariantID($0.int64(0)), quantity: $0.int(1), title: $0.string(2), price: $0.int64(3))
            }
            var merged = 0
            var shortfalls: [CartMergeReport.Shortfall] = []
            for line in lines {
                guard let item = try SellableVariant.load(line.variant, in: db) else { continue }
                let existing = try quantityInCart(of: line.variant, cart: target)
                let wanted = existing + line.quantity
                let allowed = item.forSale ? min(CartQuantity.maximum, item.stock) : 0
                let kept = max(existing, min(wanted, allowed))
                if kept < wanted { shortfalls.append(.init(title: line.title, wanted: wanted, kept: kept)) }
                guard kept > existing else { continue }
                merged += 1
                if existing > 0 {
                    try db.execute("UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND variant_id = ?", kept, target, line.variant)
                } else {
                    try insertLine(item, quantity: kept, cart: target, unitPrice: line.price, title: line.title)
                }
            }
            let code = try db.scalarString("SELECT discount_code FROM carts WHERE id = ?", guest)
            let carried = try db.execute("""
                UPDATE carts SET discount_code = ? WHERE id = ? AND discount_code IS NULL AND CAST(? AS TEXT) IS NOT NULL
                """, code, target, code) == 1 ? code : nil
            try db.execute("DELETE FROM carts WHERE id = ?", guest)
            try touch(target)
            return CartMergeReport(mergedLines: merged, shortfalls: shortfalls, discountCode: carried)
        }
    }
}
