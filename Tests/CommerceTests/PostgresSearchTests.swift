import Testing
@_spi(Storage) @testable import Commerce

/// Product search on PostgreSQL through `PostgresSearchDialect`, on the search contract's tables
/// (`PostgresSearchContractFixture`): the same listing code as SQLite, run through a `PostgresConnection`.
@Suite("Search on PostgreSQL: prefixes, accents, field ranking, hostile input, plans, did you mean")
struct PostgresSearchTests {
    @Test func theConnectionPicksTheDialect() throws {
        let f = try PostgresSearchContractFixture()
        #expect(f.db.dialect == .postgres)
        #expect(SearchDialects.of(f.db) is PostgresSearchDialect)
        #expect(SearchExpression("leather bo").textSearchQuery == "'leather' & 'bo':*")
        #expect(SearchExpression("red shoe ").textSearchQuery == "'red' & 'shoe'")
        #expect(SearchExpression("🙂 *").textSearchQuery == nil)
    }

    @Test func prefixesAndAccentsMatchAsOnSQLite() throws {
        let f = try PostgresSearchContractFixture()
        try f.product("torch", title: "Crème Brûlée Torch", vendor: "Kitchenry")
        try f.product("boots", title: "Leather Boots", description: "Hand-stitched soles")
        try f.product("straps", title: "Watch Straps", tags: ["Leather"])
        #expect(try f.handles("creme") == ["torch"])
        #expect(try f.handles("CRÈME brul") == ["torch"])
        #expect(try f.handles("brû") == ["torch"])
        #expect(try f.handles("kitch") == ["torch"])
        #expect(try Set(f.handles("leath")) == ["boots", "straps"])
        #expect(try f.handles("leathe ").isEmpty)           // a finished word is not a prefix
        #expect(try f.handles("stitched") == ["boots"])
        #expect(try f.handles("boots leather") == ["boots"])
        #expect(try f.handles("boots watch").isEmpty)       // words are ANDed
    }

    @Test func aTitleHitOutranksTagsVendorTypeAndDescriptionOnBothBackends() throws {
        // Every product has the same words but one, "oak", which stands in a different field of each.
        let places = ["description", "type", "vendor", "tags", "title"]
        func fields(oakIn field: String) -> (title: String, description: String, vendor: String, type: String, tags: [String]) {
            func word(_ name: String, _ base: String) -> String { field == name ? base + " Oak" : base }
            return (word("title", "Chair"), word("description", "Sturdy build"), word("vendor", "Maker"),
                    word("type", "Seat"), field == "tags" ? ["Wood", "Oak"] : ["Wood"])
        }
        let pg = try PostgresSearchContractFixture()
        let sqlite = try CatalogFixture()
        for field in places {   // inserted worst first, so newest-first ties cannot pass for ranking
            let p = fields(oakIn: field)
            try pg.product(field, title: p.title, description: p.description, vendor: p.vendor, type: p.type, tags: p.tags)
            try sqlite.product(field, title: p.title, description: p.description, vendor: p.vendor, type: p.type, tags: p.tags)
        }
        let onPostgres = try pg.handles("oak")
        let onSQLite = try sqlite.allPages(ProductQuery(limit: 50), search: "oak").flatMap { $0 }.map(\.handle)
        #expect(onSQLite == ["title", "tags", "vendor", "type", "description"])
        // Vendor and product type share weight C on PostgreSQL, so only their pair's place is fixed.
        #expect(onPostgres.count == 5)
        #expect(Array(onPostgres.prefix(2)) == ["title", "tags"])
        #expect(Set(onPostgres[2...3]) == ["vendor", "type"])
        #expect(onPostgres.last == "description")
        // Paging by the relevance cursor gives the same order one row at a time.
        #expect(try pg.handles("oak", limit: 1) == onPostgres)
    }

