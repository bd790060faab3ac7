import Foundation

/// The shop's settings as the back office shows them.
public struct ShopSettingsView: Sendable, Equatable {
    /// The name on messages and the title bar.
    public let storeName: String
    /// The ISO code prices are shown and charged in.
    public let currencyCode: String
    /// Every shipping method, offered or not, in display order.
    public let shippingMethods: [ShippingMethodSetting]
    /// Tax rates by country and region.
    public let taxRates: [TaxRate]
    /// The stock level at or below which a variant counts as low (the shop's default).
    public let lowStockThreshold: Int
}

/// A shipping method with whether it is offered.
public struct ShippingMethodSetting: Sendable, Equatable {
    /// The method.
    public let method: ShippingMethod
    /// True when checkout offers it.
    public let active: Bool
}

/// Changes to one shipping method; nil fields stay as they are.
public struct ShippingMethodChanges: Sendable, Equatable {
    /// A new display name.
    public var name: String?
    /// A new price.
    public var price: Money?
    /// The free-shipping threshold: `.some(nil)` removes it.
    public var freeOver: Money??
    /// Offered at checkout or not.
    public var active: Bool?
    /// No changes yet.
    public init(name: String? = nil, price: Money? = nil, freeOver: Money?? = nil, active: Bool? = nil) {
        self.name = name
        self.price = price
        self.freeOver = freeOver
        self.active = active
    }
}

/// The shop's settings: store name, currency, shipping methods and prices, the free-shipping
/// threshold, tax rates and the low-stock threshold. Staff read them; only admins change them.
/// Each value is validated and each change audited with before → after.
public struct ShopSettings {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The largest price or threshold a setting accepts, in minor units (one million in major units).
    public static let maximumAmount: Int64 = 100_000_000

    /// The settings as they are now.
    public func current(as caller: Caller) throws(CommerceError) -> ShopSettingsView {
        try caller.require(.staff, to: "see the shop's settings")
        return try store.read {
            let name = try db.scalarString("SELECT value FROM settings WHERE key = 'store_name'") ?? ShopIdentity.defaultName
            let currency = try db.scalarString("SELECT value FROM settings WHERE key = 'currency'") ?? store.currency.code
            let threshold = Int(try db.scalarString("SELECT value FROM settings WHERE key = 'low_stock_threshold'") ?? "") ?? 5
            let methods = try db.all("""
                SELECT id, code, name, price, free_over, min_days, max_days, active FROM shipping_methods ORDER BY position, id
                """) { row in
                ShippingMethodSetting(method: ShippingMethod(
                    id: ShippingMethodID(row.int64(0)), code: row.string(1), name: row.string(2), price: store.money(row.int64(3)),
                    freeOver: row.optionalInt64(4).map(store.money), minDays: row.int(5), maxDays: row.int(6)), active: row.bool(7))
            }
            let rates = try db.all("""
                SELECT country, region, name, rate_basis_points, applies_to_shipping FROM tax_rates ORDER BY country, region
                """) { TaxRate(country: $0.string(0), region: $0.string(1), name: $0.string(2), basisPoints: $0.int64(3),
                               appliesToShipping: $0.bool(4)) }
            return ShopSettingsView(storeName: name, currencyCode: currency, shippingMethods: methods, taxRates: rates,
                                    lowStockThreshold: threshold)
        }
    }

    /// Renames the store (1–80 characters, no control characters).
    public func setStoreName(_ name: String, by caller: Caller) throws(CommerceError) {
        try caller.require(.admin, to: "change the shop's settings")
        let name = try ShopSettings.text(name, field: "store name", maximum: 80)
        try setValue("store_name", name, by: caller)
    }

    /// Changes the currency prices are shown and charged in; only while the shop has no orders,
    /// since amounts are stored without conversion. Takes effect when the shop is next opened.
    public func setCurrency(code: String, by caller: Caller) throws(CommerceError) {
        try caller.require(.admin, to: "change the shop's settings")
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard let currency = Currency(code: code) else {
            throw .invalid(field: "currency", reason: "\"\(code)\" is not a three-letter ISO code (such as USD, EUR, GBP)")
        }
        try store.write {
            guard currency != store.currency else { return }
            if try db.scalarInt("SELECT 1 FROM orders LIMIT 1") != nil {
                throw CommerceError.notAllowed("the shop already has orders in \(store.currency.code); its currency can no longer change")
            }
            if currency.minorDigits != store.currency.minorDigits, try db.scalarInt("SELECT 1 FROM variants LIMIT 1") != nil {
                throw CommerceError.notAllowed("""
                    \(currency.code) has \(currency.minorDigits) decimal places and \(store.currency.code) \(store.currency.minorDigits); \
                    prices already entered would change value
                    """)
            }
            try writeValue("currency", currency.code, by: caller)
        }
    }

