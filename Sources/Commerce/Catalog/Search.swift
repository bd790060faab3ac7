/// What a search found: one page of products, and a suggestion when it found nothing.
public struct SearchResults: Sendable, Hashable {
    /// The query as the index saw it (folded words, prefix flag).
    public let expression: SearchExpression
    /// The matching products on this page.
    public let page: ProductPage
    /// A corrected query that does find products ("did you mean"), when this one found none.
    public let suggestion: String?
}

extension Catalog {
    /// Searches titles, tags, vendors, product types and descriptions (title weighted highest),
    /// with `query`'s filters, order (relevance by default) and page. Any text is a valid query;
    /// text with no words finds nothing.
    public func search(_ text: String, query: ProductQuery = ProductQuery(),
                       caller: Caller) throws(CommerceError) -> SearchResults {
        let expression = SearchExpression(text)
        let sort = query.sort ?? .relevance
        let listing = try listing(for: query, sort: sort, match: expression.matchExpression, caller: caller)
        guard !expression.isEmpty else {
            return SearchResults(expression: expression, page: ProductPage(products: [], nextCursor: nil), suggestion: nil)
        }
        let currency = store.currency
        return try store.read {
            let page = try listing.fetch(db, currency: currency)
            var suggestion: String?
            if page.products.isEmpty && query.after == nil {
                suggestion = try self.suggestion(for: expression, like: listing)
            }
            return SearchResults(expression: expression, page: page, suggestion: suggestion)
        }
    }

    /// A corrected query from the index's own vocabulary that finds at least one product under
    /// the same filters, or nil.
    func suggestion(for expression: SearchExpression, like listing: ProductListing) throws -> String? {
        let vocabulary = try SearchVocabularyCache.shared.vocabulary(for: db)
        guard let corrected = vocabulary.corrected(expression), corrected.words != expression.words else { return nil }
        let probe = ProductListing(filter: listing.filter, statuses: listing.statuses, sort: listing.sort,
                                   limit: 1, after: nil, match: corrected.matchExpression)
        return try probe.fetch(db, currency: store.currency).products.isEmpty ? nil : corrected.text
    }
}