    @Test(arguments: [
        "it's \"quoted\"", "a & b | !c", ":* ( ) <-> \\ ' ''", "'; DROP TABLE products; --", "o'brien\u{0}s",
        "\u{0}", "\\", "!", "*", "&", "''", "🙂", "foo:*bar", "x:A", "a\\b", "rock&roll", "(oak|!walnut)",
        String(repeating: "oak ", count: 100), String(repeating: "é", count: 300),
    ])
    func hostileInputIsMatchedAsWordsNeverAnError(text: String) throws {
        let f = try PostgresSearchContractFixture()
        try f.product("rock", title: "Rock & Roll: O'Brien's (Live)", description: "a\\b foo bar")
        try f.product("oak", title: "Oak Drop Table", tags: ["x", "A"])
        for sort in [ProductSort.relevance, .newest, .priceAscending] {
            for plan in [MatchPlan.matchesFirst, .filtersFirst, .byMatchCount] {
                _ = try f.handles(text, sort: sort, plan: plan)
            }
        }
        #expect(try f.db.scalarInt("SELECT count(*) FROM products") == 2)
    }

    @Test func hostileWordsAreLiteralText() throws {
        let f = try PostgresSearchContractFixture()
        try f.product("rock", title: "Rock & Roll: O'Brien's (Live)", description: "a\\b foo bar")
        try f.product("oak", title: "Oak Drop Table", tags: ["x", "A"])
        #expect(try f.handles("rock&roll") == ["rock"])
        #expect(try f.handles("O'Brien's (live)") == ["rock"])
        #expect(try f.handles("a\\b") == ["rock"])
        #expect(try f.handles("'; DROP TABLE products; --") == [])   // "products" is in no product
        #expect(try f.handles("drop table") == ["oak"])
        #expect(try f.handles("(oak|!walnut)").isEmpty)               // oak AND walnut
        // Words from the index's own vocabulary (a did-you-mean correction) may hold punctuation: still
        // one quoted operand each, never tsquery syntax.
        let corrected = SearchExpression(words: ["o'brien's", "a\\b", "(live):*|!&<->", "roll"], prefixLast: true)
        let query = try #require(corrected.textSearchQuery)
        #expect(query == #"'o''brien''s' & 'a\\b' & '(live):*|!&<->' & 'roll':*"#)
        #expect(try f.db.scalarInt("SELECT count(*) FROM product_search WHERE document @@ to_tsquery('curio_search', ?)", query) == 1)
    }

    @Test func bothPlansGiveTheSamePagesAndTheCountPicksOne() throws {
        let f = try PostgresSearchContractFixture()
        try f.db.execute("""
            INSERT INTO products(handle, title, price_min, price_max, stock_total, units_sold, created_at, updated_at)
            SELECT 'oak-' || i, 'Oak Chair' || CASE WHEN i % 3 = 0 THEN ' Oak' ELSE '' END, 100 + i % 7, 100 + i % 7,
                   i % 2, i % 5, i, i
            FROM generate_series(1, ?) i
            """, MatchPlan.smallMatchCount + 200)
        for index in 0..<12 { try f.product("walnut-\(index)", title: "Walnut Bowl", price: Int64(100 + index % 4)) }
        let walnut = try #require(f.listing("walnut").match)
        let oak = try #require(f.listing("oak").match)
        #expect(try MatchPlan.byMatchCount.startsFromMatches(f.db, match: walnut))
        #expect(try !MatchPlan.byMatchCount.startsFromMatches(f.db, match: oak))
        for text in ["walnut", "oak", "cha", "bowl"] {
            for sort in [ProductSort.priceAscending, .priceDescending, .newest, .bestSelling] {
                let first = try f.handles(text, sort: sort, plan: .matchesFirst, limit: 97)
                #expect(first == (try f.handles(text, sort: sort, plan: .filtersFirst, limit: 97)), "\(text) \(sort)")
                #expect(first == (try f.handles(text, sort: sort, plan: .byMatchCount, limit: 97)), "\(text) \(sort)")
                #expect(Set(first).count == first.count)
            }
        }
        #expect(try f.handles("oak", sort: .newest, limit: 97).count == MatchPlan.smallMatchCount + 200)
        // Relevance over more than one window: every match once, the titles saying "Oak" twice first in each window.
        let ranked = try f.handles("oak", limit: 500)
        #expect(ranked.count == MatchPlan.smallMatchCount + 200 && Set(ranked).count == ranked.count)
    }

