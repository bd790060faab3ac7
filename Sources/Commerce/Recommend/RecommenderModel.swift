import Foundation

/// Settings of the recommender's models and life cycle.
public struct RecommenderConfiguration: Sendable {
    /// How co-occurrence becomes similarity; BM25 measured best on the demo history (NDCG@10 0.224 vs 0.214).
    public var weighting: CoOccurrenceWeighting = .bm25
    /// Neighbours kept per product.
    public var neighbours = 50
    /// Most recent distinct purchases of a customer that "for you" starts from.
    public var historyLimit = 64
    /// After this long a purchase counts half as much towards "trending".
    public var trendingHalfLife: Duration = .seconds(7 * 86_400)
    /// How often the background worker checks whether another process wrote to the file; nil never.
    public var pollInterval: Duration? = .seconds(2)
    /// How long the background worker waits before its first look at the file, so a session's first
    /// frame does not share the cores with loading the model (a stop still ends the wait at once).
    public var startDelay: Duration = .zero
    /// The least time between two full rebuilds of the shop's model (measured from when the model
    /// file was written, so it holds across every process on the shop).
    public var minimumRebuildInterval: Duration = .seconds(5)
    /// The most of one core the shop spends rebuilding while writes keep coming: after a build that
    /// took t, the next one caused by other processes' writes waits t × (1 − share) / share.
    public var rebuildShare = 0.1
    /// The clock trending is measured by; nil is the store's (`Store.clock`), so a shop whose clock a
    /// test or a repeatable figure fixed fits its models at that time too.
    public var clock: Clock? = nil

    /// The default settings.
    public init() {}

    /// The time now on `clock`, else on `storeClock`.
    func now(storeClock: Clock = .wall) -> Int64 { (clock ?? storeClock).now() }

    var halfLifeMilliseconds: Double {
        let parts = trendingHalfLife.components
        return Double(parts.seconds) * 1000 + Double(parts.attoseconds) / 1e15
    }
}

/// An immutable, fitted recommender: neighbour lists, content similarity, popularity and purchase
/// histories over dense product indices. Safe to share between threads; queries only read it.
public struct RecommenderModel: Sendable, Equatable {
    let catalog: ServingCatalog
    /// A hash of everything content similarity reads from the catalog: equal means it can be reused.
    let catalogSignature: UInt64
    /// Products bought in the same order.
    let basketNeighbours: ItemNeighbours
    /// Products bought by the same customer.
    let historyNeighbours: ItemNeighbours
    /// Products that look alike.
    let contentNeighbours: ItemNeighbours
    let popularity: Popularity
    let histories: PurchaseHistory
    /// Accounts with purchases, ascending, and the dense user of each.
    let accounts: FlatArray<Int64>
    let accountUsers: FlatArray<Int32>
    let historyLimit: Int
    /// When the model was built (ms since the Unix epoch); trending is as of then.
    public let builtAt: Int64
    /// Purchases (order lines) it learned from.
    public let interactionCount: Int
    /// The weighting its neighbour lists use.
    public let weighting: CoOccurrenceWeighting

    /// Fits every model from `log` over `catalog`; `content` reuses neighbours from an earlier fit of the same catalog.
    static func fit(catalog: RecommenderCatalog, log: CustomerLog, content: ItemNeighbours?,
                    configuration: RecommenderConfiguration, now: Int64) -> RecommenderModel {
        let entries = log.log
        let k = configuration.neighbours
        let baskets = SparseRows.counting(rows: entries.baskets, columns: entries.items, rowCount: entries.basketCount)
        let users = SparseRows.counting(rows: entries.users, columns: entries.items, rowCount: entries.userCount)
        let accounts = log.accountOf.enumerated().compactMap { user, account in account.map { ($0, Int32(user)) } }
            .sorted { $0.0 < $1.0 }
        return RecommenderModel(
            catalog: ServingCatalog(catalog),
            catalogSignature: catalog.signature,
            basketNeighbours: CoOccurrence.neighbours(contexts: baskets, itemCount: catalog.count,
                                                      weighting: configuration.weighting, k: k),
            historyNeighbours: CoOccurrence.neighbours(contexts: users, itemCount: catalog.count,
                                                       weighting: configuration.weighting, k: k),
            contentNeighbours: content ?? ContentSimilarity.neighbours(catalog, k: k),
            popularity: Popularity(log: entries, catalog: catalog, now: now,
                                   halfLifeMilliseconds: configuration.halfLifeMilliseconds),
            histories: PurchaseHistory(log: entries),
            accounts: FlatArray(accounts.map(\.0)),
            accountUsers: FlatArray(accounts.map(\.1)),
            historyLimit: configuration.historyLimit,
            builtAt: now,
            interactionCount: entries.count,
            weighting: configuration.weighting)
    }

    /// Products the model knows.
    public var productCount: Int { catalog.count }

    /// The dense user of account `account`, or nil when it bought nothing.
    func denseUser(ofAccount account: Int64) -> Int32? { accounts.binarySearch(account).map { accountUsers[$0] } }
}
