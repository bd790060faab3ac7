import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The recommender on real SQLite files: the demo store's history, availability, incremental
/// updates against full rebuilds, and the background worker.
@Suite("Recommend: store", .serialized)
struct RecommendStoreTests {
    static let now: Int64 = 1_750_000_000_000

    /// A seeded demo store in a fresh folder.
    static func demoStore() throws -> (Store, TempDir) {
        let (store, dir) = try makeStore()
        _ = try DemoSeeder.seed(store: store, sampleData: ImportFixtures.sampleData, now: now)
        return (store, dir)
    }

    static var configuration: RecommenderConfiguration {
        var configuration = RecommenderConfiguration()
        configuration.pollInterval = nil
        configuration.clock = .fixed(now)
        return configuration
    }

    /// Writes an order with one line per product, as another process's checkout would; returns its id.
    @discardableResult
    /// Writes an order and its lines in one transaction, as checkout does: a watcher can never see
    /// the order without its lines (the recommender's change fingerprint counts orders, not lines).
    static func placeOrder(_ db: any SQLConnection, user: Int64, products: [Int64], at time: Int64) throws -> OrderID {
        try db.transaction(.immediate) {
            let number = (try db.scalarInt("SELECT coalesce(max(number), 1000) + 1 FROM orders") ?? 1001)
            let email = try db.scalarString("SELECT email FROM users WHERE id = ?", user) ?? "someone@example.com"
            let order = try db.insert("""
                INSERT INTO orders(number, checkout_token, user_id, email, payment_method, currency, subtotal, total,
                                   ship_name, ship_line1, ship_city, ship_country, placed_at, updated_at)
                VALUES (?, ?, ?, ?, 'card', 'USD', 0, 0, 'Test', '1 Road', 'Town', 'US', ?, ?)
                """, number, "test-\(number)", user, email, time, time)
            for product in products {
                try db.execute("INSERT INTO order_lines(order_id, product_id, title, unit_price, quantity, line_total) VALUES (?, ?, 'x', 0, 1, 0)",
                               order, product)
            }
            return OrderID(order)
        }
    }

    static func customers(_ db: any SQLConnection) throws -> [Int64] {
        try db.all("SELECT DISTINCT user_id FROM orders WHERE user_id IS NOT NULL ORDER BY user_id") { $0.int64(0) }
    }

    @Test func demoHistoryItemItemBeatsPopularityClearly() throws {
        let (store, _) = try Self.demoStore()
        let report = try Evaluator.evaluate(store: store, configuration: Self.configuration)
        let ndcg = Dictionary(uniqueKeysWithValues: report.models.map { ($0.model, $0.metrics.ndcg) })
        let popularity = try #require(ndcg["popularity"])
        #expect(try #require(ndcg["item-item cosine"]) > 1.5 * popularity)
        #expect(try #require(ndcg["item-item bm25"]) > 1.5 * popularity)
        #expect(report.models.allSatisfy { $0.metrics.users > 100 })
    }

