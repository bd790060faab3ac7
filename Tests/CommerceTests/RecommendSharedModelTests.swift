import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The model file shared by every process on a shop: built once under a lock, loaded by the others,
/// never trusted when damaged or of another format, and kept when a builder dies mid-write; and
/// availability following stock changes through the change log.
@Suite("Recommend: shared model file", .serialized)
struct RecommendSharedModelTests {
    static var configuration: RecommenderConfiguration {
        var configuration = RecommendStoreTests.configuration
        configuration.pollInterval = .milliseconds(20)
        configuration.minimumRebuildInterval = .zero
        return configuration
    }

    /// Opens a recommender as a new session would and waits for its first model.
    static func open(_ location: StoreLocation) async throws -> Recommender {
        let recommender = Recommender(location: location, configuration: configuration)
        try #require(await recommender.waitUntilCurrent(timeout: .seconds(30)))
        return recommender
    }

    static func sameAnswers(_ a: Recommender, _ b: Recommender, _ db: any SQLConnection) throws {
        let products = try db.all("SELECT id FROM products ORDER BY id LIMIT 30") { ProductID($0.int64(0)) }
        for product in products {
            #expect(a.alsoBought(product: product) == b.alsoBought(product: product))
            #expect(a.similar(product: product) == b.similar(product: product))
        }
        for user in try RecommendStoreTests.customers(db).prefix(30) {
            #expect(a.forYou(user: UserID(user)) == b.forYou(user: UserID(user)))
            #expect(a.buyAgain(user: UserID(user)) == b.buyAgain(user: UserID(user)))
        }
        #expect(a.trending() == b.trending())
    }

