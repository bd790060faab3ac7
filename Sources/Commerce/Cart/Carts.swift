/// The caller's cart: a signed-in account's by user, a guest's by token (created on the first add).
/// Lines copy title, SKU and unit price when added; `cart(as:)` shows current prices and stock beside them.
public struct Carts {
    let store: Store
    var db: any SQLConnection { store.db }

    /// Adds `quantity` (1...99) of a variant, on top of any already in the cart. Refuses more than 99 in
    /// one line and more than the stock; `.outOfStock`'s `available` is how many more can be added.
    @discardableResult
    public func add(variant: VariantID, quantity: Int = 1, as caller: Caller) throws(CommerceError) -> CartView {
        let owner = try CartOwner(caller)
        try CartQuantity.check(quantity)
        try store.write {
            let item = try SellableVariant.requireForSale(variant, in: db)
            let cart = try owner.ensureCart(in: db, now: store.clock.now())
            let inCart = try quantityInCart(of: variant, cart: cart)
            try CartQuantity.checkFits(inCart + quantity, of: item, inCart: inCart)
            if inCart > 0 {
                try db.execute("UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND variant_id = ?",
                               inCart + quantity, cart, variant)
            } else {
                try insertLine(item, quantity: quantity, cart: cart)
            }
            try touch(cart)
        }
        return try cart(as: caller)
    }

    /// Sets the quantity of a variant in the cart (adding the line when missing); 0 removes it.
    /// The line keeps the price it was added at; `.outOfStock`'s `available` is the stock.
    @discardableResult
    public func setQuantity(variant: VariantID, _ quantity: Int, as caller: Caller) throws(CommerceError) -> CartView {
        if quantity == 0 { return try remove(variant: variant, as: caller) }
        let owner = try CartOwner(caller)
        try CartQuantity.check(quantity)
        try store.write {
            let item = try SellableVariant.requireForSale(variant, in: db)
            try CartQuantity.checkFits(quantity, of: item, inCart: 0)
            let cart = try owner.ensureCart(in: db, now: store.clock.now())
            let changed = try db.execute("UPDATE cart_lines SET quantity = ? WHERE cart_id = ? AND variant_id = ?",
                                         quantity, cart, variant)
            if changed == 0 { try insertLine(item, quantity: quantity, cart: cart) }
            try touch(cart)
        }
        return try cart(as: caller)
    }

    /// Takes a variant out of the cart; does nothing when it is not there.
    @discardableResult
    public func remove(variant: VariantID, as caller: Caller) throws(CommerceError) -> CartView {
        let owner = try CartOwner(caller)
        try store.write {
            guard let cart = try owner.cartID(in: db) else { return }
            try db.execute("DELETE FROM cart_lines WHERE cart_id = ? AND variant_id = ?", cart, variant)
            try touch(cart)
        }
        return try cart(as: caller)
    }

    /// Empties the cart and drops its discount code.
    public func clear(as caller: Caller) throws(CommerceError) {
        let owner = try CartOwner(caller)
        try store.write {
            guard let cart = try owner.cartID(in: db) else { return }
            try db.execute("DELETE FROM cart_lines WHERE cart_id = ?", cart)
            try db.execute("UPDATE carts SET discount_code = NULL, updated_at = ? WHERE id = ?", store.clock.now(), cart)
        }
    }

    /// The cart with current prices and stock, flags for what changed since adding, and its totals.
    /// `shipping` nil prices the cheapest method; `destination` nil uses the caller's default saved address
    /// (a guest's tax is then not estimated).
    public func cart(as caller: Caller, shipping: ShippingMethodID? = nil,
                     destination: ShippingDestination? = nil) throws(CommerceError) -> CartView {
        let owner = try CartOwner(caller)
        let snapshot = try store.read { try CartSnapshot.load(owner, in: db, currency: store.currency) }
        var place = destination
        if place == nil { place = try defaultDestination(of: owner) }
        return try CartView.build(snapshot, store: store, shipping: shipping, destination: place)
    }

    /// Accepts the current price of every line (the shopper has seen the changes); returns the updated cart.
    @discardableResult
    public func refreshPrices(as caller: Caller) throws(CommerceError) -> CartView {
        let owner = try CartOwner(caller)
        try store.write {
            guard let cart = try owner.cartID(in: db) else { return }
            try db.execute("""
                UPDATE cart_lines SET unit_price = (SELECT price FROM variants WHERE id = cart_lines.variant_id)
                WHERE cart_id = ?
                """, cart)
            try touch(cart)
        }
        return try cart(as: caller)
    }

    // MARK: Internals

    func quantityInCart(of variant: VariantID, cart: Int64) throws -> Int {
        Int(try db.scalarInt("SELECT quantity FROM cart_lines WHERE cart_id = ? AND variant_id = ?", cart, variant) ?? 0)
    }

    func insertLine(_ item: SellableVariant, quantity: Int, cart: Int64, unitPrice: Int64? = nil,
                    title: String? = nil) throws {
        try db.execute("""
            INSERT INTO cart_lines(cart_id, variant_id, quantity, title, sku, unit_price, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, cart, item.id, quantity, title ?? item.title, item.sku, unitPrice ?? item.price, store.clock.now())
    }

    func touch(_ cart: Int64) throws {
        try db.execute("UPDATE carts SET updated_at = ? WHERE id = ?", store.clock.now(), cart)
    }

    private func defaultDestination(of owner: CartOwner) throws(CommerceError) -> ShippingDestination? {
        guard case .user(let user) = owner else { return nil }
        return try store.read {
            try db.first("SELECT country, region FROM addresses WHERE user_id = ? ORDER BY is_default DESC, id LIMIT 1", user) {
                ShippingDestination(country: $0.string(0), region: $0.string(1))
            }
        }
    }
}

extension Store {
    /// Shopping carts of this store.
    public var carts: Carts { Carts(store: self) }
}
