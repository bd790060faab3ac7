/// Popular products read straight from the shop's daily sales summary (`product_sales_daily`, kept
/// by triggers), for a session whose recommender has no model yet — none was built, or the shared
/// one is still loading — so its lists are never empty while it waits. One indexed range read over
/// the last days of sales, ranked, and a lookup of the few best products; no model, no catalog scan.
extension Store {
    /// Days of sales, up to the newest day with a sale, that "popular" counts.
    public static let popularWindowDays = 30

    /// The products that sold the most units in the last `popularWindowDays` days of sales, in
    /// `category` and its subcategories (then the whole shop, to fill the list), each active,
    /// published and in stock, never `excluded` (the product a page shows); reasons say "trending".
    /// An empty list when nothing sold.
    public func popularProducts(category: CategoryID? = nil, excluding excluded: ProductID? = nil,
                                k: Int = 10) throws(CommerceError) -> RecommendationList {
        let k = min(max(0, k), RecommenderModel.maximumK)
        guard k > 0 else { return .empty }
        return try read { () throws -> RecommendationList in
            var items: [Recommendation] = []
            if let category {
                let summary = try db.first("SELECT id, handle, name FROM categories WHERE id = ?", category) { row in
                    CategorySummary(id: CategoryID(row.int64(0)), handle: row.string(1), name: row.string(2))
                }
                if let summary { items = try popular(in: summary, k: k + 1).filter { $0.product.id != excluded }.prefix(k).map { $0 } }
            }
            if items.count < k {
                var shown = Set(items.map(\.product.id))
                if let excluded { shown.insert(excluded) }
                items += try popular(in: nil, k: k + shown.count).filter { !shown.contains($0.product.id) }.prefix(k - items.count)
            }
            return RecommendationList(items: items, isWarmingUp: false)
        }
    }

    /// The best sellers of the window in `category`'s subtree, or the shop's when nil. The window's
    /// totals are ranked first and only the best few are looked up, a page at a time, until `k` of them
    /// can be bought: joining every product sold in the window (70k at 100k products) before ranking
    /// cost each new session over 100 ms.
    private func popular(in category: CategorySummary?, k: Int) throws -> [Recommendation] {
        let subtree = category == nil ? "" : """
              AND product_id IN (SELECT id FROM products WHERE category_id IN (WITH RECURSIVE below(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT k.id FROM categories k JOIN below ON k.parent_id = below.id) SELECT id FROM below))
            """
        let page = max(32, 4 * k)
        var found: [Recommendation] = []
        var offset = 0
        while found.count < k {
            let values: [SQLBindable?] = [Self.popularWindowDays - 1] + (category.map { [$0.id.rawValue] } ?? []) + [page, offset]
            let ranked = try db.all("""
                SELECT product_id, sum(units) FROM product_sales_daily
                WHERE day >= (SELECT coalesce(max(day), 0) FROM product_sales_daily) - ? \(subtree)
                GROUP BY product_id HAVING sum(units) > 0
                ORDER BY 2 DESC, 1 LIMIT ? OFFSET ?
                """, values: values) { (id: $0.int64(0), units: $0.int64(1)) }
            guard !ranked.isEmpty else { break }
            let placeholders = Array(repeating: "?", count: ranked.count).joined(separator: ", ")
            var buyable: [Int64: RecommendedProduct] = [:]
            try db.forEach("""
                SELECT id, handle, title FROM products
                WHERE id IN (\(placeholders)) AND status = 'active' AND published = 1 AND stock_total > 0
                """, values: ranked.map(\.id)) { row in
                buyable[row.int64(0)] = RecommendedProduct(id: ProductID(row.int64(0)), handle: row.string(1), title: row.string(2))
            }
            for candidate in ranked where found.count < k {
                guard let product = buyable[candidate.id] else { continue }
                found.append(Recommendation(product: product, score: Double(candidate.units), reason: .trending(in: category)))
            }
            guard ranked.count == page else { break }
            offset += page
        }
        return found
    }
}
