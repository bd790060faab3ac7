@_spi(Storage) import Commerce
import Foundation

/// Search and listing latency at 10k and 100k generated products, beside a `LIKE '%word%'` scan
/// baseline measured in the same run. Each size gets its own temporary store, removed afterwards.
func searchBenchRows() -> [(case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String)] {
    var rows: [(case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String)] = []
    for size in [10_000, 100_000] {
        let label = "\(size / 1000)k"
        do {
            for result in try SearchBench(products: size).run() {
                rows.append((result.name, label, result.p50, result.p99, result.throughput))
            }
        } catch {
            rows.append(("search bench failed: \(error)", label, 0, 0, "-"))
        }
    }
    return rows
}

/// One measured case: latency percentiles in microseconds and operations per second.
struct SearchBenchResult {
    let name: String
    let p50: Double
    let p99: Double
    let throughput: String
}

/// A temporary store filled with generated products, and the cases measured on it.
final class SearchBench {
    private let directory: URL
    private var store: Store
    private let size: Int
    private let caller = Caller.guest(token: "bench")
    private var categoryIDs: [CategoryID] = []

    init(products size: Int) throws {
        self.size = size
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-search-bench-\(UUID().uuidString)")
        var options = DatabaseOptions()
        options.synchronous = .off
        store = try Store(path: directory.appendingPathComponent("bench.db").path, options: options)
        let started = Date()
        try SearchBenchCatalog.fill(store.db, products: size)
        let seconds = Date().timeIntervalSince(started)
        categoryIDs = try store.catalog.rootCategories(caller: caller).map(\.id)
        FileHandle.standardError.write(Data("search bench: generated \(size) products in \(String(format: "%.1f", seconds)) s\n".utf8))
    }

    deinit {
        // CURIO_BENCH_KEEP=1 keeps the generated stores for a look with sqlite3.
        if ProcessInfo.processInfo.environment["CURIO_BENCH_KEEP"] == "1" {
            FileHandle.standardError.write(Data("search bench: kept \(directory.path)\n".utf8))
        } else {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    /// Copies the generated store into the empty PostgreSQL database at `uri` with `migrate-to`'s
    /// service, and measures there from now on; returns the seconds and the rows copied.
    func moveToPostgres(_ uri: String) throws -> (seconds: Double, rows: Int64) {
        let started = Date()
        let report = try ShopMigration.copy(from: store.location, to: .postgres(uri))
        let seconds = Date().timeIntervalSince(started)
        store = try Store(location: .postgres(uri))
        categoryIDs = try store.catalog.rootCategories(caller: caller).map(\.id)
        return (seconds, report.tables.reduce(0) { $0 + $1.rows })
    }

    func run() throws -> [SearchBenchResult] {
        let catalog = store.catalog
        let caller = caller
        let words = SearchBenchCatalog.queries
        let prefixes = SearchBenchCatalog.prefixQueries
        let typos = SearchBenchCatalog.typoQueries
        let rounds = size >= 100_000 ? 400 : 1500
        let scanRounds = size >= 100_000 ? 40 : 200
        var results: [SearchBenchResult] = []

        results.append(try measure("search, whole words (20/page)", rounds) { index in
            _ = try catalog.search(words[index % words.count], query: ProductQuery(limit: 20), caller: caller)
        })
        results.append(try measure("search, as-you-type prefix", rounds) { index in
            _ = try catalog.search(prefixes[index % prefixes.count], query: ProductQuery(limit: 20), caller: caller)
        })
        let categories = categoryIDs
        results.append(try measure("search + category + in stock, by price", rounds) { index in
            let filter = ProductFilter(category: categories[index % categories.count], inStockOnly: true)
            _ = try catalog.search(words[index % words.count],
                                   query: ProductQuery(filter: filter, sort: .priceAscending, limit: 20), caller: caller)
        })
        results.append(try measure("search, typo with did-you-mean", rounds / 4) { index in
            _ = try catalog.search(typos[index % typos.count], query: ProductQuery(limit: 20), caller: caller)
        })
        let db = store.db
        results.append(try measure("did-you-mean after a product edit (vocabulary reload)", max(10, rounds / 40)) { index in
            try db.execute("UPDATE products SET title = title WHERE id = ?", index + 1)
            _ = try catalog.search(typos[index % typos.count], query: ProductQuery(limit: 20), caller: caller)
        })
        // SQLite's LIKE ignores ASCII case; PostgreSQL's ILIKE is its counterpart.
        let like = db.dialect == .sqlite ? "LIKE" : "ILIKE"
        results.append(try measure("baseline: \(like) '%word%' scan (20/page)", scanRounds) { index in
            let terms = words[index % words.count].split(separator: " ").map { "%\($0)%" }
            _ = try db.all("""
                SELECT id FROM products
                WHERE status = 'active'
                  AND (title \(like) ?1 OR description \(like) ?1 OR vendor \(like) ?1 OR tags \(like) ?1)
                  AND (title \(like) ?2 OR description \(like) ?2 OR vendor \(like) ?2 OR tags \(like) ?2)
                ORDER BY price_min, id LIMIT 20
                """, terms[0], terms.count > 1 ? terms[1] : "%") { $0.int64(0) }
        })
        for (name, sort, filtered) in [("page walk, newest", ProductSort.newest, false),
                                       ("page walk, price, category filter", .priceAscending, true),
                                       ("page walk, best selling", .bestSelling, false),
                                       ("page walk, rating", .rating, false)] {
            var cursor: ProductCursor?
            var category = 0
            results.append(try measure("\(name) (24/page)", name.contains("rating") ? rounds / 4 : rounds) { _ in
                let filter = ProductFilter(category: filtered ? categories[category % categories.count] : nil)
                let page = try catalog.products(ProductQuery(filter: filter, sort: sort, limit: 24, after: cursor), caller: caller)
                cursor = page.nextCursor
                if cursor == nil { category += 1 }
            })
        }
        return results
    }

    /// Runs `body` `count` times after a short warm-up and reports percentiles and rate.
    private func measure(_ name: String, _ count: Int, _ body: (Int) throws -> Void) throws -> SearchBenchResult {
        for index in 0..<min(20, count) { try body(index) }
        var samples: [Double] = []
        samples.reserveCapacity(count)
        let clock = ContinuousClock()
        let total = try clock.measure {
            for index in 0..<count {
                let elapsed = try clock.measure { try body(index) }
                samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            }
        }
        samples.sort()
        let seconds = Double(total.components.seconds) + Double(total.components.attoseconds) / 1e18
        let rate = seconds > 0 ? Double(count) / seconds : 0
        return SearchBenchResult(name: name, p50: samples[samples.count / 2],
                                 p99: samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))],
                                 throughput: String(format: "%.0f ops/s", rate))
    }
}