    @Test func aPreparedStatementsGenericPlanStillSearchesTheIndex() throws {
        let f = try PostgresSearchContractFixture()
        try f.db.execute("""
            INSERT INTO products(handle, title, created_at, updated_at)
            SELECT 'oak-' || i, 'Oak Chair', i, i FROM generate_series(1, 5000) i
            """)
        for index in 0..<5 { try f.product("walnut-\(index)", title: "Walnut Bowl") }
        // The plan a prepared statement falls back to after five runs, made for any value; a table
        // scan ruled out so that only the way the index can (or cannot) be used decides.
        try f.db.executeScript("ANALYZE; SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off")
        let search = SearchDialects.of(f.db)
        let relevance = "SELECT \(search.hitID), \(search.rank) FROM \(search.hits) WHERE \(search.hitCondition) "
            + "AND \(search.hitID) < ? ORDER BY \(search.hitID) DESC LIMIT 1000"
        for (name, sql) in [("relevance", relevance), ("count", search.boundedMatchCount)] {
            let text = try PostgresStatementText(sql)
            try f.db.executeScript("PREPARE \(name)(text, bigint) AS \(text.sql)")
            let plan = try f.db.all("EXPLAIN EXECUTE \(name)('''walnut'':*', 1000)") { $0.string(0) }.joined(separator: "\n")
            #expect(plan.contains("Bitmap Index Scan on product_search_document"), "\(plan)")
        }
    }

    @Test func didYouMeanUsesTheIndexVocabularyAndFollowsEditsWithoutReadingItAgain() throws {
        let f = try PostgresSearchContractFixture()
        try f.product("boots", title: "Leather Boots", vendor: "Cobbler")
        try f.product("belt", title: "Leather Belt", vendor: "Cobbler")
        try f.product("sweater", title: "Merino Sweater")
        try f.product("draft", title: "Secret Prototype", status: .draft)
        func suggestion(_ text: String) throws -> String? {
            try f.db.transaction(.deferred) {
                try f.listing(text).suggestion(for: SearchExpression(text), in: f.db, currency: f.currency)
            }
        }
        #expect(try suggestion("lether ") == "leather")
        #expect(try suggestion("merino swetr") == "merino sweater")
        #expect(try suggestion("secrat") == nil)      // only a draft has it
        #expect(try suggestion("lanturn") == nil)
        let reads = SearchVocabularyCache.shared.fullReads(for: f.db)
        #expect(reads == 1)
        try f.db.execute("UPDATE products SET title = 'Leather Lantern', description = 'Crème and brass' WHERE handle = 'belt'")
        #expect(try suggestion("lanturn") == "lantern")
        #expect(try suggestion("crme") == "creme")
        // Created, edited from another connection, deleted; and a change whose transaction took its log
        // id before a later one committed: all applied once, matching a whole read.
        try f.product("lamp", title: "Brass Lamp")
        let other = try f.connect()
        try other.execute("UPDATE products SET title = 'Storm Lamp', tags = 'Outdoor' WHERE handle = 'boots'")
        try f.db.execute("DELETE FROM products WHERE handle = 'lamp'")
        let late = try f.connect()
        try late.transaction(.deferred) {
            try late.execute("UPDATE products SET title = 'Merino Scarf' WHERE handle = 'sweater'")
            try other.execute("UPDATE products SET vendor = 'Tanner' WHERE handle = 'belt'")
            #expect(try suggestion("taner") == "tanner")
        }
        #expect(try suggestion("scraf") == "scarf")
        #expect(try suggestion("outdor") == "outdoor")
        let applied = try f.db.transaction(.deferred) { try SearchVocabularyCache.shared.vocabulary(for: f.db) }
        let whole = try f.db.transaction(.deferred) { try SearchVocabulary.load(f.db) }
        #expect(applied.documents == whole.documents)
        #expect(applied.documents["boots"] == nil && applied.documents["leather"] == 1 && applied.documents["sweater"] == nil)
        #expect(SearchVocabularyCache.shared.fullReads(for: f.db) == reads)
    }
}
