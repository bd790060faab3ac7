/// The product search index as one backend spells it: what `ProductListing` and the did-you-mean
/// vocabulary need, as fixed SQL fragments and queries. Every fragment that takes the search takes
/// it as one bound value (`matchValue`), never as SQL text. Pick one with `SearchDialects.of(_:)`.
///
/// Fragments name the index's rows `h` and products `p`. `hitCondition` and `rank` take the match
/// value as the statement's first value (a bare `?` or `?1`, which may repeat), so a statement that
/// uses them binds the match value first and writes no other `?` before `hitCondition`.
protocol SearchDialect: Sendable {
    /// The value bound for `expression` (an FTS5 expression or tsquery text); nil when it has no words.
    func matchValue(_ expression: SearchExpression) -> String?
    /// The index's rows `h` joined to their products `p`, for a query that starts from the matches;
    /// takes no value.
    var hits: String { get }
    /// The condition restricting `hits` to the matches.
    var hitCondition: String { get }
    /// Like `hits`, for a query sorted by something other than relevance that starts from a small match
    /// set: the matches are found before they are joined, so the planner cannot walk a sort index
    /// instead and test each product. May take the match value as `?1`; used with `hitCondition`.
    var matchesJoined: String { get }
    /// The product id of a hit, over `h`.
    var hitID: String { get }
    /// The relevance of a hit in `hits`, over `h`: lower is better (bm25's sign), a `Double`; may take
    /// the match value as `?1`.
    var rank: String { get }
    /// A condition over `p` keeping the matching products, taking the match value, for a query that
    /// walks products first and checks each against the matches.
    var productCondition: String { get }
    /// Counts matches up to a bound: takes the match value and the bound.
    var boundedMatchCount: String { get }

    /// A cheap value that changes whenever indexed text changes, from any connection; nil when the
    /// backend has none, so the change log is always consulted.
    func vocabularyStamp(_ db: any SQLConnection) throws -> [[UInt8]]?
    /// Every term of the index with how many products hold it (one scan of the index).
    func vocabulary(_ db: any SQLConnection) throws -> [(String, Int)]
    /// The distinct index terms of each `search_text_changes` row in `ids` (old text, new text).
    func changedTerms(_ db: any SQLConnection, ids: [Int64]) throws -> [(old: Set<String>, new: Set<String>)]

    /// Up to `limit` ways the index differs from the products it indexes, in words; empty when it matches.
    func indexProblems(_ db: any SQLConnection, limit: Int) throws -> [String]
    /// Rebuilds the index from the products table.
    func rebuildIndex(_ db: any SQLConnection) throws
}

/// The dialects, by connection.
enum SearchDialects {
    /// The search dialect of `db`'s backend.
    static func of(_ db: any SQLConnection) -> any SearchDialect {
        switch db.dialect {
        case .sqlite: return SQLiteSearchDialect()
        case .postgres: return PostgresSearchDialect()
        }
    }
}

/// SQLite: the FTS5 table `product_search` (content `products`, rowid = product id) and its
/// `fts5vocab` view, ranked by bm25 with per-column weights.
struct SQLiteSearchDialect: SearchDialect {
    /// bm25 column weights in the index's column order: title, description, vendor, tags, product_type.
    static let rankFunction = "bm25(product_search, 10.0, 1.0, 3.0, 4.0, 2.0)"

    func matchValue(_ expression: SearchExpression) -> String? { expression.matchExpression }
    // CROSS JOIN fixes the join order: SQLite drives the query by the index's (few) rowids.
    var hits: String { "product_search h CROSS JOIN products p ON p.id = h.rowid" }
    var hitCondition: String { "product_search MATCH ?" }
    // SQLite's CROSS JOIN in `hits` already fixes the order.
    var matchesJoined: String { hits }
    var hitID: String { "h.rowid" }
    var rank: String { Self.rankFunction }
    // The unary `+` keeps SQLite from driving the query by that (large) set of rowids.
    var productCondition: String { "+p.id IN (SELECT rowid FROM product_search WHERE product_search MATCH ?)" }
    var boundedMatchCount: String {
        "SELECT count(*) FROM (SELECT rowid FROM product_search WHERE product_search MATCH ? LIMIT ?)"
    }

    /// The index's averages and structure records (`product_search_data` rows 1 and 10), which FTS5
    /// rewrites on every change to indexed text; writes elsewhere (carts, orders, prices) leave them alone.
    func vocabularyStamp(_ db: any SQLConnection) throws -> [[UInt8]]? {
        try db.all("SELECT block FROM product_search_data WHERE id IN (1, 10) ORDER BY id") { $0.bytes(0) }
    }

    func vocabulary(_ db: any SQLConnection) throws -> [(String, Int)] {
        try db.all("SELECT term, doc FROM product_search_vocab") { ($0.string(0), $0.int(1)) }
    }

    /// FTS5's integrity check; with rank 1 it also compares the index against the products table.
    func indexProblems(_ db: any SQLConnection, limit: Int) throws -> [String] {
        do {
            try db.execute("INSERT INTO product_search(product_search, rank) VALUES ('integrity-check', 1)")
            return []
        } catch let error as DatabaseError {
            return [error.message]
        }
    }

    func rebuildIndex(_ db: any SQLConnection) throws {
        try db.execute("INSERT INTO product_search(product_search) VALUES ('rebuild')")
    }

    /// The words as the tokenizer (`unicode61 remove_diacritics 2`) cuts them: `TextFolding.words`.
    func changedTerms(_ db: any SQLConnection, ids: [Int64]) throws -> [(old: Set<String>, new: Set<String>)] {
        guard !ids.isEmpty else { return [] }
        let list = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return try db.all("SELECT old_text, new_text FROM search_text_changes WHERE id IN (\(list)) ORDER BY id", values: ids) { row in
            (old: Set(row.isNull(0) ? [] : TextFolding.words(row.string(0))),
             new: Set(row.isNull(1) ? [] : TextFolding.words(row.string(1))))
        }
    }
}

