import Foundation
import Synchronization

/// The shop's recommender: "also bought", "for you", "similar", "trending" and "buy again".
///
/// Queries read an immutable `RecommenderModel` snapshot under a short lock, so they take
/// microseconds and never touch the database. A recommender opened on a file builds its first model
/// on a background thread with its own `Store` (queries meanwhile answer `isWarmingUp`), follows
/// orders placed in this process through `record`, and rebuilds when another process wrote orders
/// or products (`PRAGMA data_version`). Safe to share between threads and tasks.
public final class Recommender: Sendable {
    private let shared: RecommenderShared
    /// The engine of a recommender built in the caller's thread (no background worker).
    private let local: Mutex<RecommenderEngine?>

    /// Opens a recommender on the shop at `databasePath` and starts building it in the background.
    /// Opens a recommender on the SQLite shop at `databasePath`.
    public convenience init(databasePath: String, configuration: RecommenderConfiguration = RecommenderConfiguration()) {
        self.init(location: .file(databasePath), configuration: configuration)
    }

    public init(location: StoreLocation, configuration: RecommenderConfiguration = RecommenderConfiguration()) {
        shared = RecommenderShared()
        local = Mutex(nil)
        if ModelFile.looksCurrent(ModelFile.path(for: location)) { shared.startLoading() }
        RecommenderWorker.start(location: location, configuration: configuration, shared: shared)
    }

    private init(engine: sending RecommenderEngine, model: RecommenderModel, available: [Bool]) {
        shared = RecommenderShared()
        shared.publish(model: model, available: available)
        local = Mutex(engine)
    }

    /// Serves a model fitted elsewhere (`RecommenderInput.fit`); `unavailable` products are never suggested.
    /// It has no database: `record` is ignored and nothing polls.
    public init(model: RecommenderModel, unavailable: Set<ProductID> = []) {
        shared = RecommenderShared()
        shared.publish(model: model, available: model.catalog.productIDs.map { !unavailable.contains(ProductID($0)) })
        local = Mutex(nil)
        shared.stop()
    }

    deinit { shared.stop() }

    /// Builds a recommender now, on the caller's thread, from `store` (the CLI, tests and tools).
    /// It has no background worker: `record` refits at once and nothing polls the file.
    public static func build(from store: Store,
                             configuration: RecommenderConfiguration = RecommenderConfiguration()) throws(CommerceError) -> Recommender {
        var configuration = configuration
        configuration.clock = configuration.clock ?? store.clock
        var engine = RecommenderEngine(configuration: configuration)
        let (model, available) = try store.read { try engine.rebuild(from: store.db) }
        return Recommender(engine: engine, model: model, available: available)
    }

    // MARK: Queries

    /// Products bought together with `product`, then similar ones, then trending in its category.
    public func alsoBought(product: ProductID, k: Int = 10) -> RecommendationList {
        query { $0.alsoBought(product, k: k, available: $1) }
    }

    /// Suggestions for `user` from what they bought; trending products for a new customer.
    public func forYou(user: UserID, k: Int = 10) -> RecommendationList {
        query { $0.forYou(user, k: k, available: $1) }
    }

    /// Products that look like `product` (category, vendor, tags, title words).
    public func similar(product: ProductID, k: Int = 10) -> RecommendationList {
        query { $0.similar(product, k: k, available: $1) }
    }

    /// What sells lately in `category` and its subcategories, or in the whole shop when nil.
    public func trending(category: CategoryID? = nil, k: Int = 10) -> RecommendationList {
        query { $0.trending(category, k: k, available: $1) }
    }

    /// What `user` bought before and can buy again, most often bought first.
    public func buyAgain(user: UserID, k: Int = 10) -> RecommendationList {
        query { $0.buyAgain(user, k: k, available: $1) }
    }

    private func query(_ body: (RecommenderModel, [Bool]) -> [Recommendation]) -> RecommendationList {
        guard let (model, available) = shared.snapshot() else { return .warmingUp }
        return RecommendationList(items: body(model, available), isWarmingUp: false)
    }

    // MARK: Life cycle

    /// What the recommender is doing: warming up, ready, or failed.
    public var status: RecommenderStatus { shared.status }

    /// Models this process built itself rather than loaded from the shared model file.
    var buildCount: Int { shared.buildCount }

    /// The model serving queries, or nil while warming up.
    public var model: RecommenderModel? { shared.snapshot()?.model }

    /// Learns from an order just placed in this process (call after its transaction committed).
    /// Pass `order` so a rebuild that already read the order does not count it twice, and `email`
    /// for a guest checkout.
    public func record(orderLines products: [ProductID], user: UserID?, at time: Int64,
                       order: OrderID? = nil, email: String? = nil) {
        let recorded = RecordedOrder(order: order, user: user, email: email, at: time, products: products)
        let applied = local.withLock { engine -> RecommenderModel?? in
            guard engine != nil else { return .none }
            return .some(engine?.apply([recorded]))
        }
        switch applied {
        case .none: shared.enqueue(recorded)
        case .some(let model?): shared.publish(model: model, available: nil)
        case .some(.none): break
        }
    }

    /// Marks one product as buyable or not at once (a sale took its last unit, staff archived it),
    /// until the next availability refresh reads the file.
    public func updateAvailability(product: ProductID, available: Bool) {
        shared.setAvailability(product: product, available: available)
    }

    /// Asks the background worker to look at the file now (availability, and a rebuild when orders
    /// or products changed) instead of at its next poll.
    public func refresh() { shared.requestRefresh() }

    /// Waits until a model is serving and every recorded order is in it; false on timeout or failure.
    public func waitUntilCurrent(timeout: Duration = .seconds(60)) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if shared.isCurrent { return true }
            if case .failed = shared.status, shared.snapshot() == nil { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return shared.isCurrent
    }
}