/// Generates a believable catalog from word lists with plain SQL in one transaction, stock through
/// the inventory ledger as the schema requires.
private enum SearchBenchCatalog {
    static let colours = ["Red", "Blue", "Green", "Black", "White", "Grey", "Navy", "Olive", "Rust", "Sand", "Teal",
                          "Ivory", "Charcoal", "Mustard", "Plum", "Sage", "Coral", "Indigo"]
    static let materials = ["Linen", "Wool", "Cotton", "Leather", "Canvas", "Ceramic", "Oak", "Walnut", "Bamboo",
                            "Copper", "Brass", "Stoneware", "Cashmere", "Denim", "Silk", "Merino", "Cork", "Glass",
                            "Enamel", "Suede", "Felt", "Rattan", "Marble", "Pine"]
    static let nouns = ["Shirt", "Scarf", "Mug", "Bowl", "Bag", "Wallet", "Belt", "Jacket", "Sweater", "Lamp",
                        "Vase", "Blanket", "Cushion", "Apron", "Tote", "Backpack", "Sneaker", "Boot", "Hat", "Beanie",
                        "Glove", "Sock", "Dress", "Skirt", "Chair", "Stool", "Table", "Shelf", "Candle", "Teapot",
                        "Plate", "Jug", "Notebook", "Pen", "Planter", "Clock", "Mirror", "Rug", "Towel", "Robe"]
    static let styles = ["Classic", "Everyday", "Field", "Harbor", "Studio", "Nordic", "Heritage", "Weekend",
                         "Alpine", "Coastal", "Urban", "Vintage", "Minimal", "Rustic", "Summit", "Meadow"]
    static let vendors = ["Northwind", "Fjell & Co", "Atelier Crème", "Hollow Oak", "Brightside", "Saltmarsh",
                          "Kettle & Kiln", "Loom House", "Tanner Bros", "Juniper Lane", "Maison Côte", "Ridgeway"]
    static let phrases = ["made to last", "cut from", "finished by hand", "easy to care for", "a favourite for",
                          "built for daily use", "soft and breathable", "with a relaxed fit", "small-batch",
                          "sustainably sourced", "gift ready", "designed in our studio"]
    static let categories = ["Apparel", "Accessories", "Footwear", "Kitchen", "Living", "Outdoor", "Bath", "Stationery",
                             "Lighting", "Furniture", "Textiles", "Gifts"]

