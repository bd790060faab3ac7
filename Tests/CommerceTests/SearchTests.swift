import Testing
@_spi(Storage) @testable import Commerce

@Suite("Search: ranking, prefixes, diacritics, hostile input, filters")
struct SearchTests {
    private func handles(_ f: CatalogFixture, _ text: String, _ query: ProductQuery = ProductQuery(),
                         caller: Caller = CatalogFixture.customer) throws -> [String] {
        try f.catalog.search(text, query: query, caller: caller).page.products.map(\.handle)
    }

    @Test func titleMatchRanksAboveDescriptionTagAndVendorMatches() throws {
        let f = try CatalogFixture()
        try f.product("in-description", title: "Everyday Tote",
                      description: "A roomy tote that goes with any canvas sneaker and more words to dilute it")
        try f.product("in-vendor", title: "Field Jacket", vendor: "Canvas Works")
        try f.product("in-title", title: "Canvas Sneaker")
        try f.product("in-tags", title: "Deck Shoe", tags: ["canvas"])
        try f.product("unrelated", title: "Wool Scarf")
        let found = try handles(f, "canvas")
        #expect(found.first == "in-title")
        #expect(Set(found) == ["in-title", "in-tags", "in-vendor", "in-description"])
        #expect(found.last == "in-description")
        #expect(found.firstIndex(of: "in-tags")! < found.firstIndex(of: "in-vendor")!)
    }

    @Test func lastWordMatchesAsPrefixForSearchAsYouType() throws {
        let f = try CatalogFixture()
        try f.product("boots", title: "Leather Boots")
        try f.product("belt", title: "Leather Belt")
        try f.product("bag", title: "Canvas Bag")
        #expect(Set(try handles(f, "lea")) == ["boots", "belt"])
        #expect(try handles(f, "leather bo") == ["boots"])
        #expect(try handles(f, "leather b").count == 2)
        #expect(try handles(f, "bo leather").isEmpty)       // only the last word is a prefix
        #expect(try handles(f, "leath ").isEmpty)           // a finished word is matched whole
        let expression = SearchExpression("leather bo")
        #expect(expression.matchExpression == #""leather" "bo"*"#)
    }

    @Test func diacriticsAndCaseAreFoldedBothWays() throws {
        let f = try CatalogFixture()
        try f.product("creme", title: "Crème Brûlée Candle")
        try f.product("cafe", title: "Cafe Mug", description: "For the CAFÉ crowd")
        #expect(try handles(f, "creme") == ["creme"])
        #expect(try handles(f, "CRÈME brulee") == ["creme"])
        #expect(try handles(f, "Cre\u{300}me") == ["creme"])   // decomposed input
        #expect(try handles(f, "café") == ["cafe"])
        #expect(TextFolding.fold("Crème BRÛLÉE") == "creme brulee")
    }

    @Test(arguments: ["\"", "(", ")", "AND", "OR", "NOT", "NEAR(", "NEAR(a b, 2)", "*", "-x", "a:b", "title:lamp",
                      "^lamp", "🙂", "'; DROP TABLE products;--", "\"lamp", "lamp\"", "lamp AND", "a OR b NOT c",
                      "{title}: x", "\u{0}", "\\", "%", "_", "''", "lamp*", "+lamp", "   ", ""])
    func hostileQueriesNeverThrow(text: String) throws {
        let f = try CatalogFixture()
        try f.product("lamp", title: "Desk Lamp", description: "and or not near a b c x title")
        try f.product("drop", title: "Drop Table Products Lamp")
        let results = try f.catalog.search(text, caller: CatalogFixture.customer)
        #expect(results.page.products.count <= 2)
        #expect(try f.db.scalarInt("SELECT count(*) FROM products") == 2)
    }

    @Test func hostileQueriesGiveSensibleResults() throws {
        let f = try CatalogFixture()
        try f.product("lamp", title: "Desk Lamp")
        try f.product("near", title: "Near Field Speaker")
        try f.product("and", title: "Salt And Pepper")
        try f.product("drop", title: "Drop Table Products Lamp")
        #expect(try handles(f, "\"lamp").count == 2)
        #expect(try handles(f, "NEAR(").first == "near")
        #expect(try handles(f, "AND") == ["and"])
        #expect(try handles(f, "-lamp").count == 2)         // "-" is not a NOT operator
        #expect(try handles(f, "title:lamp").isEmpty)       // "title" is a word here, not a column filter
        #expect(try handles(f, "desk:lamp") == ["lamp"])
        #expect(try handles(f, "'; DROP TABLE products;--") == ["drop"])
        for empty in ["🙂", "*", "\"", "(", "-", "   ", ""] {
            let results = try f.catalog.search(empty, caller: CatalogFixture.customer)
            #expect(results.page.products.isEmpty)
            #expect(results.suggestion == nil)
            #expect(results.expression.isEmpty)
        }
    }

