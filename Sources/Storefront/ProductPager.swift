import Commerce

/// Products loaded page by page with keyset cursors: the first page at once, the next one when the
/// selection comes near the end of what is loaded.
struct ProductPager {
    /// Fetches the page after a cursor (nil: the first page).
    typealias Fetch = (ProductCursor?) throws(CommerceError) -> ProductPage

    /// The products loaded so far.
    private(set) var products: [ProductSummary] = []
    private var next: ProductCursor?
    private var fetch: Fetch
    /// How close to the end the selection may come before the next page loads.
    let margin = 8

    /// A pager over `fetch`; nothing is loaded until `reload()`.
    init(fetch: @escaping Fetch) { self.fetch = fetch }

    /// Whether more pages exist.
    var hasMore: Bool { next != nil }

    /// Loads the first page again, and more until at least `keeping` rows are back (so a reload
    /// after an outside change keeps the selection's row loaded).
    mutating func reload(keeping: Int = 0) throws(CommerceError) {
        let page = try fetch(nil)
        products = page.products
        next = page.nextCursor
        while products.count < keeping, hasMore { try loadMore() }
    }

    /// Loads the next page when `selected` is within `margin` rows of the end.
    mutating func loadIfNeeded(near selected: Int) throws(CommerceError) {
        if hasMore, selected >= products.count - margin { try loadMore() }
    }

    private mutating func loadMore() throws(CommerceError) {
        guard let cursor = next else { return }
        let page = try fetch(cursor)
        products += page.products
        next = page.nextCursor
    }
}