    static let queries = ["linen shirt", "wool", "ceramic mug", "leather bag", "oak table", "blue sweater",
                          "copper lamp", "canvas tote", "heritage", "northwind", "merino beanie", "glass vase",
                          "creme", "walnut shelf", "sage cushion", "gift"]
    static let prefixQueries = ["lin", "ce", "leath", "blue swe", "oak ta", "c", "cop", "mer", "stonew", "walnut sh"]
    static let typoQueries = ["lether bag", "sweatr", "cermic mug", "blankte", "waln shelf", "copr lamp"]

    /// A small fixed-seed generator so every run builds the same catalog.
    private struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func fill(_ db: any SQLConnection, products: Int) throws {
        var random = Generator(state: 42)
        func pick(_ list: [String]) -> String { list[Int(random.next() % UInt64(list.count))] }
        try db.transaction(.immediate) {
            var categoryIDs: [Int64] = []
            for (position, name) in categories.enumerated() {
                let handle = name.lowercased()
                let parent = try db.insert("INSERT INTO categories(handle, name, position) VALUES (?, ?, ?)", handle, name, position)
                for (index, style) in styles.prefix(3).enumerated() {
                    categoryIDs.append(try db.insert("INSERT INTO categories(parent_id, handle, name, position) VALUES (?, ?, ?, ?)",
                                                     parent, "\(handle)-\(style.lowercased())", "\(style) \(name)", index))
                }
            }
            let now = Int64(1_700_000_000_000)
            for index in 0..<products {
                let material = pick(materials)
                let noun = pick(nouns)
                let title = random.next() % 3 == 0
                    ? "\(pick(styles)) \(pick(colours)) \(material) \(noun)"
                    : "\(pick(styles)) \(material) \(noun)"
                let description = "\(title) — \(pick(phrases)) \(pick(materials).lowercased()), \(pick(phrases)) "
                    + "\(pick(nouns).lowercased()) lovers. \(pick(colours)) tones, \(pick(phrases))."
                let tags = [pick(colours).lowercased(), material.lowercased(), pick(["gift", "new", "sale", "bestseller"])]
                let status = random.next() % 20 == 0 ? "draft" : "active"
                let created = now + Int64(index) * 60_000
                let product = try db.insert("""
                    INSERT INTO products(handle, title, description, vendor, product_type, category_id, tags, status,
                                         created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, values: ["p-\(index)", title, description, pick(vendors), noun,
                                  categoryIDs[Int(random.next() % UInt64(categoryIDs.count))],
                                  tags.joined(separator: ", "), status, created, created])
                for tag in Set(tags) {
                    try db.execute("INSERT INTO product_tags(product_id, tag) VALUES (?, ?)", product, tag)
                }
                let price = Int64(500 + random.next() % 20_000)
                let variant = try db.insert("""
                    INSERT INTO variants(product_id, sku, price, compare_at_price, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, product, "SKU-\(index)", price, random.next() % 4 == 0 ? price * 5 / 4 : nil, created, created)
                let stock = Int64(random.next() % 40)
                if stock > 0 {
                    try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, ?, 'import', ?)",
                                   variant, stock, created)
                }
            }
            // Sales, so "best selling" has something to order by.
            try db.execute("""
                INSERT INTO inventory_ledger(variant_id, delta, reason, created_at)
                SELECT id, -1, 'sale', ? FROM variants WHERE stock > 0 AND id % 7 = 0
                """, now)
            // Reviews on every tenth product, so "rating" has something to order by.
            for user in 0..<40 {
                try db.execute("INSERT INTO users(email, name, created_at, updated_at) VALUES (?, 'Bench', ?, ?)",
                               "bench\(user)@example.com", now, now)
            }
            try db.execute("""
                INSERT INTO reviews(product_id, user_id, rating, created_at, updated_at)
                SELECT p.id, u.id, 1 + abs(random()) % 5, ?, ? FROM products p JOIN users u ON u.id % 10 = p.id % 10
                WHERE p.id % 10 = 0 AND u.id <= 40
                """, now, now)
        }
    }
}
