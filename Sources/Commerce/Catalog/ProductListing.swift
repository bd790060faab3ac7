/// Builds and runs the SQL behind product lists and searches: filters, order and a keyset
/// condition, all values bound. Only fixed fragments chosen by code go into the SQL text; what the
/// search index looks like on each backend comes from the connection's `SearchDialect`.
struct ProductListing {
    /// Relevance ranks matches in windows of this many products, newest first (see `fetchByRelevance`).
    static let relevanceWindow = 1000

    let filter: ProductFilter
    let statuses: [ProductStatus]
    let sort: ProductSort
    let limit: Int
    let after: ProductCursor?
    /// The search restricting the list to its matches, as the connection's dialect binds it
    /// (`SearchDialect.matchValue`: a safe FTS5 expression or tsquery text).
    let match: String?
    /// How a search sorted by something other than relevance is run; both plans give the same pages.
    var plan: MatchPlan = .byMatchCount

    /// Runs the query and returns the page with the cursor of its last row.
    func fetch(_ db: any SQLConnection, currency: Currency) throws -> ProductPage {
        let search = SearchDialects.of(db)
        if sort == .relevance, let match { return try fetchByRelevance(db, search, match: match, currency: currency) }
        let matchesFirst = try match.map { try plan.startsFromMatches(db, match: $0) } ?? false
        // Matches first: the index's few hits joined to products, then filtered and sorted. Filters
        // first: an order or filter index walked with the match set as a check.
        let (conditions, conditionValues) = self.conditions(searching: matchesFirst ? nil : match, search)
        let from = matchesFirst ? search.matchesJoined : "products p"
        let matchCondition = matchesFirst ? [search.hitCondition] : []
        let matchValue: [SQLBindable?] = matchesFirst ? [match] : []
        let keys = sort.keyExpressions + ["p.id"]
        var where_ = matchCondition + conditions
        var values = matchValue + conditionValues
        if let after {
            where_.append("(\(keys.joined(separator: ", "))) \(sort.isDescending ? "<" : ">") (\(placeholders(keys.count)))")
            values += after.keys.map { $0 as SQLBindable? } + [after.id]
        }
        // One row more than asked tells whether another page follows.
        values.append(limit + 1)
        let sql = """
            SELECT \(ProductSummaryRow.columns), \(keys.joined(separator: ", "))
            FROM \(from) LEFT JOIN categories c ON c.id = p.category_id
            WHERE \(where_.joined(separator: "\n  AND "))
            ORDER BY \(keys.map { $0 + (sort.isDescending ? " DESC" : "") }.joined(separator: ", "))
            LIMIT ?
            """
        let keyCount = sort.keyExpressions.count
        var rows: [(ProductSummary, [SQLValue])] = []
        try db.forEach(sql, values: values) { row in
            let keys = (0..<keyCount).map { row.value(ProductSummaryRow.count + $0) }
            rows.append((ProductSummaryRow.map(row, currency: currency), keys))
        }
        let shown = Array(rows.prefix(limit))
        let cursor = rows.count > limit ? shown.last.map { ProductCursor(sort: sort, keys: $0.1, id: $0.0.id.rawValue) } : nil
        return ProductPage(products: shown.map(\.0), nextCursor: cursor)
    }

