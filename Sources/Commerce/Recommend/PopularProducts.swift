/// Popular products read straight from the shop's daily sales summary (`product_sales_daily`, kept
/// by triggers), for a session whose recommender has no model yet — none was built, or the shared
/// one is still loading — so its lists are never empty while it waits. One indexed range read over
/// the last days of sales and a join to the few products it names; no model, no scan of the catalog.
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

    /// The best sellers of the window in `category`'s subtree, or the shop's when nil.
    private func popular(in category: CategorySummary?, k: Int) throws -> [Recommendation] {
        let subtree = category == nil ? "" : """
              AND p.category_id IN (WITH RECURSIVE below(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT k.id FROM categories k JOIN below ON k.parent_id = below.id) SELECT id FROM below)
            """
        let values: [SQLBindable?] = [Self.popularWindowDays - 1] + (category.map { [$0.id.rawValue] } ?? []) + [k]
        return try db.all("""
            SELECT p.id, p.handle, p.title, r.units
            FROM (SELECT product_id, sum(units) AS units FROM product_sales_daily
                  WHERE day >= (SELECT coalesce(max(day), 0) FROM product_sales_daily) - ?
                  GROUP BY product_id) r
            JOIN products p ON p.id = r.product_id
            WHERE r.units > 0 AND p.status = 'active' AND p.published = 1 AND p.stock_total > 0
            \(subtree)
            ORDER BY r.units DESC, p.id
            LIMIT ?
            """, values: values) { row in
            Recommendation(product: RecommendedProduct(id: ProductID(row.int64(0)), handle: row.string(1), title: row.string(2)),
                           score: Double(row.int64(3)), reason: .trending(in: category))
        }
    }
}
