/// Discount codes: shoppers apply them to their cart; staff create and deactivate them; the checkout redeems them.
public struct Discounts {
    let store: Store
    private var db: any SQLConnection { store.db }

    // MARK: Shoppers

    /// Checks `code` against the caller's cart and saves it there; each refusal is a `.discountRefused` message.
    @discardableResult
    public func applyDiscount(code: String, as caller: Caller) throws(CommerceError) -> CartView {
        let owner = try CartOwner(caller)
        let typed = code.trimmedText
        guard !typed.isEmpty else { throw .invalid(field: "discount code", reason: "type a code") }
        let subtotal = try store.carts.cart(as: caller).totals.subtotal
        let discount = try check(code: typed, subtotal: subtotal)
        try store.write {
            let cart = try owner.ensureCart(in: db, now: store.clock.now())
            try db.execute("UPDATE carts SET discount_code = ?, updated_at = ? WHERE id = ?",
                           discount.code, store.clock.now(), cart)
        }
        return try store.carts.cart(as: caller)
    }

    /// Takes the discount code off the caller's cart.
    @discardableResult
    public func removeDiscount(as caller: Caller) throws(CommerceError) -> CartView {
        let owner = try CartOwner(caller)
        try store.write {
            guard let cart = try owner.cartID(in: db) else { return }
            try db.execute("UPDATE carts SET discount_code = NULL, updated_at = ? WHERE id = ?", store.clock.now(), cart)
        }
        return try store.carts.cart(as: caller)
    }

    /// The discount `code` gives on `subtotal` now, or `.discountRefused` saying why not. The checkout calls this too.
    public func check(code: String, subtotal: Money) throws(CommerceError) -> Discount {
        let found = try lookup(code)
        if let why = DiscountRules.refusal(found, typed: code.trimmedText, subtotal: subtotal, now: store.clock.now()) {
            throw .discountRefused(why)
        }
        guard let found else { throw .discountRefused("there is no discount code \"\(code)\"") }
        return found.discount
    }

    /// Counts one use of `code`, refusing when its usage limit is reached (a conditional UPDATE, so concurrent
    /// orders cannot pass the limit). Call inside the order's transaction. Internal: it takes no `Caller`,
    /// so only the checkout in this module may count a use.
    func redeem(code: String) throws(CommerceError) {
        let name = DiscountRules.normalized(code)
        try store.write {
            let changed = try db.execute("""
                UPDATE discount_codes SET used_count = used_count + 1
                WHERE code = ? AND active = 1 AND (usage_limit IS NULL OR used_count < usage_limit)
                """, name)
            guard changed == 1 else {
                let found = try lookup(name)
                throw CommerceError.discountRefused(
                    DiscountRules.refusal(found, typed: name, subtotal: .zero(store.currency), now: store.clock.now())
                        ?? "the code \(name) can no longer be used")
            }
        }
    }

    // MARK: Staff

    /// Creates a discount code; staff only, validated field by field, audited.
    @discardableResult
    public func createCode(_ draft: DiscountCodeDraft, by caller: Caller) throws(CommerceError) -> DiscountCode {
        try caller.require(.staff, to: "manage discount codes")
        let clean = try DiscountRules.validated(draft)
        let (kind, value): (String, Int64) = switch clean.value {
        case .percent(let percent): ("percent", Int64(percent))
        case .fixed(let amount): ("fixed", amount.minorUnits)
        }
        let id = try store.write {
            if try lookup(clean.code) != nil {
                throw CommerceError.conflict("code: \(clean.code) already exists; choose another code")
            }
            let id = try db.insert("""
                INSERT INTO discount_codes(code, kind, value, min_subtotal, starts_at, expires_at, usage_limit, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, clean.code, kind, value, clean.minimumSubtotal?.minorUnits ?? 0, clean.startsAt, clean.expiresAt,
                clean.usageLimit, store.clock.now())
            try store.audit.record(caller, action: "discount.create", entity: "discount_code", entityID: id,
                                   detail: ["code": clean.code, "kind": kind, "value": String(value)])
            return id
        }
        return try code(DiscountCodeID(id))
    }

    /// Stops a code from working (it stays for order history); staff only, audited.
    public func deactivate(code: String, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "manage discount codes")
        let name = DiscountRules.normalized(code)
        try store.write {
            guard let found = try lookup(name) else { throw CommerceError.notFound("there is no discount code \"\(name)\"") }
            guard found.active else { return }
            try db.execute("UPDATE discount_codes SET active = 0 WHERE id = ?", found.id)
            try store.audit.record(caller, action: "discount.deactivate", entity: "discount_code", entityID: found.id.rawValue,
                                   detail: ["code": name])
        }
    }

    /// Every discount code, newest first; staff only.
    public func list(by caller: Caller) throws(CommerceError) -> [DiscountCode] {
        try caller.require(.staff, to: "manage discount codes")
        let currency = store.currency
        return try store.read { try db.all(DiscountCode.select + " ORDER BY id DESC") { DiscountCode(row: $0, currency: currency) } }
    }

    // MARK: Internals

    private func code(_ id: DiscountCodeID) throws(CommerceError) -> DiscountCode {
        let currency = store.currency
        let found = try store.read { try db.first(DiscountCode.select + " WHERE id = ?", id) { DiscountCode(row: $0, currency: currency) } }
        guard let found else { throw .notFound("no discount code with id \(id)") }
        return found
    }

    private func lookup(_ code: String) throws(CommerceError) -> DiscountCode? {
        let currency = store.currency
        let name = DiscountRules.normalized(code)
        return try store.read {
            try db.first(DiscountCode.select + " WHERE code = ?", name) { DiscountCode(row: $0, currency: currency) }
        }
    }
}

extension Store {
    /// Discount codes of this store.
    public var discounts: Discounts { Discounts(store: self) }
}
