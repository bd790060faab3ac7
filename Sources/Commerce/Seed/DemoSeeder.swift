import Foundation

/// One of the demo store's sign-in accounts.
public struct DemoAccount: Sendable, Equatable, Codable {
    /// The sign-in email.
    public let email: String
    /// The display name.
    public let name: String
    /// The password (demo only; printed by `curio seed` and listed in the README).
    public let password: String
    /// The account's role.
    public let role: Role
}

/// What seeding created.
public struct SeedReport: Sendable, Equatable, Codable {
    /// Products in the store afterwards.
    public var products = 0
    /// Live variants afterwards.
    public var variants = 0
    /// Categories afterwards.
    public var categories = 0
    /// Customer accounts created.
    public var customers = 0
    /// Orders written.
    public var orders = 0
    /// Order lines written.
    public var orderLines = 0
    /// Reviews written.
    public var reviews = 0
    /// The sign-in accounts for trying the shop (empty for generated stores).
    public var accounts: [DemoAccount] = []
    /// Wall time the seeding took, in seconds.
    public var seconds = 0.0
}

/// Why seeding did not happen. Nothing was written.
public enum SeedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The store already has products; seeding would mix demo data into a real shop.
    case notEmpty(products: Int)
    /// `SampleData/products.csv` was not found.
    case sampleDataMissing(searched: [String])
    /// The sample catalog did not import.
    case importFailed(ImportError)
    /// A service refused or the database failed.
    case failed(CommerceError)

    public var description: String {
        switch self {
        case .notEmpty(let products):
            return "the store already has \(products) product(s); seed an empty database (choose another with --db), or pass --force to add the demo anyway"
        case .sampleDataMissing(let searched):
            return "SampleData/products.csv not found (looked in: \(searched.joined(separator: ", "))); pass --sample-data DIR"
        case .importFailed(let error): return "the sample catalog did not import: \(error)"
        case .failed(let error): return error.description
        }
    }
}

/// Loads the demo store: the sample catalog, shipping, tax, discount codes, demo accounts, ~300
/// customers with a deterministic 180-day order history and reviews.
public enum DemoSeeder {
    /// The accounts printed by `curio seed`.
    public static let accounts = [
        DemoAccount(email: "admin@curio.shop", name: "Ada Admin", password: "curio-admin", role: .admin),
        DemoAccount(email: "staff@curio.shop", name: "Sam Staff", password: "curio-staff", role: .staff),
        DemoAccount(email: "shopper@curio.shop", name: "Sky Shopper", password: "curio-shopper", role: .customer),
    ]

    /// How many generated customers the demo has.
    public static let customerCount = 300

    /// The folder holding `products.csv`, looked for in `SampleData/` under each candidate folder and
    /// its parents; nil when none has it.
    public static func locateSampleData(near candidates: [String]) -> String? {
        for start in candidates {
            var folder = URL(fileURLWithPath: start).standardizedFileURL
            for _ in 0..<8 {
                let sample = folder.appendingPathComponent("SampleData")
                if FileManager.default.fileExists(atPath: sample.appendingPathComponent("products.csv").path) { return sample.path }
                let parent = folder.deletingLastPathComponent()
                if parent.path == folder.path { break }
                folder = parent
            }
        }
        return nil
    }

    /// Seeds the demo when the store has no products (the first start of the app); nil when it has some.
    @discardableResult
    public static func seedIfEmpty(store: Store, sampleData: String) throws(SeedError) -> SeedReport? {
        do {
            return try seed(store: store, sampleData: sampleData)
        } catch .notEmpty {
            return nil
        }
    }

    /// Seeds the demo from the sample catalog's CSV bytes (as a binary carries them) when the store
    /// has no products; nil when it has some.
    @discardableResult
    public static func seedIfEmpty(store: Store, catalogCSV: [UInt8]) throws(SeedError) -> SeedReport? {
        do {
            return try seed(store: store, catalogCSV: catalogCSV)
        } catch .notEmpty {
            return nil
        }
    }

    /// Seeds the demo into `store` in one transaction from `sampleData/products.csv`. Refuses a store
    /// with products unless `force`. `now` fixes the history's clock, so two runs with the same `now`
    /// write the same data.
    public static func seed(store: Store, sampleData: String, now: Int64 = Clock.millisecondsNow(),
                            force: Bool = false) throws(SeedError) -> SeedReport {
        let csv = (sampleData as NSString).appendingPathComponent("products.csv")
        guard let data = FileManager.default.contents(atPath: csv) else { throw .sampleDataMissing(searched: [sampleData]) }
        return try seed(store: store, catalogCSV: [UInt8](data), now: now, force: force)
    }

    /// Seeds the demo into `store` in one transaction from the sample catalog's CSV bytes. Refuses a
    /// store with products unless `force`; `now` fixes the history's clock.
    public static func seed(store: Store, catalogCSV: [UInt8], now: Int64 = Clock.millisecondsNow(),
                            force: Bool = false) throws(SeedError) -> SeedReport {
        let started = Date()
        var report = SeedReport()
        // The services the seed goes through (import, accounts) date their rows by the store's clock.
        let clock = store.clock
        store.clock = .fixed(now)
        defer { store.clock = clock }
        do {
            try store.db.transaction(.immediate) {
                let existing = Int(try store.db.scalarInt("SELECT count(*) FROM products") ?? 0)
                if existing > 0 && !force { throw SeedError.notEmpty(products: existing) }
                let before = try store.db.scalarInt("SELECT coalesce(max(id), 0) FROM products") ?? 0
                do throws(ImportError) {
                    try store.shopifyImporter.importCSV(catalogCSV, options: ImportOptions(fileName: "SampleData/products.csv"), by: .system)
                } catch {
                    throw SeedError.importFailed(error)
                }
                // Spread the catalog over the past weeks, so "newest" has a meaning (one product every 7 hours).
                try store.db.execute("""
                    UPDATE products SET created_at = ? - ((SELECT max(id) FROM products) - id) * 25200000, updated_at = ?
                    WHERE id > ?
                    """, now, now, before)
                try ShopSettingsSeed.write(store.db, now: now)
                var history = DemoHistory(store: store, now: now)
                try history.createAccounts()
                try history.writeOrders()
                try history.writeReviews()
                report.customers = history.customers.count
                report.orders = history.orders.count
                report.orderLines = history.orders.reduce(0) { $0 + $1.lines.count }
                report.reviews = history.reviewCount
            }
        } catch let error as SeedError {
            throw error
        } catch let error as CommerceError {
            throw .failed(error)
        } catch let error as DatabaseError {
            throw .failed(.storage(error))
        } catch {
            throw .failed(.storage(DatabaseError(code: 1, message: "\(error)")))
        }
        report.accounts = accounts
        try fillCounts(&report, store: store)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Fills the catalog counts of a report from the store.
    static func fillCounts(_ report: inout SeedReport, store: Store) throws(SeedError) {
        do {
            report.products = Int(try store.db.scalarInt("SELECT count(*) FROM products") ?? 0)
            report.variants = Int(try store.db.scalarInt("SELECT count(*) FROM variants WHERE archived = 0") ?? 0)
            report.categories = Int(try store.db.scalarInt("SELECT count(*) FROM categories") ?? 0)
        } catch {
            throw .failed(.storage(error as? DatabaseError ?? DatabaseError(code: 1, message: "\(error)")))
        }
    }
}