/// PostgreSQL: `product_search(product_id, document tsvector)` kept by triggers, the document built
/// with the `curio_search` configuration (the simple dictionary through unaccent, so "creme" finds
/// "Crème") and weighted title A, tags B, vendor and product_type C, description D, under a GIN index.
///
/// Ranking: `ts_rank` with weights `{D, C, B, A}` = `{0.1, 0.25, 0.4, 1.0}`, bm25's column weights
/// (title 10, tags 4, vendor 3, product_type 2, description 1) divided by 10, vendor and product_type
/// sharing C at their mean: the same order of fields (a title hit outranks a tag hit, which outranks
/// a vendor or type hit, which outranks a description hit). Normalization 1 divides by 1 + log of the
/// document's length, as bm25 damps long documents. Negated, so lower is better as with bm25.
struct PostgresSearchDialect: SearchDialect {
    /// The text search configuration the schema indexes with.
    static let configuration = "curio_search"
    /// The rank of a hit over `h.document` and the query, value 1.
    static let rankFunction =
        "-ts_rank('{0.1, 0.25, 0.4, 1.0}', h.document, to_tsquery('\(configuration)', ?1), 1)::double precision"

    func matchValue(_ expression: SearchExpression) -> String? { expression.textSearchQuery }
    // The query is written where it is used, as value 1 each time: a prepared statement's generic plan
    // then still searches the GIN index by it (a query joined in as a row is only a join filter).
    var hits: String { "product_search h JOIN products p ON p.id = h.product_id" }
    var hitCondition: String { "h.document @@ to_tsquery('\(Self.configuration)', ?1)" }
    // OFFSET 0 keeps the planner from flattening the subquery: without it, a search in a category
    // sorted by price walked the price index over every product (430 ms at 100k; 20 ms with it).
    var matchesJoined: String {
        """
        (SELECT product_id, document FROM product_search WHERE document @@ to_tsquery('\(Self.configuration)', ?1) OFFSET 0) h
        JOIN products p ON p.id = h.product_id
        """
    }
    var hitID: String { "h.product_id" }
    var rank: String { Self.rankFunction }
    var productCondition: String {
        "p.id IN (SELECT s.product_id FROM product_search s WHERE s.document @@ to_tsquery('\(Self.configuration)', ?))"
    }
    var boundedMatchCount: String {
        "SELECT count(*) FROM (SELECT 1 FROM product_search WHERE document @@ to_tsquery('\(Self.configuration)', ?) LIMIT ?) m"
    }

    /// None: a change log row's id is taken before its transaction commits, so commits can arrive out
    /// of id order and no aggregate of the log is a safe stamp; the cache lists the log's ids instead.
    func vocabularyStamp(_ db: any SQLConnection) throws -> [[UInt8]]? { nil }

    /// `ts_stat` over the documents: each lexeme with the number of documents holding it.
    func vocabulary(_ db: any SQLConnection) throws -> [(String, Int)] {
        try db.all("SELECT word, ndoc FROM ts_stat('SELECT document FROM product_search')") { ($0.string(0), $0.int(1)) }
    }

    /// Products without a document, or whose document is not what their text gives now.
    func indexProblems(_ db: any SQLConnection, limit: Int) throws -> [String] {
        try db.all("""
            SELECT 'product ' || p.handle || CASE WHEN s.product_id IS NULL THEN ' is missing from the search index'
                                                 ELSE ' has out-of-date text in the search index' END
            FROM products p LEFT JOIN product_search s ON s.product_id = p.id
            WHERE s.product_id IS NULL OR s.document <> \(Self.document("p"))
            ORDER BY p.id LIMIT ?
            """, max(0, limit)) { $0.string(0) }
    }

    func rebuildIndex(_ db: any SQLConnection) throws {
        try db.execute("""
            INSERT INTO product_search(product_id, document) SELECT p.id, \(Self.document("p")) FROM products p
            ON CONFLICT (product_id) DO UPDATE SET document = excluded.document
            """)
    }

    /// The document the schema's triggers index for the product row `alias`.
    private static func document(_ alias: String) -> String {
        "curio_search_document(\(alias).title, \(alias).tags, \(alias).vendor, \(alias).product_type, \(alias).description)"
    }

    /// The lexemes the configuration makes of each text, as the document holds them (the log's text is
    /// the five fields joined by spaces, so its lexemes are the document's).
    func changedTerms(_ db: any SQLConnection, ids: [Int64]) throws -> [(old: Set<String>, new: Set<String>)] {
        guard !ids.isEmpty else { return [] }
        var changes: [Int64: (old: Set<String>, new: Set<String>)] = [:]
        for id in ids { changes[id] = ([], []) }
        let list = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try db.forEach("""
            SELECT c.id, 0, w.lexeme FROM search_text_changes c
              CROSS JOIN LATERAL unnest(to_tsvector('\(Self.configuration)', coalesce(c.old_text, ''))) w
             WHERE c.id IN (\(list))
            UNION ALL
            SELECT c.id, 1, w.lexeme FROM search_text_changes c
              CROSS JOIN LATERAL unnest(to_tsvector('\(Self.configuration)', coalesce(c.new_text, ''))) w
             WHERE c.id IN (\(list))
            """, values: ids + ids) { row in
            let id = row.int64(0)
            if row.int(1) == 0 { changes[id]?.old.insert(row.string(2)) } else { changes[id]?.new.insert(row.string(2)) }
        }
        return ids.compactMap { changes[$0] }
    }
}
