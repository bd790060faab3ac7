import Foundation
@_spi(Storage) @testable import Commerce

/// One variant for `CatalogFixture.product`.
struct CatalogFixtureVariant {
    var sku: String? = nil
    var options: [String] = []
    var price: Int64 = 1000
    var compareAt: Int64? = nil
    var stock: Int = 10
    var lowStockThreshold: Int = 5
    var archived = false
}

/// A real store in a fresh temporary folder, with helpers that insert catalog rows with plain SQL
/// (the write-side service is another area's). Stock arrives only through `inventory_ledger`.
final class CatalogFixture {
    let directory: URL
    let store: Store
    private var clock: Int64 = 1_700_000_000_000
    private var nextUser = 1

    static let customer = Caller.guest(token: "fixture-guest")
    static let staff = Caller.user(UserID(999_999), role: .staff, label: "staff@example.com")

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("shop.db").path)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var db: any SQLConnection { store.db }
    var catalog: Catalog { store.catalog }

    /// Inserts a category.
    @discardableResult
    func category(_ handle: String, _ name: String, parent: CategoryID? = nil, position: Int = 0) throws -> CategoryID {
        CategoryID(try db.insert("INSERT INTO categories(parent_id, handle, name, position) VALUES (?, ?, ?, ?)",
                                 parent, handle, name, position))
    }

    /// Inserts a product with its variants (stock through the ledger), tags and images.
    /// `createdAt` defaults to one second after the previous product's.
    @discardableResult
    func product(_ handle: String, title: String, description: String = "", vendor: String = "Acme",
                 type: String = "", category: CategoryID? = nil, tags: [String] = [],
                 status: ProductStatus = .active, createdAt: Int64? = nil, optionNames: [String] = [],
                 images: [String] = [],
                 variants: [CatalogFixtureVariant] = [CatalogFixtureVariant()]) throws -> ProductID {
        clock += 1000
        let created = createdAt ?? clock
        let names = optionNames + Array(repeating: nil, count: 3 - optionNames.count)
        let id = ProductID(try db.insert("""
            INSERT INTO products(handle, title, description, vendor, product_type, category_id, tags, status,
                                 option1_name, option2_name, option3_name, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values: [handle, title, description, vendor, type, category, tags.joined(separator: ", "),
                          status.rawValue, names[0], names[1], names[2], created, created]))
        for tag in tags {
            try db.execute("INSERT INTO product_tags(product_id, tag) VALUES (?, ?)", id, tag)
        }
        for (index, url) in images.enumerated() {
            try db.execute("INSERT INTO product_images(product_id, position, url, alt) VALUES (?, ?, ?, ?)",
                           id, index + 1, url, "\(title) \(index + 1)")
        }
        for (index, variant) in variants.enumerated() {
            let options = variant.options + Array(repeating: nil, count: 3 - variant.options.count)
            let variantID = try db.insert("""
                INSERT INTO variants(product_id, sku, option1, option2, option3, position, price, compare_at_price,
                                     low_stock_threshold, archived, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values: [id, variant.sku, options[0], options[1], options[2], index + 1, variant.price,
                              variant.compareAt, variant.lowStockThreshold, variant.archived, created, created])
            if variant.stock > 0 {
                try db.execute("""
                    INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, ?, 'restock', ?)
                    """, variantID, variant.stock, created)
            }
        }
        return id
    }

    /// Inserts `count` active products in one statement per table, titled `title` with every third
    /// one's title repeating `repeatEvery3rd` (so their scores differ), each with one in-stock variant.
    func bulkProducts(_ count: Int, handlePrefix: String, title: String, repeatEvery3rd: String) throws {
        try db.transaction {
            try db.execute("""
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                INSERT INTO products(handle, title, created_at, updated_at)
                SELECT ? || '-' || i, ? || CASE WHEN i % 3 = 0 THEN ' ' || ? ELSE '' END, i, i FROM n
                """, count, handlePrefix, title, repeatEvery3rd)
            try db.execute("""
                INSERT INTO variants(product_id, price, created_at, updated_at)
                SELECT id, 100 + id % 7, 0, 0 FROM products WHERE handle LIKE ? || '-%'
                """, handlePrefix)
            try db.execute("""
                INSERT INTO inventory_ledger(variant_id, delta, reason, created_at)
                SELECT v.id, 1, 'import', 0 FROM variants v JOIN products p ON p.id = v.product_id
                WHERE p.handle LIKE ? || '-%'
                """, handlePrefix)
        }
    }

    /// Records `units` sold of the product's first variant (a 'sale' ledger row).
    func sell(_ product: ProductID, units: Int) throws {
        let variant = try db.scalarInt("SELECT id FROM variants WHERE product_id = ? ORDER BY position LIMIT 1", product)
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, ?, 'sale', ?)",
                       variant, -units, clock)
    }

    /// Adds one review per rating, each by a new customer.
    func review(_ product: ProductID, ratings: [Int]) throws {
        for rating in ratings {
            let reviewer = try db.insert("INSERT INTO users(email, name, created_at, updated_at) VALUES (?, 'Reviewer', ?, ?)",
                                         "reviewer\(nextUser)@example.com", clock, clock)
            nextUser += 1
            try db.execute("""
                INSERT INTO reviews(product_id, user_id, rating, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                """, product, reviewer, rating, clock, clock)
        }
    }

    /// Every page of `query` (listing, or search when `text` is given), following cursors to the end.
    func allPages(_ query: ProductQuery, search text: String? = nil, caller: Caller = CatalogFixture.customer,
                  maxPages: Int = 1000) throws -> [[ProductSummary]] {
        var pages: [[ProductSummary]] = []
        var query = query
        while pages.count < maxPages {
            let page = try text.map { try catalog.search($0, query: query, caller: caller).page }
                ?? catalog.products(query, caller: caller)
            pages.append(page.products)
            guard let next = page.nextCursor else { break }
            query.after = try ProductCursor(token: next.token)
        }
        return pages
    }
}
