/// Why a dense candidate was picked; becomes a `RecommendationReason` once names are looked up.
enum CandidateReason: Equatable {
    case boughtTogether(Int32)
    case similar(Int32)
    /// The dense category, or -1 for the whole shop.
    case trending(Int32)
    case boughtBefore(Int32, Int64)
}

/// Fills a list of up to `k` products stage by stage (collaborative, then content, then trending),
/// skipping excluded, unavailable and already listed products.
struct CandidateList {
    let k: Int
    private let excluded: Set<Int32>
    private let allowed: (Int32) -> Bool
    private(set) var entries: [(item: Int32, score: Float, reason: CandidateReason)] = []

    /// An empty list; `excluded` are never listed, nor products `allowed` refuses.
    init(k: Int, excluded: Set<Int32> = [], allowed: @escaping (Int32) -> Bool) {
        self.k = max(0, k)
        self.excluded = excluded
        self.allowed = allowed
        entries.reserveCapacity(self.k)
    }

    /// True when `k` products are listed.
    var isFull: Bool { entries.count >= k }

    /// True when `item` may still be added.
    func accepts(_ item: Int32) -> Bool {
        !excluded.contains(item) && allowed(item) && !entries.contains { $0.item == item }
    }

    /// Adds `item` unless the list is full or it is not accepted.
    mutating func offer(_ item: Int32, score: Float, reason: CandidateReason) {
        guard !isFull, accepts(item) else { return }
        entries.append((item, score, reason))
    }

    /// Adds the neighbours of `item` in their order.
    mutating func offerNeighbours(of item: Int32, in neighbours: ItemNeighbours, reason: CandidateReason) {
        guard Int(item) < neighbours.itemCount else { return }
        for position in neighbours.range(Int(item)) {
            if isFull { return }
            offer(neighbours.items[position], score: neighbours.scores[position], reason: reason)
        }
    }

    /// Adds products in the order of `ranked` (a popularity ranking) with the given reason.
    mutating func offerRanked(_ ranked: some Collection<Int32>, scores: FlatArray<Float>, reason: CandidateReason) {
        for item in ranked {
            if isFull { return }
            offer(item, score: scores[Int(item)], reason: reason)
        }
    }

    /// Adds the best products by summed neighbour score over `sources`, each with the source that
    /// contributed most as its reason (`makeReason`); ties go to the lower product id.
    mutating func offerAggregated(from sources: [Int32], in neighbours: ItemNeighbours,
                                  makeReason: (Int32) -> CandidateReason) {
        guard !isFull else { return }
        var sums: [Int32: (score: Float, best: Int32, bestScore: Float)] = [:]
        sums.reserveCapacity(sources.count * 16)
        for source in sources where Int(source) < neighbours.itemCount {
            for position in neighbours.range(Int(source)) {
                let item = neighbours.items[position], score = neighbours.scores[position]
                if var known = sums[item] {
                    known.score += score
                    if score > known.bestScore || (score == known.bestScore && source < known.best) {
                        known.best = source
                        known.bestScore = score
                    }
                    sums[item] = known
                } else {
                    sums[item] = (score, source, score)
                }
            }
        }
        var top = TopK(capacity: k - entries.count)
        for (item, value) in sums where accepts(item) { top.insert(item, value.score) }
        for (item, score) in top.sortedBestFirst() {
            offer(item, score: score, reason: makeReason(sums[item]?.best ?? item))
        }
    }
}
