/// Builds and runs the one SQL statement behind product lists and searches: filters, order and a
/// keyset condition, all values bound. Only fixed fragments chosen by code go into the SQL text.
struct ProductListing {
    /// bm25 column weights in the index's column order: title, description, vendor, tags, product_type.
    static let rankFunction = "bm25(product_search, 10.0, 1.0, 3.0, 4.0, 2.0)"

    let filter: ProductFilter
    let statuses: [ProductStatus]
    let sort: ProductSort
    let limit: Int
    let after: ProductCursor?
    /// A safe FTS5 expression (from `SearchExpression`) restricting the list to its matches.
    let match: String?

    /// The statement and its values, in the order their placeholders appear.
    func statement() -> (sql: String, values: [SQLBindable?]) {
        var values: [SQLBindable?] = []
        var sql = ""
        var from = "products p"
        if let match {
            // Materialized so the index is searched once, then joined to products by primary key.
            sql += "WITH hits(id, score) AS MATERIALIZED (SELECT rowid, \(Self.rankFunction) FROM product_search WHERE product_search MATCH ?)\n"
            values.append(match)
            from = "hits h JOIN products p ON p.id = h.id"
        }
        let keys = sort.keyExpressions + ["p.id"]
        sql += "SELECT \(ProductSummaryRow.columns), \(keys.joined(separator: ", "))\n"
        sql += "FROM \(from) LEFT JOIN categories c ON c.id = p.category_id\n"
        var conditions = ["p.status IN (\(placeholders(statuses.count)))"]
        values += statuses.map(\.rawValue)
        if let category = filter.category {
            conditions.append("""
                p.category_id IN (WITH RECURSIVE below(id) AS (SELECT ? UNION SELECT k.id FROM categories k JOIN below ON k.parent_id = below.id) SELECT id FROM below)
                """)
            values.append(category)
        }
        var priceBounds: [String] = []
        if let low = filter.minPrice {
            priceBounds.append("v.price >= ?")
            values.append(low)
        }
        if let high = filter.maxPrice {
            priceBounds.append("v.price <= ?")
            values.append(high)
        }
        if !priceBounds.isEmpty {
            conditions.append("EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.archived = 0 AND "
                              + priceBounds.joined(separator: " AND ") + ")")
        }
        if filter.inStockOnly { conditions.append("p.stock_total > 0") }
        if let vendor = filter.vendor {
            conditions.append("p.vendor = ? COLLATE NOCASE")
            values.append(vendor)
        }
        for tag in filter.tags {
            conditions.append("EXISTS (SELECT 1 FROM product_tags t WHERE t.product_id = p.id AND t.tag = ?)")
            values.append(tag)
        }
        if let after {
            conditions.append("(\(keys.joined(separator: ", "))) \(sort.isDescending ? "<" : ">") (\(placeholders(keys.count)))")
            values += after.keys.map { $0 as SQLBindable? } + [after.id]
        }
        sql += "WHERE " + conditions.joined(separator: "\n  AND ") + "\n"
        sql += "ORDER BY " + keys.map { $0 + (sort.isDescending ? " DESC" : "") }.joined(separator: ", ") + "\n"
        sql += "LIMIT ?"
        // One row more than asked tells whether another page follows.
        values.append(limit + 1)
        return (sql, values)
    }

    /// Runs the statement and returns the page with the cursor of its last row.
    func fetch(_ db: Database, currency: Currency) throws -> ProductPage {
        let (sql, values) = statement()
        let keyCount = sort.keyExpressions.count
        var rows: [(ProductSummary, [SQLValue])] = []
        try db.forEach(sql, values: values) { row in
            let keys = (0..<keyCount).map { row.value(ProductSummaryRow.count + $0) }
            rows.append((ProductSummaryRow.map(row, currency: currency), keys))
        }
        let more = rows.count > limit
        let shown = Array(rows.prefix(limit))
        let cursor = more ? shown.last.map { ProductCursor(sort: sort, keys: $0.1, id: $0.0.id.rawValue) } : nil
        return ProductPage(products: shown.map(\.0), nextCursor: cursor)
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
