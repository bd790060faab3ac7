import Foundation

/// A product as a recommendation names it; fetch its price and stock with `Store.productSummaries(for:)`.
public struct RecommendedProduct: Sendable, Hashable {
    /// The product's row.
    public let id: ProductID
    /// The URL-safe name.
    public let handle: String
    /// The display title.
    public let title: String
}

/// Why a product was suggested, in words a shopper understands.
public enum RecommendationReason: Sendable, Hashable, CustomStringConvertible {
    /// Customers who bought the named product bought this too.
    case boughtTogether(with: RecommendedProduct)
    /// Its category, maker, tags and title resemble the named product's.
    case similar(to: RecommendedProduct)
    /// It sells well lately in the category (or the whole shop when nil).
    case trending(in: CategorySummary?)
    /// The customer bought it before: how many times, and when last (ms since the Unix epoch).
    case boughtBefore(times: Int, lastAt: Int64)

    /// A short stable name for scripts: "bought-together", "similar", "trending", "bought-before".
    public var kind: String {
        switch self {
        case .boughtTogether: return "bought-together"
        case .similar: return "similar"
        case .trending: return "trending"
        case .boughtBefore: return "bought-before"
        }
    }

    /// The reason as a sentence fragment: "bought together with Paper Filters".
    public var description: String {
        switch self {
        case .boughtTogether(let product): return "bought together with \(product.title)"
        case .similar(let product): return "similar to \(product.title)"
        case .trending(let category): return category.map { "trending in \($0.name)" } ?? "trending in the shop"
        case .boughtBefore(let times, _): return times == 1 ? "you bought this before" : "you bought this \(times) times before"
        }
    }
}

/// One suggested product with its score (higher is better; comparable within one list) and reason.
public struct Recommendation: Sendable, Hashable {
    /// The suggested product.
    public let product: RecommendedProduct
    /// How strongly it is suggested; only the order within a list means something.
    public let score: Double
    /// Why it is suggested.
    public let reason: RecommendationReason
}

/// A list of suggestions, best first.
public struct RecommendationList: Sendable, Hashable {
    /// The suggestions, best first.
    public let items: [Recommendation]
    /// True while the first model is still being built: the list is empty, ask again shortly.
    public let isWarmingUp: Bool

    /// An empty list while the recommender is warming up.
    static let warmingUp = RecommendationList(items: [], isWarmingUp: true)

    /// An empty list from a recommender that is serving: nothing to suggest.
    public static let empty = RecommendationList(items: [], isWarmingUp: false)
}

/// What a `Recommender` is doing.
public enum RecommenderStatus: Sendable, Equatable {
    /// The first model is being built; queries answer with `isWarmingUp`.
    case warmingUp
    /// The shop's model file, built earlier, is being loaded and serves in moments; queries answer
    /// with `isWarmingUp` meanwhile (a list can wait for it instead of asking the database).
    case loading
    /// A model is serving queries; it was built at the given time from this many purchases.
    case ready(builtAt: Int64, interactions: Int)
    /// The last build failed with the given message; the previous model (if any) keeps serving.
    case failed(String)
}
