/// How a product list is ordered. Ties are always broken by product id, so every order is total
/// and keyset pagination never skips or repeats a row.
public enum ProductSort: String, Sendable, CaseIterable, Codable {
    /// Best search match first (bm25); only for searches.
    case relevance
    /// Cheapest first (by the lowest variant price).
    case priceAscending = "price"
    /// Dearest first (by the lowest variant price).
    case priceDescending = "price-desc"
    /// Most recently created first.
    case newest
    /// Highest average rating first, then most reviews.
    case rating
    /// Most units sold first.
    case bestSelling = "best-selling"
}

/// Which products a list or search includes. Every condition given must hold.
public struct ProductFilter: Sendable, Hashable {
    /// Only products in this category or any category below it.
    public var category: CategoryID?
    /// Only products with a live variant priced at least this much (minor units).
    public var minPrice: Int64?
    /// Only products with a live variant priced at most this much (minor units).
    public var maxPrice: Int64?
    /// Only products with at least one unit in stock.
    public var inStockOnly: Bool
    /// Only products from this vendor (case-insensitive).
    public var vendor: String?
    /// Only products carrying every one of these tags (case-insensitive).
    public var tags: [String]
    /// Which statuses to include; anything but `[.active]` is for staff only.
    public var statuses: Set<ProductStatus>
    /// Include products hidden from the shop (Shopify's Published = false); staff only. The shop never does.
    public var includeUnpublished: Bool

    /// A filter; with no arguments it matches every active product shown in the shop.
    public init(category: CategoryID? = nil, minPrice: Int64? = nil, maxPrice: Int64? = nil,
                inStockOnly: Bool = false, vendor: String? = nil, tags: [String] = [],
                statuses: Set<ProductStatus> = [.active], includeUnpublished: Bool = false) {
        self.includeUnpublished = includeUnpublished
        self.category = category
        self.minPrice = minPrice
        self.maxPrice = maxPrice
        self.inStockOnly = inStockOnly
        self.vendor = vendor
        self.tags = tags
        self.statuses = statuses
    }
}

/// A request for one page of products: filter, order, page size and where the page starts.
public struct ProductQuery: Sendable, Hashable {
    /// The largest page a caller may ask for.
    public static let maximumLimit = 200

    /// Which products to include.
    public var filter: ProductFilter
    /// The order; nil means relevance for a search and newest for a plain list.
    public var sort: ProductSort?
    /// How many products per page (1...`maximumLimit`).
    public var limit: Int
    /// The `nextCursor` of the previous page, or nil for the first page.
    public var after: ProductCursor?

    /// A query; with no arguments, the first 24 active products in the default order.
    public init(filter: ProductFilter = ProductFilter(), sort: ProductSort? = nil, limit: Int = 24,
                after: ProductCursor? = nil) {
        self.filter = filter
        self.sort = sort
        self.limit = limit
        self.after = after
    }
}

extension ProductSort {
    /// The SQL expressions this order sorts by, before the final tie-break on `p.id`.
    /// Fixed fragments over `p` (products); never built from input. Relevance is ordered in Swift.
    var keyExpressions: [String] {
        switch self {
        case .relevance: return []
        case .priceAscending, .priceDescending: return ["p.price_min"]
        case .newest: return ["p.created_at"]
        // The average as an exact integer (millionths of a star), so a cursor can carry it exactly.
        case .rating: return ["CASE WHEN p.rating_count > 0 THEN (p.rating_sum * 1000000) / p.rating_count ELSE 0 END",
                              "p.rating_count"]
        case .bestSelling: return ["p.units_sold"]
        }
    }

    /// How many sort keys a cursor of this order carries before the id.
    var cursorKeyCount: Int { self == .relevance ? 2 : keyExpressions.count }

    /// True when every key, the id included, sorts from high to low.
    var isDescending: Bool {
        switch self {
        case .relevance, .priceAscending: return false
        case .priceDescending, .newest, .rating, .bestSelling: return true
        }
    }
}