    @Test func aSecondSessionLoadsTheModelTheFirstBuilt() async throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }  // the folder holds a SQLite shop's file
        let location = store.location
        let first = try await Self.open(location)
        #expect(first.buildCount == 1)
        let file = try #require(ModelFileIdentity(path: ModelFile.path(for: location)))
        let second = try await Self.open(location)
        #expect(second.buildCount == 0)
        #expect(ModelFileIdentity(path: ModelFile.path(for: location)) == file)
        #expect(second.model == first.model)
        #expect(second.model == (try Recommender.build(from: store, configuration: RecommendStoreTests.configuration)).model)
        try Self.sameAnswers(first, second, store.db)
    }

    @Test func aModelOfAnotherFormatOrWithABadChecksumIsRebuiltNeverTrusted() async throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }  // the folder holds a SQLite shop's file
        let location = store.location, modelPath = ModelFile.path(for: location)
        let expected = try #require(try Recommender.build(from: store, configuration: RecommenderConfiguration()).model)
        _ = try await Self.open(location)
        let good = try Data(contentsOf: URL(fileURLWithPath: modelPath))
        // One flipped byte deep in the payload, then an older format number in the header.
        var damaged = good
        damaged[good.count / 2] ^= 0x5A
        var older = good
        older[8] = 0
        for bad in [damaged, older] {
            try bad.write(to: URL(fileURLWithPath: modelPath))
            #expect(throws: ModelFileError.self) { try ModelFile.read(modelPath) }
            let recommender = try await Self.open(location)
            #expect(recommender.buildCount == 1)
            #expect(recommender.model?.interactionCount == expected.interactionCount)
            #expect(try ModelFile.read(modelPath).0 == recommender.model)
        }
    }

    @Test func aBuilderKilledMidWriteLeavesTheOldModelInUse() async throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }  // the folder holds a SQLite shop's file
        let location = store.location, modelPath = ModelFile.path(for: location)
        let first = try await Self.open(location)
        let old = try #require(first.model)
        let before = try Data(contentsOf: URL(fileURLWithPath: modelPath))
        // Another process takes the build lock once `first` let it go (so it cannot replace the file meanwhile).
        let clock = ContinuousClock()
        var taken: FileLock?
        let lockDeadline = clock.now.advanced(by: .seconds(10))
        while taken == nil && clock.now < lockDeadline {
            if case .taken(let lock) = FileLock.take(modelPath + ".lock") { taken = lock }
            if taken == nil { try await Task.sleep(for: .milliseconds(5)) }
        }
        let lock = try #require(taken)
        // A newer model whose writer dies after a few blocks, and the temp file a killed process leaves.
        let user = try RecommendStoreTests.customers(store.db)[0]
        let products = try store.db.all("SELECT id FROM products WHERE status = 'active' ORDER BY id LIMIT 2") { $0.int64(0) }
        try RecommendStoreTests.placeOrder(store.db, user: user, products: products, at: RecommendStoreTests.now)
        let newer = try #require(try Recommender.build(from: store, configuration: RecommendStoreTests.configuration).model)
        struct Killed: Error {}
        #expect(throws: Killed.self) {
            try ModelFile.write(newer, fingerprint: StoreFingerprint(orders: [], catalog: []), to: modelPath) { block in
                if block == 12 { throw Killed() }
            }
        }
        try Data(before.prefix(before.count / 3)).write(to: URL(fileURLWithPath: modelPath + ".tmp-999999"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: modelPath)) == before)
        #expect(try ModelFile.read(modelPath).0 == old)
        // While the lock is held, a new session serves the old model.
        let session = Recommender(location: location, configuration: Self.configuration)
        let deadline = clock.now.advanced(by: .seconds(10))
        while session.model == nil && clock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        #expect(session.model == old)
        #expect(session.buildCount == 0)
        lock.release()
        // Once the lock is free the stale model is replaced by one that holds the new order.
        #expect(await session.waitUntilCurrent(timeout: .seconds(30)))
        let until = clock.now.advanced(by: .seconds(30))
        while session.model?.interactionCount != newer.interactionCount && clock.now < until {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(session.model?.interactionCount == newer.interactionCount)
    }

    @Test func aSoldOutProductLeavesAnotherProcessesSuggestionsWithoutARebuild() async throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }  // the folder holds a SQLite shop's file
        let session = try await Self.open(store.location)
        let builds = session.buildCount
        let top = try #require(session.trending(k: 1).items.first).product.id
        let logged = try #require(try store.db.scalarInt("SELECT count(*) FROM product_availability_changes WHERE product_id = ?", top))
        // "Another process" sells out the product: only its stock moves.
        try store.db.forEach("SELECT id, stock FROM variants WHERE product_id = ? AND stock > 0", top) { row in
            try store.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, ?, 'adjustment', ?)",
                                 row.int64(0), -row.int64(1), RecommendStoreTests.now)
        }
        #expect(try store.db.scalarInt("SELECT count(*) FROM product_availability_changes WHERE product_id = ?", top) == logged + 1)
        let clock = ContinuousClock(), deadline = clock.now.advanced(by: .seconds(5))
        while session.trending(k: 20).items.contains(where: { $0.product.id == top }) && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(!session.trending(k: 20).items.contains { $0.product.id == top })
        #expect(session.buildCount == builds)
        // Restocked, it comes back.
        let variant = try #require(try store.db.scalarInt("SELECT id FROM variants WHERE product_id = ? LIMIT 1", top))
        try store.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, 5, 'restock', ?)",
                             variant, RecommendStoreTests.now)
        let again = clock.now.advanced(by: .seconds(5))
        while session.trending(k: 1).items.first?.product.id != top && clock.now < again {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(session.trending(k: 1).items.first?.product.id == top)
    }

    @Test func rebuildsArePacedByTheShopsModelFileNotByEachProcess() async throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }  // the folder holds a SQLite shop's file
        let location = store.location, modelPath = ModelFile.path(for: location)
        var configuration = Self.configuration
        configuration.minimumRebuildInterval = .seconds(30)
        let first = Recommender(location: location, configuration: configuration)
        try #require(await first.waitUntilCurrent(timeout: .seconds(30)))
        let second = Recommender(location: location, configuration: configuration)
        try #require(await second.waitUntilCurrent(timeout: .seconds(30)))
        #expect(first.buildCount + second.buildCount == 1)
        #expect(try ModelFile.read(modelPath).buildTime > .zero)
        // Another process places an order: both sessions see the model is stale, and neither rebuilds
        // while the shop's file is younger than the interval (each used to pace only its own builds).
        let user = try RecommendStoreTests.customers(store.db)[0]
        let products = try store.db.all("SELECT id FROM products WHERE status = 'active' ORDER BY id LIMIT 2") { $0.int64(0) }
        try RecommendStoreTests.placeOrder(store.db, user: user, products: products, at: RecommendStoreTests.now)
        let before = try #require(first.model?.interactionCount)
        try await Task.sleep(for: .milliseconds(1500))
        #expect(first.buildCount + second.buildCount == 1)
        #expect(first.model?.interactionCount == before)
        // Once the file is older than that, one of them rebuilds and both serve the new model.
        var old = [timeval(tv_sec: time(nil) - 60, tv_usec: 0), timeval(tv_sec: time(nil) - 60, tv_usec: 0)]
        #expect(utimes(modelPath, &old) == 0)
        let clock = ContinuousClock(), deadline = clock.now.advanced(by: .seconds(30))
        while (first.model?.interactionCount == before || second.model?.interactionCount == before) && clock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(first.buildCount + second.buildCount == 2)
        #expect(first.model?.interactionCount == before + 2)
        #expect(second.model == first.model)
    }

    @Test func aSessionSaysItIsLoadingOnlyWhileAUsableLookingFileIsThere() async throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }  // the folder holds a SQLite shop's file
        let location = store.location, modelPath = ModelFile.path(for: location)
        _ = try await Self.open(location)
        var configuration = Self.configuration
        configuration.startDelay = .seconds(600)
        #expect(Recommender(location: location, configuration: configuration).status == .loading)
        // A header of another format, or a file cut short, is no model to wait for.
        let good = try Data(contentsOf: URL(fileURLWithPath: modelPath))
        var older = good
        older[8] = 0
        for bad in [older, good.prefix(good.count - 16)] {
            try bad.write(to: URL(fileURLWithPath: modelPath))
            #expect(Recommender(location: location, configuration: configuration).status == .warmingUp)
        }
        // A damaged payload passes the header check: loading finds it unusable and a model is built instead.
        var damaged = good
        damaged[good.count / 2] ^= 0x5A
        try damaged.write(to: URL(fileURLWithPath: modelPath))
        let session = Recommender(location: location, configuration: Self.configuration)
        #expect(session.status == .loading)
        #expect(await session.waitUntilCurrent(timeout: .seconds(30)))
        #expect(session.buildCount == 1)
    }
}
