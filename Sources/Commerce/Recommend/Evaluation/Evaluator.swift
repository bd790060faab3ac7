import Foundation

/// One model's figures in an evaluation.
public struct ModelEvaluation: Sendable, Hashable, Codable {
    /// The model ("popularity", "trending", "content", "item-item cosine", "item-item bm25").
    public let model: String
    /// HR@10, Recall@10 and NDCG@10.
    public let metrics: RankingMetrics
    /// Seconds it took to fit on the training interactions.
    public let fitSeconds: Double
}

/// The outcome of an offline evaluation.
public struct EvaluationReport: Sendable, Hashable, Codable {
    /// Where the interactions came from.
    public let source: String
    /// Interactions read.
    public let interactions: Int
    /// Distinct users.
    public let users: Int
    /// Items in the catalog ranked over.
    public let items: Int
    /// Interactions held out for testing.
    public let heldOut: Int
    /// Users whose held-out items were all bought in training too (not evaluated).
    public let usersWithNothingNew: Int
    /// The cut-off of every metric.
    public let k: Int
    /// Each model's figures, in a fixed order.
    public let models: [ModelEvaluation]
}

/// Offline evaluation: train on all but each user's last 20% of interactions, rank the whole catalog
/// for each user (excluding what they bought in training) and score the top 10 against what they
/// bought next. Every model's list is topped up from plain popularity, so all rank ten items.
public enum Evaluator {
    /// The cut-off of every metric.
    public static let k = 10

    /// Evaluates interactions over the items they name, ordered by id (numbers numerically).
    public static func evaluate(_ events: [RawInteraction], source: String,
                                configuration: RecommenderConfiguration = RecommenderConfiguration()) -> EvaluationReport {
        let names = Set(events.map(\.item)).sorted { a, b in
            switch (Int64(a), Int64(b)) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return a < b
            }
        }
        var catalog = RecommenderCatalog()
        for (index, name) in names.enumerated() {
            catalog.appendProduct(id: Int64(index), handle: name, title: name, vendor: "", category: nil, tags: [])
        }
        return evaluate(events, catalog: catalog, itemIndex: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) }),
                        source: source, content: false, configuration: configuration)
    }

    /// Evaluates the order history of `store` over its whole catalog, content similarity included.
    public static func evaluate(store: Store, configuration: RecommenderConfiguration = RecommenderConfiguration())
        throws(CommerceError) -> EvaluationReport {
        let (catalog, events) = try store.read { () throws -> (RecommenderCatalog, [RawInteraction]) in
            let catalog = try RecommenderSource.catalog(store.db)
            var events: [RawInteraction] = []
            try store.db.forEach("""
                SELECT o.id, coalesce('user:' || o.user_id, lower(o.email)), l.product_id, o.placed_at
                FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.status <> 'CANCELLED' AND l.product_id IS NOT NULL
                ORDER BY o.id, l.id
                """) { row in
                events.append(RawInteraction(user: row.string(1), item: String(row.int64(2)), time: row.int64(3), basket: row.int64(0)))
            }
            return (catalog, events)
        }
        let index = Dictionary(uniqueKeysWithValues: catalog.productIDs.enumerated().map { (String($1), Int32($0)) })
        return evaluate(events, catalog: catalog, itemIndex: index, source: "store order history", content: true,
                        configuration: configuration)
    }

    static func evaluate(_ events: [RawInteraction], catalog: RecommenderCatalog, itemIndex: [String: Int32],
                         source: String, content: Bool, configuration: RecommenderConfiguration) -> EvaluationReport {
        let split = HoldoutSplit(events: events, itemIndex: itemIndex, itemCount: catalog.count)
        let train = split.train
        let histories = PurchaseHistory(log: train.log)
        let now = train.log.latestTime ?? 0
        let popularity = Popularity(log: train.log, catalog: catalog, now: now,
                                    halfLifeMilliseconds: configuration.halfLifeMilliseconds)
        let users = split.relevant.keys.sorted()

        /// Scores one model: `sources` ranks a user's candidates into the list before the popularity top-up.
        func score(_ name: String, fitSeconds: Double, fill: FlatArray<Int32> = popularity.rankedByCount,
                   _ sources: (inout CandidateList, [Int32]) -> Void) -> ModelEvaluation {
            var all: [RankingMetrics] = []
            for user in users {
                let range = histories.range(Int(user))
                var list = CandidateList(k: k, excluded: Set(histories.items[range]), allowed: { _ in true })
                sources(&list, histories.recent(Int(user), limit: configuration.historyLimit))
                list.offerRanked(fill, scores: popularity.counts, reason: .trending(-1))
                all.append(RankingMetrics.of(ranked: list.entries.map(\.item), relevant: split.relevant[user] ?? [], k: k))
            }
            return ModelEvaluation(model: name, metrics: RankingMetrics.mean(all), fitSeconds: fitSeconds)
        }

        var models = [score("popularity", fitSeconds: 0) { _, _ in }]
        models.append(score("trending (7-day half-life)", fitSeconds: 0, fill: popularity.ranked) { _, _ in })
        if content {
            let (neighbours, seconds) = timed { ContentSimilarity.neighbours(catalog, k: configuration.neighbours) }
            models.append(score("content (TF-IDF)", fitSeconds: seconds) { list, recent in
                list.offerAggregated(from: recent, in: neighbours) { .similar($0) }
            })
        }
        for weighting in CoOccurrenceWeighting.allCases {
            let (neighbours, seconds) = timed { () -> ItemNeighbours in
                let contexts = SparseRows.counting(rows: train.log.users, columns: train.log.items, rowCount: train.log.userCount)
                return CoOccurrence.neighbours(contexts: contexts, itemCount: catalog.count, weighting: weighting,
                                               k: configuration.neighbours)
            }
            models.append(score("item-item \(weighting.rawValue)", fitSeconds: seconds) { list, recent in
                list.offerAggregated(from: recent, in: neighbours) { .boughtTogether($0) }
            })
        }
        return EvaluationReport(source: source, interactions: events.count, users: Set(events.map(\.user)).count,
                                items: catalog.count, heldOut: split.heldOut, usersWithNothingNew: split.usersWithNothingNew,
                                k: k, models: models)
    }

    private static func timed<T>(_ body: () -> T) -> (T, Double) {
        let start = ContinuousClock.now
        let value = body()
        let elapsed = ContinuousClock.now - start
        return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
