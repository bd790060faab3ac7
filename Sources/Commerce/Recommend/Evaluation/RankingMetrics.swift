import Foundation

/// Top-K ranking quality averaged over the evaluated users.
public struct RankingMetrics: Sendable, Hashable, Codable {
    /// Share of users with at least one held-out item in the top K.
    public var hitRate: Double
    /// Held-out items found in the top K over all held-out items, averaged per user.
    public var recall: Double
    /// Discounted cumulative gain of the top K over the best possible, averaged per user.
    public var ndcg: Double
    /// Users evaluated.
    public var users: Int

    /// The metrics of one user's `ranked` list against their `relevant` items, cut at `k`.
    static func of(ranked: [Int32], relevant: Set<Int32>, k: Int) -> RankingMetrics {
        guard !relevant.isEmpty else { return RankingMetrics(hitRate: 0, recall: 0, ndcg: 0, users: 0) }
        var hits = 0
        var dcg = 0.0
        for (rank, item) in ranked.prefix(k).enumerated() where relevant.contains(item) {
            hits += 1
            dcg += 1 / log2(Double(rank) + 2)
        }
        let ideal = (0..<min(k, relevant.count)).reduce(0.0) { $0 + 1 / log2(Double($1) + 2) }
        return RankingMetrics(hitRate: hits > 0 ? 1 : 0, recall: Double(hits) / Double(relevant.count),
                              ndcg: dcg / ideal, users: 1)
    }

    /// The mean over users of `all`.
    static func mean(_ all: [RankingMetrics]) -> RankingMetrics {
        let users = all.reduce(0) { $0 + $1.users }
        guard users > 0 else { return RankingMetrics(hitRate: 0, recall: 0, ndcg: 0, users: 0) }
        let n = Double(users)
        return RankingMetrics(hitRate: all.reduce(0) { $0 + $1.hitRate } / n, recall: all.reduce(0) { $0 + $1.recall } / n,
                              ndcg: all.reduce(0) { $0 + $1.ndcg } / n, users: users)
    }
}
