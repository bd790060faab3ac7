import Foundation

/// Generates a synthetic store of any size for benchmarks (`curio seed --products N --orders M`):
/// categories, products with variants and stock, customers and a year of orders, in large
/// transactions with cached statements. `synchronous` is OFF only while it runs and restored after.
public enum StoreGenerator {
    /// Progress: the phase ("products", "orders"), units done and the total.
    public typealias Progress = (_ phase: String, _ done: Int, _ total: Int) -> Void

    private struct ProductPlan {
        let title: String
        let handle: String
        let category: Int
        let vendor: String
        let optionName: String?
        let variants: [(option: String?, price: Int64)]
    }

    /// The `settings` key recording how far a generated store got: `generating` (the store was empty
    /// when it began, so the whole file is the generator's), `generating-added` (added with `force`
    /// to a store with products) and `complete`, written in the last transaction.
    public static let stateKey = "seed_state"

    /// Writes `products` products and `orders` orders into an empty store (or any store with `force`).
    /// Until its last transaction the store is marked unfinished (`stateKey`), so a killed run never
    /// looks complete; `discardInterrupted(at:)` removes such a store so it can be generated again.
    public static func generate(into store: Store, products: Int, orders: Int, seed: UInt64 = 1,
                                now: Int64 = Clock.millisecondsNow(), force: Bool = false,
                                progress: Progress? = nil) throws(SeedError) -> SeedReport {
        let started = Date()
        var report = SeedReport()
        let db = store.db
        do {
            let existing = Int(try db.scalarInt("SELECT count(*) FROM products") ?? 0)
            if existing > 0 && !force { throw SeedError.notEmpty(products: existing) }
            try db.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", stateKey,
                           existing == 0 ? "generating" : "generating-added")
            // Bulk generation only: durability relaxed while generating, put back afterwards.
            try db.bulkLoad {
                var rng = SplitMix64(seed: seed)
                let plans = (0..<max(0, products)).map { plan($0, rng: &rng) }
                var generator = Generator(store: store, now: now, rng: rng, progress: progress)
                try generator.writeCatalog(plans)
                try generator.writeCustomers(count: min(50_000, max(50, orders / 8)))
                try generator.writeOrders(count: max(0, orders))
                try db.execute("UPDATE settings SET value = 'complete' WHERE key = ?", stateKey)
                report.customers = generator.customers.count
                report.orders = max(0, orders)
                report.orderLines = generator.linesWritten
            }
        } catch let error as SeedError {
            throw error
        } catch let error as CommerceError {
            throw .failed(error)
        } catch {
            throw .failed(.storage(error as? DatabaseError ?? DatabaseError(code: 1, message: "\(error)")))
        }
        try DemoSeeder.fillCounts(&report, store: store)
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    /// Removes the database at `path` (and its WAL, shared-memory and model files) when it holds
    /// only a generated store whose run was killed before it finished; true when it did. A store that
    /// had products of its own before the run is never removed.
    public static func discardInterrupted(at path: String) throws(SeedError) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        let state: String?
        do {
            let db = try Database(path: path)
            let hasSettings = try db.scalarInt("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'settings'") ?? 0
            state = hasSettings > 0 ? try db.scalarString("SELECT value FROM settings WHERE key = ?", stateKey) : nil
        } catch {
            throw .failed(.storage(error as? DatabaseError ?? DatabaseError(code: 1, message: "\(error)")))
        }
        guard state == "generating" else { return false }
        for file in [path, path + "-wal", path + "-shm", ModelFile.path(forDatabase: path)] {
            do {
                if FileManager.default.fileExists(atPath: file) { try FileManager.default.removeItem(atPath: file) }
            } catch {
                throw .failed(.storage(DatabaseError(code: 1, message: "cannot remove \(file): \(error.localizedDescription)")))
            }
        }
        return true
    }

    private static func plan(_ index: Int, rng: inout SplitMix64) -> ProductPlan {
        let words = SyntheticCatalog.self
        let title = "\(rng.pick(words.adjectives)) \(rng.pick(words.materials)) \(rng.pick(words.nouns))"
        let price = Int64(rng.int(3...250)) * 100 - (rng.chance(0.6) ? 5 : 0)
        var optionName: String?
        var variants: [(option: String?, price: Int64)] = [(nil, price)]
        if rng.chance(0.3) {
            optionName = "Size"
            variants = words.sizes.map { ($0, price) }
        } else if rng.chance(0.2) {
            optionName = "Colour"
            variants = words.colours.prefix(rng.int(2...3)).map { ($0, price) }
        }
        return ProductPlan(title: title, handle: CatalogRules.slug(title) + "-\(index + 1)",
                           category: rng.int(0...(words.departments.count * words.sections.count - 1)),
                           vendor: rng.pick(words.vendors), optionName: optionName, variants: variants)
    }

    /// The writing half, holding ids between phases.
    private struct Generator {
        let store: Store
        let now: Int64
        var rng: SplitMix64
        let progress: Progress?
        var variants: [(id: Int64, product: Int64, title: String, variantTitle: String, sku: String, price: Int64)] = []
        var cumulative: [Double] = []
        var customers: [(id: Int64, email: String, address: HistoryOrder.Address)] = []
        var linesWritten = 0
        var db: any SQLConnection { store.db }
        static let chunk = 20_000

        mutating func writeCatalog(_ plans: [ProductPlan]) throws {
            var categories: [Int64] = []
            try db.transaction(.immediate) {
                try ShopSettingsSeed.write(db, now: now)
                let writer = CatalogWriter(db: db, now: now)
                for department in SyntheticCatalog.departments {
                    for section in SyntheticCatalog.sections {
                        categories.append(try writer.category(path: [department, section]).id.rawValue)
                    }
                }
            }
            var productWeights: [Double] = []
            for start in stride(from: 0, to: plans.count, by: Generator.chunk) {
                try db.transaction(.immediate) {
                    for index in start..<min(plans.count, start + Generator.chunk) {
                        try insert(plans[index], index: index, category: categories[plans[index].category])
                        productWeights.append(1 / pow(Double(index % 997 + 1), 0.8))
                    }
                }
                progress?("products", min(plans.count, start + Generator.chunk), plans.count)
            }
            var weights: [Double] = []
            var cursor = 0
            for variant in variants.indices {
                if variant > 0 && variants[variant].product != variants[variant - 1].product { cursor += 1 }
                weights.append(productWeights[cursor] / 2)
            }
            cumulative = cumulativeWeights(weights)
        }

        private mutating func insert(_ plan: ProductPlan, index: Int, category: Int64) throws {
            let created = now - Int64(index % 365) * DemoOrderPlanner.day
            let tags = [plan.title.split(separator: " ").last.map(String.init) ?? "", plan.vendor]
            let html = "<p>The \(plan.title.lowercased()) from \(plan.vendor). Made to be used every day and built to last.</p>"
            let product = try db.insert("""
                INSERT INTO products(handle, title, description, description_html, vendor, product_type, category_id, tags,
                                     option1_name, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values: [plan.handle, plan.title, HTMLText.plainText(html), html, plan.vendor, tags[0], category,
                              tags.joined(separator: ", "), plan.optionName, created, created])
            try CatalogWriter(db: db, now: now).replaceTags(product: product, with: CatalogRules.normalizedTags(tags))
            for (position, variant) in plan.variants.enumerated() {
                let sku = "GEN-\(index + 1)-\(position + 1)"
                let insertedID = try db.insert("""
                    INSERT INTO variants(product_id, sku, option1, position, price, grams, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, values: [product, sku, variant.option, position + 1, variant.price, 250, created, created])
                variants.append((insertedID, product, plan.title, variant.option ?? "", sku, variant.price))
            }
        }

        mutating func writeCustomers(count: Int) throws {
            try db.transaction(.immediate) {
                for index in 0..<count {
                    let email = "customer\(index + 1)@example.com"
                    let name = "\(rng.pick(DemoPeople.firstNames)) \(rng.pick(DemoPeople.lastNames))"
                    let insertedID = try db.insert("INSERT INTO users(email, name, role, created_at, updated_at) VALUES (?, ?, 'customer', ?, ?)",
                                   email, name, now - 400 * DemoOrderPlanner.day, now - 400 * DemoOrderPlanner.day)
                    customers.append((insertedID, email, DemoPeople.address(for: name, rng: &rng)))
                }
            }
        }

        /// Plans every order first, stocks each variant with what it will sell plus a margin, then writes them.
        mutating func writeOrders(count: Int) throws {
            guard !variants.isEmpty, !customers.isEmpty else { return }
            let methods = try DemoOrderPlanner.shippingChoices(db)
            var planned: [HistoryOrder] = []
            planned.reserveCapacity(count)
            var sold = [Int](repeating: 0, count: variants.count)
            for number in 0..<count {
                let customer = customers[rng.int(0...(customers.count - 1))]
                let placedAt = now - Int64(Double(count - number) / Double(count) * Double(365 * DemoOrderPlanner.day))
                var lines: [HistoryOrder.Line] = []
                var chosen = Set<Int>()
                for _ in 0..<(rng.chance(0.3) ? 1 : rng.int(2...5)) {
                    let index = rng.weightedIndex(cumulative)
                    guard chosen.insert(index).inserted else { continue }
                    let variant = variants[index]
                    let quantity = rng.chance(0.85) ? 1 : 2
                    sold[index] += quantity
                    lines.append(HistoryOrder.Line(variantID: variant.id, productID: variant.product, title: variant.title,
                                                   variantTitle: variant.variantTitle, sku: variant.sku, unitPrice: variant.price,
                                                   quantity: quantity))
                }
                let card = DemoOrderPlanner.card(rng: &rng)
                var order = HistoryOrder(number: number + 1_001, userID: customer.id, email: customer.email, placedAt: placedAt,
                                         statuses: DemoOrderPlanner.statuses(placedAt: placedAt, now: now, canCancel: false, rng: &rng),
                                         method: "card", lines: lines, shippingName: "", shipping: 0, tax: 0,
                                         address: customer.address, cardBrand: card.brand, cardLast4: card.last4)
                DemoOrderPlanner.price(&order, firstOrder: false, methods: methods, currency: store.currency, rng: &rng)
                planned.append(order)
            }
            let catalog = CatalogWriter(db: db, now: now - 366 * DemoOrderPlanner.day)
            try db.transaction(.immediate) {
                for (index, variant) in variants.enumerated() {
                    try catalog.recordStock(variant: variant.id, delta: sold[index] + rng.int(0...40), reason: .import,
                                            note: "generated store")
                }
            }
            let writer = HistoryWriter(db: db, currency: store.currency)
            for start in stride(from: 0, to: planned.count, by: Generator.chunk) {
                try db.transaction(.immediate) {
                    for order in planned[start..<min(planned.count, start + Generator.chunk)] {
                        let id = try writer.write(order)
                        try writer.writeLedger(order, id: id, catalog: catalog)
                        linesWritten += order.lines.count
                    }
                }
                progress?("orders", min(planned.count, start + Generator.chunk), planned.count)
            }
        }
    }
}
