/// The read side of the catalog: category tree, product lists, product detail and search.
/// A cheap view over a `Store`; every call takes the `Caller`, and shoppers see only active products.
public struct Catalog {
    let store: Store
    var db: any SQLConnection { store.db }

    /// One page of products matching `query`, in its order (newest first by default).
    public func products(_ query: ProductQuery = ProductQuery(), caller: Caller) throws(CommerceError) -> ProductPage {
        let sort = query.sort ?? .newest
        guard sort != .relevance else {
            throw .invalid(field: "sort", reason: "relevance needs a search query; use search(_:query:caller:)")
        }
        let listing = try listing(for: query, sort: sort, match: nil, caller: caller)
        return try store.read { try listing.fetch(db, currency: store.currency) }
    }

    /// The product with this handle; `.notFound` when there is none the caller may see.
    public func product(handle: String, caller: Caller) throws(CommerceError) -> ProductDetail {
        try detail(where: "p.handle = ?", handle, caller: caller, name: "handle '\(handle)'")
    }

    /// The product with this id; `.notFound` when there is none the caller may see.
    public func product(id: ProductID, caller: Caller) throws(CommerceError) -> ProductDetail {
        try detail(where: "p.id = ?", id, caller: caller, name: "id \(id)")
    }

    /// Checks a query and turns it into the statement that answers it.
    func listing(for query: ProductQuery, sort: ProductSort, match: String?,
                 caller: Caller) throws(CommerceError) -> ProductListing {
        let filter = query.filter
        guard (1...ProductQuery.maximumLimit).contains(query.limit) else {
            throw .invalid(field: "limit", reason: "must be between 1 and \(ProductQuery.maximumLimit)")
        }
        if let low = filter.minPrice, low < 0 {
            throw .invalid(field: "minPrice", reason: "must not be negative")
        }
        if let high = filter.maxPrice, high < (filter.minPrice ?? 0) {
            throw .invalid(field: "maxPrice", reason: "must not be below the minimum price")
        }
        if filter.includeUnpublished { try caller.require(.staff, to: "see products hidden from the shop") }
        if let cursor = query.after, cursor.sort != sort {
            throw .invalid(field: "cursor", reason: "it belongs to a list in another order")
        }
        return ProductListing(filter: filter, statuses: try visibleStatuses(filter.statuses, caller: caller),
                              sort: sort, limit: query.limit, after: query.after, match: match)
    }

    /// The statuses to show, refusing drafts and archived products to shoppers.
    func visibleStatuses(_ requested: Set<ProductStatus>, caller: Caller) throws(CommerceError) -> [ProductStatus] {
        guard !requested.isEmpty else {
            throw .invalid(field: "statuses", reason: "choose at least one status")
        }
        if requested != [.active] {
            try caller.require(.staff, to: "see draft or archived products")
        }
        return ProductStatus.allCases.filter(requested.contains)
    }

    /// The product-level columns of a detail, before its variants, images and tags are read.
    private struct DetailHead {
        let summary: ProductSummary
        let description: String
        let html: String
        let productType: String
        let optionNames: [String]
        let category: CategoryID?
        let updatedAt: Int64
        let published: Bool
    }

    private func detail(where condition: String, _ key: SQLBindable, caller: Caller,
                        name: String) throws(CommerceError) -> ProductDetail {
        let currency = store.currency
        let found = try store.read { () throws -> ProductDetail? in
            let head = try db.first("""
                SELECT \(ProductSummaryRow.columns), p.description, p.description_html, p.product_type,
                       p.option1_name, p.option2_name, p.option3_name, p.category_id, p.updated_at, p.published
                FROM products p LEFT JOIN categories c ON c.id = p.category_id
                WHERE \(condition)
                """, values: [key]) { (row: Row) -> DetailHead in
                let base = ProductSummaryRow.count
                let options: [String] = (base + 3...base + 5).compactMap { row.optionalString($0) }.filter { !$0.isEmpty }
                return DetailHead(summary: ProductSummaryRow.map(row, currency: currency),
                                  description: row.string(base), html: row.string(base + 1),
                                  productType: row.string(base + 2), optionNames: options,
                                  category: row.optionalInt64(base + 6).map { CategoryID($0) },
                                  updatedAt: row.int64(base + 7), published: row.bool(base + 8))
            }
            // Shoppers see active products the shop shows; staff see every product.
            guard let head, (head.summary.status == .active && head.published) || caller.isStaff else { return nil }
            return try assemble(head, includeArchived: caller.isStaff, currency: currency)
        }
        guard let found else { throw .notFound("no product with \(name)") }
        return found
    }

    private func assemble(_ head: DetailHead, includeArchived: Bool, currency: Currency) throws -> ProductDetail {
        let id = head.summary.id
        let tags = try db.all("SELECT tag FROM product_tags WHERE product_id = ? ORDER BY tag", id) { $0.string(0) }
        let images = try db.all("SELECT url, alt, position FROM product_images WHERE product_id = ? ORDER BY position, id", id) {
            ProductImage(url: $0.string(0), alt: $0.string(1), position: $0.int(2))
        }
        return ProductDetail(
            summary: head.summary, description: head.description, descriptionHTML: head.html,
            productType: head.productType, tags: tags, optionNames: head.optionNames,
            variants: try variants(of: id, includeArchived: includeArchived, currency: currency),
            images: images, categoryPath: try head.category.map { try categoryPath($0) } ?? [],
            updatedAt: head.updatedAt)
    }

    private func variants(of product: ProductID, includeArchived: Bool, currency: Currency) throws -> [VariantDetail] {
        try db.all("""
            SELECT id, sku, option1, option2, option3, price, compare_at_price, stock, low_stock_threshold, grams, archived, barcode
            FROM variants WHERE product_id = ? AND (archived = 0 OR ? = 1)
            ORDER BY position, id
            """, product, includeArchived) { row in
            let price = row.int64(5)
            return VariantDetail(
                id: VariantID(row.int64(0)), sku: row.optionalString(1),
                options: (2...4).compactMap { row.optionalString($0) }.filter { !$0.isEmpty },
                price: Money(minorUnits: price, currency: currency),
                compareAt: row.optionalInt64(6).flatMap { $0 > price ? Money(minorUnits: $0, currency: currency) : nil },
                stock: row.int(7), lowStockThreshold: row.int(8), grams: row.int(9), barcode: row.optionalString(11),
                archived: row.bool(10))
        }
    }
}

extension Store {
    /// The catalog of this store: categories, product lists and detail, search.
    public var catalog: Catalog { Catalog(store: self) }
}
