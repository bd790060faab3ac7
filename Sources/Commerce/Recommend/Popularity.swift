import Foundation

/// How well each product sells: plain purchase counts and a trend that halves in weight every
/// `halfLife`, ranked for the whole shop and for every category with its subcategories.
struct Popularity: Sendable, Equatable {
    /// Orders that contained each product.
    let counts: FlatArray<Float>
    /// Time-decayed purchases at the time the model was built.
    let trend: FlatArray<Float>
    /// Every product by trend, then count, then id.
    let ranked: FlatArray<Int32>
    /// Every product by count, then id (the plain popularity baseline).
    let rankedByCount: FlatArray<Int32>
    /// Where each category's list starts in `categoryItems`; one more entry than there are categories.
    let categoryOffsets: FlatArray<Int32>
    /// For each category, its products and its subcategories' by trend, category after category.
    let categoryItems: FlatArray<Int32>

    /// The products of dense category `category` and its subcategories, by trend.
    func rankedInCategory(_ category: Int) -> Slice<FlatArray<Int32>> {
        categoryItems[Int(categoryOffsets[category])..<Int(categoryOffsets[category + 1])]
    }

    /// Popularity read from a model file.
    init(counts: FlatArray<Float>, trend: FlatArray<Float>, ranked: FlatArray<Int32>, rankedByCount: FlatArray<Int32>,
         categoryOffsets: FlatArray<Int32>, categoryItems: FlatArray<Int32>) {
        self.counts = counts
        self.trend = trend
        self.ranked = ranked
        self.rankedByCount = rankedByCount
        self.categoryOffsets = categoryOffsets
        self.categoryItems = categoryItems
    }

    /// Popularity of the products in `catalog` from `log`, decayed to `now`.
    init(log: InteractionLog, catalog: RecommenderCatalog, now: Int64, halfLifeMilliseconds: Double) {
        self.init(log: log, itemCount: log.itemCount, categoryOf: { item in
            let category = catalog.productCategory[item]
            return category >= 0 ? catalog.categoryChain(category) : []
        }, categoryCount: catalog.categoryIDs.count, now: now, halfLifeMilliseconds: halfLifeMilliseconds)
    }

    /// Popularity over `itemCount` items; `categoryOf` gives an item's category chain.
    init(log: InteractionLog, itemCount: Int, categoryOf: (Int) -> [Int32], categoryCount: Int, now: Int64,
         halfLifeMilliseconds: Double) {
        var counts = [Float](repeating: 0, count: itemCount)
        var trend = [Double](repeating: 0, count: itemCount)
        let rate = log2(2.0) / max(1, halfLifeMilliseconds)
        for index in 0..<log.count {
            let item = Int(log.items[index])
            counts[item] += 1
            trend[item] += exp2(-Double(max(0, now - log.times[index])) * rate)
        }
        let trendFloats = trend.map { Float($0) }
        self.counts = FlatArray(counts)
        self.trend = FlatArray(trendFloats)
        let ranked = (0..<Int32(itemCount)).sorted { a, b in
            let (x, y) = (Int(a), Int(b))
            if trendFloats[x] != trendFloats[y] { return trendFloats[x] > trendFloats[y] }
            if counts[x] != counts[y] { return counts[x] > counts[y] }
            return a < b
        }
        self.ranked = FlatArray(ranked)
        rankedByCount = FlatArray((0..<Int32(itemCount)).sorted { a, b in
            counts[Int(a)] != counts[Int(b)] ? counts[Int(a)] > counts[Int(b)] : a < b
        })
        var inCategory = [[Int32]](repeating: [], count: categoryCount)
        for item in ranked {
            for category in categoryOf(Int(item)) { inCategory[Int(category)].append(item) }
        }
        var offsets: [Int32] = [0]
        var items: [Int32] = []
        for list in inCategory {
            items += list
            offsets.append(Int32(items.count))
        }
        categoryOffsets = FlatArray(offsets)
        categoryItems = FlatArray(items)
    }
}
