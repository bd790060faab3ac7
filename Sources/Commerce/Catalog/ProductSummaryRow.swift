/// The columns every product list, search and detail selects, and how a row becomes a `ProductSummary`.
enum ProductSummaryRow {
    /// Columns over `p` (products) and `c` (its category, left-joined). Keep in step with `map`.
    static let columns = """
        p.id, p.handle, p.title, p.vendor, p.status, p.price_min, p.price_max,
        (SELECT max(v.compare_at_price) FROM variants v
          WHERE v.product_id = p.id AND v.archived = 0 AND v.compare_at_price > v.price),
        p.stock_total, p.rating_sum, p.rating_count, p.units_sold, c.name, p.created_at
        """
    /// How many columns `columns` selects; sort keys follow them.
    static let count = 14

    /// The summary in row `row`, amounts in `currency`.
    static func map(_ row: Row, currency: Currency) -> ProductSummary {
        ProductSummary(
            id: ProductID(row.int64(0)),
            handle: row.string(1),
            title: row.string(2),
            vendor: row.string(3),
            status: ProductStatus(rawValue: row.string(4)) ?? .draft,
            priceMin: Money(minorUnits: row.int64(5), currency: currency),
            priceMax: Money(minorUnits: row.int64(6), currency: currency),
            compareAt: row.optionalInt64(7).map { Money(minorUnits: $0, currency: currency) },
            stockTotal: row.int(8),
            rating: Rating(sum: row.int(9), count: row.int(10)),
            unitsSold: row.int(11),
            categoryName: row.optionalString(12),
            createdAt: row.int64(13))
    }
}
