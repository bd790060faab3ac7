import Commerce
import TerminalUI

/// A browsable product list: virtual rows, keyset paging as the selection nears the end, and the
/// sort and in-stock toggles. Shared by the home screen's right pane, a category's list and search.
@MainActor
final class ProductBrowser {
    /// Sort orders offered by `s`, in turn.
    static let sorts: [ProductSort?] = [nil, .bestSelling, .priceAscending, .priceDescending, .rating, .newest]
    let session: ShopSession
    let list = ListState()
    /// The category shown (nil: every product).
    var category: CategoryID?
    /// Index into `sorts`.
    private(set) var sortIndex = 0
    /// Only products with stock.
    private(set) var inStockOnly = false
    private var pager: ProductPager?
    private var pageSize = 10

    init(session: ShopSession, category: CategoryID? = nil) {
        self.session = session
        self.category = category
    }

    /// The loaded products.
    var products: [ProductSummary] { pager?.products ?? [] }
    /// The selected product, if any.
    var selected: ProductSummary? { products.indices.contains(list.selected) ? products[list.selected] : nil }
    /// The current sort's name for titles.
    var sortName: String { ProductBrowser.sortName(ProductBrowser.sorts[sortIndex]) }

    /// A box title for the list of `name`: "Tea · featured · in stock".
    func title(_ name: String) -> String {
        "\(name) \(Glyph.middleDot) \(sortName)" + (inStockOnly ? " \(Glyph.middleDot) in stock" : "")
    }

    /// The query for the current category, sort and stock toggle.
    func query(after cursor: ProductCursor?) -> ProductQuery {
        ProductQuery(filter: ProductFilter(category: category, inStockOnly: inStockOnly),
                     sort: ProductBrowser.sorts[sortIndex], limit: 40, after: cursor)
    }

    /// Reloads from the catalogue (or from `fetch` when given, for search results).
    func reload(_ context: AppContext, fetch: ProductPager.Fetch? = nil) {
        let session = self.session
        let base = query(after: nil)
        let catalogFetch: ProductPager.Fetch = { (cursor) throws(CommerceError) in
            var query = base
            query.after = cursor
            return try session.store.catalog.products(query, caller: session.caller)
        }
        var pager = ProductPager(fetch: fetch ?? catalogFetch)
        _ = session.attempt(context) { () throws(CommerceError) in try pager.reload(keeping: list.selected + 1) }
        self.pager = pager
        list.select(list.selected, count: pager.products.count)
    }

    /// Moves the selection for navigation keys, loading the next page near the end.
    func navigate(_ key: Key, context: AppContext) -> Bool {
        guard list.navigate(key, count: products.count, pageSize: pageSize) else { return false }
        if var pager {
            _ = session.attempt(context) { () throws(CommerceError) in try pager.loadIfNeeded(near: list.selected) }
            self.pager = pager
        }
        return true
    }

    /// Cycles the sort order and reloads from the top.
    func nextSort(_ context: AppContext) {
        sortIndex = (sortIndex + 1) % ProductBrowser.sorts.count
        list.first()
        reload(context)
        context.toast("Sorted by \(sortName)")
    }

    /// Toggles "in stock only" and reloads from the top.
    func toggleInStock(_ context: AppContext) {
        inStockOnly.toggle()
        list.first()
        reload(context)
        context.toast(inStockOnly ? "Showing products in stock" : "Showing all products")
    }

    /// Draws the list (no border) into `rect`.
    func draw(into surface: any Surface, in rect: Rect, focused: Bool, emptyText: String = "No products here.") {
        pageSize = max(1, rect.height)
        let products = self.products
        let more = pager?.hasMore ?? false
        ListView(count: products.count, state: list, isFocused: focused, emptyText: emptyText) { i in
            ProductBrowser.row(products[i], last: more && i == products.count - 1)
        }.draw(into: surface, in: rect)
    }

    /// One product row: title and price; sold-out products muted, low ones in the warning colour.
    static func row(_ p: ProductSummary, last: Bool = false) -> ListRow {
        let price = p.priceMin == p.priceMax ? p.priceMin.formatted : "from " + p.priceMin.formatted
        if !p.inStock { return ListRow(p.title, detail: "sold out \(Glyph.middleDot) " + price, style: .muted, detailStyle: .muted) }
        return ListRow(last ? p.title + " \(Glyph.ellipsis)" : p.title, detail: price, detailStyle: .price)
    }

    /// How a sort order is named on screen.
    static func sortName(_ sort: ProductSort?) -> String {
        switch sort {
        case nil: "featured"
        case .relevance: "relevance"
        case .priceAscending: "price \(Glyph.up)"
        case .priceDescending: "price \(Glyph.down)"
        case .newest: "newest"
        case .rating: "rating"
        case .bestSelling: "best selling"
        }
    }
}