    /// Changes a shipping method's name, price, free-shipping threshold or whether it is offered.
    public func updateShippingMethod(code: String, _ changes: ShippingMethodChanges, by caller: Caller) throws(CommerceError) {
        try caller.require(.admin, to: "change the shop's settings")
        let name = try changes.name.map { name throws(CommerceError) in try ShopSettings.text(name, field: "name", maximum: 60) }
        if let price = changes.price { try checkAmount(price, field: "price") }
        if let freeOver = changes.freeOver, let threshold = freeOver { try checkAmount(threshold, field: "free-shipping threshold") }
        try store.write {
            guard let before = try db.first("SELECT id, name, price, free_over, active FROM shipping_methods WHERE code = ?", code,
                                            map: { ($0.int64(0), $0.string(1), $0.int64(2), $0.optionalInt64(3), $0.bool(4)) }) else {
                throw CommerceError.notFound("no shipping method with code \"\(code)\"")
            }
            if changes.active == false, before.4,
               try db.scalarInt("SELECT count(*) FROM shipping_methods WHERE active = 1") ?? 0 <= 1 {
                throw CommerceError.notAllowed("\"\(code)\" is the only shipping method offered; offer another one first")
            }
            let after = (name ?? before.1, changes.price?.minorUnits ?? before.2,
                         changes.freeOver.map { $0?.minorUnits } ?? before.3, changes.active ?? before.4)
            try db.execute("UPDATE shipping_methods SET name = ?, price = ?, free_over = ?, active = ? WHERE id = ?",
                           after.0, after.1, after.2, after.3, before.0)
            func shown(_ method: (String, Int64, Int64?, Bool)) -> String {
                "\(method.0), \(store.money(method.1).formatted), free over \(method.2.map { store.money($0).formatted } ?? "never")"
                    + (method.3 ? "" : ", not offered")
            }
            try store.audit.record(caller, action: "settings.shipping", entity: "shipping_method", entityID: before.0,
                                   detail: ["code": code, "before": shown((before.1, before.2, before.3, before.4)), "after": shown(after)])
        }
    }

    /// Sets (adds or replaces) the tax rate of a country, or of one region of it.
    public func setTaxRate(country: String, region: String = "", name: String, basisPoints: Int64, appliesToShipping: Bool,
                           by caller: Caller) throws(CommerceError) {
        try caller.require(.admin, to: "change the shop's settings")
        let country = country.trimmingCharacters(in: .whitespaces).uppercased()
        guard country.count == 2, country.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw .invalid(field: "country", reason: "a two-letter ISO code such as US or DE")
        }
        let region = region.trimmingCharacters(in: .whitespaces).uppercased()
        guard region.count <= 10, region.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else {
            throw .invalid(field: "region", reason: "letters and digits only, at most 10 (such as CA), or empty for the whole country")
        }
        let name = try ShopSettings.text(name, field: "tax name", maximum: 60)
        guard (0...5_000).contains(basisPoints) else {
            throw .invalid(field: "rate", reason: "between 0 % and 50 % (0 to 5000 basis points)")
        }
        try store.write {
            let before = try db.first("SELECT rate_basis_points, name FROM tax_rates WHERE country = ? AND region = ?", country, region) {
                "\($0.string(1)) \($0.int64(0)) bp"
            }
            try db.execute("""
                INSERT INTO tax_rates(country, region, name, rate_basis_points, applies_to_shipping) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(country, region) DO UPDATE SET name = excluded.name, rate_basis_points = excluded.rate_basis_points,
                    applies_to_shipping = excluded.applies_to_shipping
                """, country, region, name, basisPoints, appliesToShipping)
            try store.audit.record(caller, action: "settings.tax", entity: "tax_rate", entityID: nil, detail: [
                "country": country, "region": region, "before": before ?? "none",
                "after": "\(name) \(basisPoints) bp" + (appliesToShipping ? " incl. shipping" : ""),
            ])
        }
    }

    /// Sets the shop's low-stock threshold and applies it to every variant.
    public func setLowStockThreshold(_ threshold: Int, by caller: Caller) throws(CommerceError) {
        try caller.require(.admin, to: "change the shop's settings")
        guard (0...100_000).contains(threshold) else {
            throw .invalid(field: "low-stock threshold", reason: "between 0 and 100000 units")
        }
        try store.write {
            try writeValue("low_stock_threshold", String(threshold), by: caller)
            try db.execute("UPDATE variants SET low_stock_threshold = ? WHERE low_stock_threshold <> ?", threshold, threshold)
        }
    }

    // MARK: Internals

    private func setValue(_ key: String, _ value: String, by caller: Caller) throws(CommerceError) {
        try store.write { try writeValue(key, value, by: caller) }
    }

    private func writeValue(_ key: String, _ value: String, by caller: Caller) throws {
        let before = try db.scalarString("SELECT value FROM settings WHERE key = ?", key)
        try db.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
        try store.audit.record(caller, action: "settings.\(key)", entity: "settings", entityID: nil,
                               detail: ["before": before ?? "unset", "after": value])
    }

    private func checkAmount(_ amount: Money, field: String) throws(CommerceError) {
        guard amount.currency == store.currency else { throw .invalid(field: field, reason: "must be in \(store.currency.code)") }
        guard (0...ShopSettings.maximumAmount).contains(amount.minorUnits) else {
            throw .invalid(field: field, reason: "between 0 and \(store.money(ShopSettings.maximumAmount).formatted)")
        }
    }

    static func text(_ text: String, field: String, maximum: Int) throws(CommerceError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: field, reason: "required") }
        guard trimmed.count <= maximum else { throw .invalid(field: field, reason: "at most \(maximum) characters") }
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) else {
            throw .invalid(field: field, reason: "must not contain control characters")
        }
        return trimmed
    }
}

extension Store {
    /// The shop's settings.
    public var shopSettings: ShopSettings { ShopSettings(store: self) }
}
