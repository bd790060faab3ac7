/// The five questions the recommender answers, over one model and one availability table
/// (`available[i]` is true when product `i` is active and in stock).
extension RecommenderModel {
    /// The most a list may hold.
    public static let maximumK = 100

    /// "Customers also bought": products in the same orders, then bought by the same customers,
    /// then similar ones, then trending in its category and the shop.
    func alsoBought(_ product: ProductID, k: Int, available: [Bool]) -> [Recommendation] {
        guard let item = catalog.index(ofProduct: product.rawValue) else { return shopTrending(k: k, available: available) }
        var list = CandidateList(k: clamp(k), excluded: [item], allowed: { available[Int($0)] })
        list.offerNeighbours(of: item, in: basketNeighbours, reason: .boughtTogether(item))
        list.offerNeighbours(of: item, in: historyNeighbours, reason: .boughtTogether(item))
        list.offerNeighbours(of: item, in: contentNeighbours, reason: .similar(item))
        return finish(trendingFill(&list, category: catalog.productCategory[Int(item)]))
    }

    /// "Similar products": content neighbours, then trending in its category and the shop.
    func similar(_ product: ProductID, k: Int, available: [Bool]) -> [Recommendation] {
        guard let item = catalog.index(ofProduct: product.rawValue) else { return shopTrending(k: k, available: available) }
        var list = CandidateList(k: clamp(k), excluded: [item], allowed: { available[Int($0)] })
        list.offerNeighbours(of: item, in: contentNeighbours, reason: .similar(item))
        return finish(trendingFill(&list, category: catalog.productCategory[Int(item)]))
    }

    /// "Recommended for you": neighbours of the customer's recent purchases summed, excluding what
    /// they have; then products like theirs; then trending in their favourite category and the shop.
    func forYou(_ user: UserID, k: Int, available: [Bool]) -> [Recommendation] {
        guard let dense = denseUser(ofAccount: user.rawValue) else { return shopTrending(k: k, available: available) }
        let owned = Set(histories.items[histories.range(Int(dense))])
        let recent = histories.recent(Int(dense), limit: historyLimit)
        var list = CandidateList(k: clamp(k), excluded: owned, allowed: { available[Int($0)] })
        list.offerAggregated(from: recent, in: historyNeighbours) { .boughtTogether($0) }
        list.offerAggregated(from: recent, in: contentNeighbours) { .similar($0) }
        return finish(trendingFill(&list, category: favouriteCategory(of: Int(dense))))
    }

    /// "Trending": decayed popularity in the category and its subcategories, or the whole shop.
    func trending(_ category: CategoryID?, k: Int, available: [Bool]) -> [Recommendation] {
        guard let category else { return shopTrending(k: k, available: available) }
        var list = CandidateList(k: clamp(k), allowed: { available[Int($0)] })
        guard let dense = catalog.index(ofCategory: category.rawValue) else { return [] }
        list.offerRanked(popularity.rankedInCategory(Int(dense)), scores: popularity.trend, reason: .trending(dense))
        return finish(list)
    }

    /// "Buy again": the customer's own purchases, most often bought first, then most recent.
    func buyAgain(_ user: UserID, k: Int, available: [Bool]) -> [Recommendation] {
        guard let dense = denseUser(ofAccount: user.rawValue) else { return [] }
        var list = CandidateList(k: clamp(k), allowed: { available[Int($0)] })
        for position in histories.range(Int(dense)) {
            list.offer(histories.items[position], score: Float(histories.counts[position]),
                       reason: .boughtBefore(histories.counts[position], histories.lastTimes[position]))
        }
        return finish(list)
    }

    /// The category of the customer's most bought product that has one, or -1.
    func favouriteCategory(of user: Int) -> Int32 {
        for position in histories.range(user) {
            let category = catalog.productCategory[Int(histories.items[position])]
            if category >= 0 { return category }
        }
        return -1
    }

    /// Trending in the whole shop: the answer for unknown products and customers without history.
    private func shopTrending(k: Int, available: [Bool]) -> [Recommendation] {
        var list = CandidateList(k: clamp(k), allowed: { available[Int($0)] })
        return finish(trendingFill(&list, category: -1))
    }

    /// Tops `list` up with trending products in `category` (-1 for none), then in the whole shop.
    private func trendingFill(_ list: inout CandidateList, category: Int32) -> CandidateList {
        if category >= 0 {
            list.offerRanked(popularity.rankedInCategory(Int(category)), scores: popularity.trend, reason: .trending(category))
        }
        list.offerRanked(popularity.ranked, scores: popularity.trend, reason: .trending(-1))
        return list
    }

    private func clamp(_ k: Int) -> Int { min(max(0, k), RecommenderModel.maximumK) }

    /// The list with names looked up.
    private func finish(_ list: CandidateList) -> [Recommendation] {
        list.entries.map { entry in
            Recommendation(product: catalog.product(entry.item), score: Double(entry.score), reason: reason(entry.reason))
        }
    }

    private func reason(_ reason: CandidateReason) -> RecommendationReason {
        switch reason {
        case .boughtTogether(let item): return .boughtTogether(with: catalog.product(item))
        case .similar(let item): return .similar(to: catalog.product(item))
        case .trending(let category): return .trending(in: category >= 0 ? catalog.category(category) : nil)
        case .boughtBefore(let times, let last): return .boughtBefore(times: Int(times), lastAt: last)
        }
    }
}
