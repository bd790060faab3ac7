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
        let match = SearchDialects.of(db).matchValue(expression)
        let listing = try listing(for: query, sort: sort, match: match, caller: caller)
        guard !expression.isEmpty else {
            return SearchResults(expression: expression, page: ProductPage(products: [], nextCursor: nil), suggestion: nil)
        }
        let currency = store.currency
        return try store.read {
            let page = try listing.fetch(db, currency: currency)
            var suggestion: String?
            if page.products.isEmpty && query.after == nil {
                suggestion = try listing.suggestion(for: expression, in: db, currency: currency)
            }
            return SearchResults(expression: expression, page: page, suggestion: suggestion)
        }
    }
}

extension ProductListing {
    /// A corrected query from the index's own vocabulary that finds at least one product under this
    /// listing's filters, or nil. Call it inside a read transaction.
    func suggestion(for expression: SearchExpression, in db: any SQLConnection, currency: Currency) throws -> String? {
        let vocabulary = try SearchVocabularyCache.shared.vocabulary(for: db)
        guard let corrected = vocabulary.corrected(expression), corrected.words != expression.words else { return nil }
        let probe = ProductListing(filter: filter, statuses: statuses, sort: sort, limit: 1, after: nil,
                                   match: SearchDialects.of(db).matchValue(corrected))
        return try probe.fetch(db, currency: currency).products.isEmpty ? nil : corrected.text
    }
}
