import Foundation

/// Shipping methods, tax rates and discount codes for a demo or generated shop.
enum ShopSettingsSeed {
    /// Writes the settings unless they exist (by code / country and region). Call inside a transaction.
    static func write(_ db: any SQLConnection, now: Int64) throws {
        let day: Int64 = 86_400_000
        let shipping: [(String, String, Int64, Int64?, Int, Int)] = [
            ("standard", "Standard (3-5 days)", 495, 5_000, 3, 5),
            ("express", "Express (1-2 days)", 1_295, nil, 1, 2),
            ("overnight", "Overnight", 2_495, nil, 1, 1),
        ]
        for (position, method) in shipping.enumerated() {
            try db.execute("""
                INSERT INTO shipping_methods(code, name, price, free_over, min_days, max_days, position)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, method.0, method.1, method.2, method.3, method.4, method.5, position + 1)
        }
        for rate in taxRates {
            try db.execute("""
                INSERT INTO tax_rates(country, region, name, rate_basis_points, applies_to_shipping)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, rate.country, rate.region, rate.name, rate.basisPoints, rate.onShipping)
        }
        let codes: [(String, String, Int64, Int64, Int64?, Int?, Int)] = [
            ("WELCOME10", "percent", 10, 0, nil, nil, 0),
            ("SAVE5", "fixed", 500, 3_000, nil, nil, 0),
            ("SPRING20", "percent", 20, 0, now - 30 * day, nil, 0),
            ("FIRST50", "fixed", 1_000, 5_000, nil, 50, 50),
            ("CAMP15", "percent", 15, 10_000, now + 60 * day, 500, 0),
        ]
        for code in codes {
            try db.execute("""
                INSERT INTO discount_codes(code, kind, value, min_subtotal, expires_at, usage_limit, used_count, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, code.0, code.1, code.2, code.3, code.4, code.5, code.6, now - 200 * day)
        }
    }

    /// A tax rate by country and region, in basis points (725 = 7.25 %).
    struct TaxRate {
        let country: String
        let region: String
        let name: String
        let basisPoints: Int64
        let onShipping: Bool
    }

    static let taxRates: [TaxRate] = [
        TaxRate(country: "US", region: "CA", name: "California sales tax", basisPoints: 725, onShipping: false),
        TaxRate(country: "US", region: "NY", name: "New York sales tax", basisPoints: 888, onShipping: true),
        TaxRate(country: "US", region: "WA", name: "Washington sales tax", basisPoints: 650, onShipping: true),
        TaxRate(country: "US", region: "TX", name: "Texas sales tax", basisPoints: 625, onShipping: true),
        TaxRate(country: "GB", region: "", name: "VAT", basisPoints: 2_000, onShipping: true),
        TaxRate(country: "DE", region: "", name: "MwSt.", basisPoints: 1_900, onShipping: true),
        TaxRate(country: "FR", region: "", name: "TVA", basisPoints: 2_000, onShipping: true),
        TaxRate(country: "NL", region: "", name: "BTW", basisPoints: 2_100, onShipping: true),
        TaxRate(country: "CA", region: "ON", name: "HST", basisPoints: 1_300, onShipping: true),
    ]

    /// The tax rate that applies to an address, if any.
    static func taxRate(country: String, region: String) -> TaxRate? {
        taxRates.first { $0.country == country && $0.region == region } ?? taxRates.first { $0.country == country && $0.region.isEmpty }
    }
}
