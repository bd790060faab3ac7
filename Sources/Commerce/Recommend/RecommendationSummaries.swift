/// Recommendations with what lists show of each product (price, stock, rating), read with the
/// catalog's own summary columns so a screen shows them like any other product list.
extension Store {
    /// The summary of each recommended product, in the list's order; products since deleted are left out.
    public func productSummaries(for recommendations: [Recommendation]) throws(CommerceError) -> [ProductSummary] {
        guard !recommendations.isEmpty else { return [] }
        let ids = recommendations.map { $0.product.id }
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        let found = try read {
            try db.all("""
                SELECT \(ProductSummaryRow.columns)
                FROM products p LEFT JOIN categories c ON c.id = p.category_id
                WHERE p.id IN (\(placeholders))
                """, values: ids.map { $0 as SQLBindable? }) { ProductSummaryRow.map($0, currency: currency) }
        }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }
}