    @Test func onlyActiveProductsForCustomersAndStaffCanSearchDrafts() throws {
        let f = try CatalogFixture()
        try f.product("live", title: "Oak Table")
        try f.product("draft", title: "Oak Chair", status: .draft)
        #expect(try handles(f, "oak") == ["live"])
        let all = ProductQuery(filter: ProductFilter(statuses: [.active, .draft]))
        #expect(Set(try handles(f, "oak", all, caller: CatalogFixture.staff)) == ["live", "draft"])
        #expect(throws: CommerceError.self) { try handles(f, "oak", all) }
    }

    @Test func searchCombinesWithFiltersAndSorts() throws {
        let f = try CatalogFixture()
        let kitchen = try f.category("kitchen", "Kitchen")
        try f.product("mug-a", title: "Stoneware Mug", category: kitchen, variants: [.init(price: 1800)])
        try f.product("mug-b", title: "Enamel Mug", category: kitchen, variants: [.init(price: 1200, stock: 0)])
        try f.product("mug-c", title: "Travel Mug", vendor: "Roamer", variants: [.init(price: 2500)])
        try f.product("plate", title: "Stoneware Plate", category: kitchen, variants: [.init(price: 900)])
        #expect(try handles(f, "mug", ProductQuery(sort: .priceAscending)) == ["mug-b", "mug-a", "mug-c"])
        #expect(try handles(f, "mug", ProductQuery(sort: .priceDescending)) == ["mug-c", "mug-a", "mug-b"])
        #expect(Set(try handles(f, "mug", ProductQuery(filter: ProductFilter(category: kitchen)))) == ["mug-a", "mug-b"])
        #expect(try handles(f, "mug", ProductQuery(filter: ProductFilter(category: kitchen, inStockOnly: true))) == ["mug-a"])
        #expect(try handles(f, "mug", ProductQuery(filter: ProductFilter(minPrice: 2000))) == ["mug-c"])
        #expect(try handles(f, "mug", ProductQuery(filter: ProductFilter(vendor: "roamer"))) == ["mug-c"])
        #expect(try handles(f, "stoneware", ProductQuery(filter: ProductFilter(maxPrice: 1000))) == ["plate"])
    }

    @Test(arguments: [ProductSort.relevance, .priceAscending, .newest])
    func searchPagesCoverEveryMatchOnce(sort: ProductSort) throws {
        let f = try CatalogFixture()
        for index in 0..<17 {
            // Identical titles give identical scores: ties broken by id.
            try f.product("chair-\(index)", title: index % 2 == 0 ? "Oak Chair" : "Oak Chair Oak",
                          variants: [.init(price: Int64(index % 4))])
        }
        try f.product("table", title: "Pine Table")
        let whole = try f.catalog.search("oak", query: ProductQuery(sort: sort, limit: 100), caller: CatalogFixture.customer)
        #expect(whole.page.products.count == 17)
        let pages = try f.allPages(ProductQuery(sort: sort, limit: 5), search: "oak")
        #expect(pages.map(\.count) == [5, 5, 5, 2])
        #expect(pages.flatMap { $0 }.map(\.id) == whole.page.products.map(\.id))
    }

    @Test func broadQueriesAreRankedInWindowsAndStillPageThroughEveryMatch() throws {
        let f = try CatalogFixture()
        let count = ProductListing.relevanceWindow * 2 + 150
        try f.bulkProducts(count, handlePrefix: "chair", title: "Oak Chair", repeatEvery3rd: "Oak Oak")
        try f.product("table", title: "Pine Table")
        let pages = try f.allPages(ProductQuery(limit: 200), search: "oak")
        let ids = pages.flatMap { $0 }.map(\.id)
        #expect(ids.count == count)
        #expect(Set(ids).count == count)
        // The newest window comes first, best matches (the "Oak Oak" titles) at its top.
        let first = try #require(pages.first)
        #expect(first.allSatisfy { $0.title == "Oak Chair Oak Oak" })
        #expect(first.allSatisfy { $0.id.rawValue > Int64(count - ProductListing.relevanceWindow) })
        let windowSize = ProductListing.relevanceWindow
        #expect(Set(ids.prefix(windowSize)) == Set((count - windowSize + 1...count).map { ProductID(Int64($0)) }))
    }

    @Test func relevanceCursorFromAnotherOrderIsRefused() throws {
        let f = try CatalogFixture()
        for index in 0..<3 { try f.product("p\(index)", title: "Oak \(index)") }
        let page = try f.catalog.search("oak", query: ProductQuery(limit: 1), caller: CatalogFixture.customer).page
        let cursor = try #require(page.nextCursor)
        #expect(throws: CommerceError.self) {
            try f.catalog.search("oak", query: ProductQuery(sort: .newest, after: cursor), caller: CatalogFixture.customer)
        }
    }
}