    /// Relevance order, bounded so a query matching most of a large catalog stays fast: matches
    /// (after filters) are taken newest first in windows of `relevanceWindow`, and each window is
    /// ordered by the dialect's rank (bm25 on SQLite), then id. A query with fewer matches than a
    /// window is ranked exactly. The cursor carries the window's upper id bound and the last score.
    private func fetchByRelevance(_ db: any SQLConnection, _ search: any SearchDialect, match: String,
                                  currency: Currency) throws -> ProductPage {
        let (conditions, conditionValues) = self.conditions(searching: nil, search)
        let sql = """
            SELECT \(search.hitID), \(search.rank)
            FROM \(search.hits)
            WHERE \(search.hitCondition) AND \(search.hitID) < ?
              AND \(conditions.joined(separator: "\n  AND "))
            ORDER BY \(search.hitID) DESC
            LIMIT ?
            """
        var upper = Int64.max
        var floor: (score: Double, id: Int64)?
        if let after, case .integer(let bound) = after.keys[0], case .real(let score) = after.keys[1] {
            upper = bound
            floor = (score, after.id)
        }
        var picked: [(id: Int64, upper: Int64, score: Double)] = []
        while picked.count <= limit {
            let window = try db.all(sql, values: [match, upper] + conditionValues + [Self.relevanceWindow]) {
                (score: $0.double(1), id: $0.int64(0))
            }
            let ranked = window.sorted { $0 < $1 }.filter { candidate in floor.map { candidate > $0 } ?? true }
            picked += ranked.prefix(limit + 1 - picked.count).map { (id: $0.id, upper: upper, score: $0.score) }
            guard window.count == Self.relevanceWindow, let lowest = window.last?.id else { break }
            upper = lowest
            floor = nil
        }
        let shown = Array(picked.prefix(limit))
        let summaries = try self.summaries(db, ids: shown.map(\.id), currency: currency)
        let cursor = picked.count > limit ? shown.last.map {
            ProductCursor(sort: .relevance, keys: [.integer($0.upper), .real($0.score)], id: $0.id)
        } : nil
        return ProductPage(products: shown.compactMap { summaries[$0.id] }, nextCursor: cursor)
    }

    /// The summaries of `ids`, by id.
    private func summaries(_ db: any SQLConnection, ids: [Int64], currency: Currency) throws -> [Int64: ProductSummary] {
        guard !ids.isEmpty else { return [:] }
        var found: [Int64: ProductSummary] = [:]
        try db.forEach("""
            SELECT \(ProductSummaryRow.columns)
            FROM products p LEFT JOIN categories c ON c.id = p.category_id
            WHERE p.id IN (\(placeholders(ids.count)))
            """, values: ids) { row in
            let summary = ProductSummaryRow.map(row, currency: currency)
            found[summary.id.rawValue] = summary
        }
        return found
    }

    /// The WHERE conditions over `p` for the filter and statuses, with their values in order.
    private func conditions(searching match: String?, _ search: any SearchDialect) -> ([String], [SQLBindable?]) {
        var conditions: [String] = []
        var values: [SQLBindable?] = []
        if let match {
            conditions.append(search.productCondition)
            values.append(match)
        }
        conditions.append("p.status IN (\(placeholders(statuses.count)))")
        values += statuses.map(\.rawValue)
        if !filter.includeUnpublished { conditions.append("p.published = 1") }
        if let category = filter.category {
            conditions.append("""
                p.category_id IN (WITH RECURSIVE below(id) AS (SELECT CAST(? AS BIGINT) UNION SELECT k.id FROM categories k JOIN below ON k.parent_id = below.id) SELECT id FROM below)
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
            // ASCII case folding on SQLite, as NOCASE did; Unicode on PostgreSQL.
            conditions.append("lower(p.vendor) = lower(?)")
            values.append(vendor)
        }
        for tag in filter.tags {
            conditions.append("EXISTS (SELECT 1 FROM product_tags t WHERE t.product_id = p.id AND t.tag = ?)")
            values.append(tag)
        }
        return (conditions, values)
    }

    private func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}

/// Which side a filtered, sorted search starts from. Counting the matches, bounded, is cheap; a
/// small match set is fastest joined to products and sorted, a large one fastest as a check while
/// an index is walked in order (the walk stops after one page).
enum MatchPlan: Sendable {
    /// Matches first when the index holds at most `smallMatchCount` of them, else filters first.
    case byMatchCount
    /// Always matches first (tests compare the plans).
    case matchesFirst
    /// Always filters first (tests compare the plans).
    case filtersFirst

    /// At most this many matches is a small match set.
    static let smallMatchCount = 1000

    /// True when the query should start from the search index's matches.
    func startsFromMatches(_ db: any SQLConnection, match: String) throws -> Bool {
        switch self {
        case .matchesFirst: return true
        case .filtersFirst: return false
        case .byMatchCount:
            let counted = try db.all(SearchDialects.of(db).boundedMatchCount,
                                     values: [match, Self.smallMatchCount + 1]) { $0.int(0) }
            return (counted.first ?? 0) <= Self.smallMatchCount
        }
    }
}