    @Test func soldOutAndArchivedProductsAreNeverSuggested() throws {
        let (store, _) = try Self.demoStore()
        let before = try Recommender.build(from: store, configuration: Self.configuration)
        let top = before.trending(k: 2).items.map(\.product.id)
        try #require(top.count == 2)
        try store.db.execute("UPDATE products SET status = 'archived' WHERE id = ?", top[0])
        try store.db.forEach("SELECT id, stock FROM variants WHERE product_id = ? AND stock > 0", top[1]) { row in
            try store.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, ?, 'adjustment', ?)",
                                 row.int64(0), -row.int64(1), Self.now)
        }
        #expect(try store.db.scalarInt("SELECT stock_total FROM products WHERE id = ?", top[1]) == 0)
        let gone = Set(top)
        let recommender = try Recommender.build(from: store, configuration: Self.configuration)
        let products = try store.db.all("SELECT id FROM products ORDER BY id") { ProductID($0.int64(0)) }
        for product in products {
            #expect(recommender.alsoBought(product: product, k: 20).items.allSatisfy { !gone.contains($0.product.id) })
            #expect(recommender.similar(product: product, k: 20).items.allSatisfy { !gone.contains($0.product.id) })
        }
        for user in try Self.customers(store.db) {
            #expect(recommender.forYou(user: UserID(user), k: 20).items.allSatisfy { !gone.contains($0.product.id) })
            #expect(recommender.buyAgain(user: UserID(user), k: 50).items.allSatisfy { !gone.contains($0.product.id) })
        }
        #expect(recommender.trending(k: 50).items.allSatisfy { !gone.contains($0.product.id) })
        // Drafts are not for sale either.
        let third = try #require(recommender.trending(k: 1).items.first).product.id
        try store.db.execute("UPDATE products SET status = 'draft' WHERE id = ?", third)
        #expect(try !Recommender.build(from: store, configuration: Self.configuration).trending(k: 50).items.contains { $0.product.id == third })
    }

    @Test func recordedOrdersGiveTheSameModelAsAFullRebuild() throws {
        let (store, _) = try Self.demoStore()
        let recommender = try Recommender.build(from: store, configuration: Self.configuration)
        let users = try Self.customers(store.db)
        let products = try store.db.all("SELECT id FROM products WHERE status = 'active' ORDER BY id LIMIT 40") { $0.int64(0) }
        // A returning customer, a brand new account, and a product pair never bought together before.
        let newUser = try store.accounts.createUser(email: "new@example.com", name: "New", password: nil, role: .customer, by: .system)
        let orders: [(Int64, [Int64])] = [(users[3], [products[0], products[39]]), (newUser.rawValue, [products[5]]),
                                          (users[10], [products[0], products[39], products[7]])]
        for (index, (user, items)) in orders.enumerated() {
            let at = Self.now + Int64(index) * 60_000
            let id = try Self.placeOrder(store.db, user: user, products: items, at: at)
            recommender.record(orderLines: items.map { ProductID($0) }, user: UserID(user), at: at, order: id)
        }
        let rebuilt = try Recommender.build(from: store, configuration: Self.configuration)
        let incremental = try #require(recommender.model)
        #expect(incremental == rebuilt.model)
        #expect(incremental.interactionCount == (try #require(rebuilt.model)).interactionCount)
        #expect(recommender.forYou(user: newUser) == rebuilt.forYou(user: newUser))
        #expect(recommender.alsoBought(product: ProductID(products[0])) == rebuilt.alsoBought(product: ProductID(products[0])))
        // Recording an order the model already holds changes nothing.
        let again = try #require(recommender.model)
        recommender.record(orderLines: [ProductID(products[5])], user: newUser, at: Self.now, order: OrderID(1))
        #expect(recommender.model == again)
    }

    @Test func backgroundWorkerBuildsLearnsRecordedOrdersAndFollowsOtherProcesses() async throws {
        let (store, dir) = try Self.demoStore()
        defer { withExtendedLifetime(dir) {} }  // the folder holds a SQLite shop's file
        var configuration = Self.configuration
        configuration.pollInterval = .milliseconds(20)
        configuration.minimumRebuildInterval = .zero
        let recommender = Recommender(location: store.location, configuration: configuration)
        #expect(await recommender.waitUntilCurrent(timeout: .seconds(30)))
        guard case .ready(_, let interactions) = recommender.status else {
            Issue.record("expected a ready recommender, got \(recommender.status)")
            return
        }
        let user = try Self.customers(store.db)[0]
        let products = try store.db.all("SELECT id FROM products WHERE status = 'active' ORDER BY id LIMIT 2") { $0.int64(0) }
        // Written by this process and recorded: learnt without waiting for a poll.
        let id = try Self.placeOrder(store.db, user: user, products: products, at: Self.now)
        recommender.record(orderLines: products.map { ProductID($0) }, user: UserID(user), at: Self.now, order: id)
        #expect(await recommender.waitUntilCurrent(), "\(recommender.status)")
        #expect(recommender.model?.interactionCount == interactions + 2)
        // Written by "another process" (this connection, never recorded): found through data_version.
        try Self.placeOrder(store.db, user: user, products: [products[0]], at: Self.now + 1)
        let clock = ContinuousClock(), deadline = clock.now.advanced(by: .seconds(30))
        while recommender.model?.interactionCount != interactions + 3 && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(recommender.model?.interactionCount == interactions + 3)
        #expect(recommender.model == (try Recommender.build(from: store, configuration: Self.configuration)).model)
    }

    @Test func queriesBeforeTheFirstBuildSayWarmingUp() {
        let dir = TempDir()
        var configuration = Self.configuration
        configuration.pollInterval = .seconds(60)
        // A folder where the database should be: the build cannot open it, so the model never arrives.
        try? FileManager.default.createDirectory(atPath: dir.file("shop.db"), withIntermediateDirectories: true)
        let recommender = Recommender(databasePath: dir.file("shop.db"), configuration: configuration)
        let list = recommender.forYou(user: UserID(1))
        #expect(list.isWarmingUp && list.items.isEmpty)
        #expect(recommender.model == nil)
    }

    @Test func summariesFollowTheListOrder() throws {
        let (store, _) = try Self.demoStore()
        let items = try Recommender.build(from: store, configuration: Self.configuration).trending(k: 5).items
        let summaries = try store.productSummaries(for: items)
        #expect(summaries.map(\.id) == items.map(\.product.id))
        #expect(summaries.allSatisfy { $0.inStock && $0.status == .active })
    }
}
