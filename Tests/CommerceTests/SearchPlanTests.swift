import Testing
@_spi(Storage) @testable import Commerce

@Suite("Search: plan chosen by match count, same pages either way")
struct SearchPlanTests {
    /// 1,200 "oak" products (more than a small match set) and 12 "walnut" ones, spread over two
    /// categories, some out of stock, prices repeating so ties are broken by id.
    private func catalog() throws -> (CatalogFixture, CategoryID) {
        let f = try CatalogFixture()
        let kitchen = try f.category("kitchen", "Kitchen")
        try f.bulkProducts(1200, handlePrefix: "oak", title: "Oak Chair", repeatEvery3rd: "Oak")
        for index in 0..<12 {
            try f.product("walnut-\(index)", title: "Walnut Bowl", category: index % 2 == 0 ? kitchen : nil,
                          variants: [.init(price: Int64(100 + index % 4), stock: index % 3 == 0 ? 0 : 5)])
        }
        try f.db.execute("UPDATE products SET category_id = ? WHERE handle LIKE 'oak-%' AND id % 3 = 0", kitchen)
        try f.db.execute("""
            INSERT INTO inventory_ledger(variant_id, delta, reason, created_at)
            SELECT v.id, -1, 'sale', 0 FROM variants v JOIN products p ON p.id = v.product_id
            WHERE p.handle LIKE 'oak-%' AND p.id % 5 = 0
            """)
        return (f, kitchen)
    }

    /// Every page of `text` under `query`, run with `plan`, as product ids.
    private func pages(_ f: CatalogFixture, _ text: String, _ query: ProductQuery, plan: MatchPlan) throws -> [[Int64]] {
        var query = query
        var pages: [[Int64]] = []
        while true {
            var listing = try f.catalog.listing(for: query, sort: query.sort ?? .relevance,
                                                match: SearchExpression(text).matchExpression, caller: CatalogFixture.customer)
            listing.plan = plan
            let page = try listing.fetch(f.db, currency: f.store.currency)
            pages.append(page.products.map(\.id.rawValue))
            guard let next = page.nextCursor else { return pages }
            query.after = next
        }
    }

    @Test func theMatchCountPicksThePlan() throws {
        let (f, _) = try catalog()
        #expect(try MatchPlan.byMatchCount.startsFromMatches(f.db, match: SearchExpression("walnut").matchExpression!))
        #expect(try !MatchPlan.byMatchCount.startsFromMatches(f.db, match: SearchExpression("oak").matchExpression!))
        #expect(try !MatchPlan.byMatchCount.startsFromMatches(f.db, match: SearchExpression("o").matchExpression!))
    }

    @Test(arguments: ["walnut", "oak", "chair", "wal"])
    func bothPlansGiveTheSamePagesUnderFiltersSortsAndPaging(text: String) throws {
        let (f, kitchen) = try catalog()
        let filters = [ProductFilter(), ProductFilter(category: kitchen), ProductFilter(category: kitchen, inStockOnly: true),
                       ProductFilter(minPrice: 102, maxPrice: 104), ProductFilter(inStockOnly: true)]
        for filter in filters {
            for sort in [ProductSort.priceAscending, .priceDescending, .newest, .bestSelling] {
                let query = ProductQuery(filter: filter, sort: sort, limit: 97)
                let matchesFirst = try pages(f, text, query, plan: .matchesFirst)
                let filtersFirst = try pages(f, text, query, plan: .filtersFirst)
                let chosen = try pages(f, text, query, plan: .byMatchCount)
                #expect(matchesFirst == filtersFirst, "\(text) \(filter) \(sort)")
                #expect(chosen == matchesFirst, "\(text) \(filter) \(sort)")
                let all = matchesFirst.flatMap { $0 }
                #expect(Set(all).count == all.count)
                // Against the listing without search, filtered to the matching titles.
                let whole = try f.allPages(ProductQuery(filter: filter, sort: sort, limit: 200)).flatMap { $0 }
                let expected = whole.filter { $0.title.lowercased().split(separator: " ").contains { $0.hasPrefix(text) } }
                #expect(all == expected.map(\.id.rawValue), "\(text) \(filter) \(sort)")
            }
        }
        // The filters still bite.
        let inStockKitchen = try pages(f, "walnut", ProductQuery(filter: ProductFilter(category: kitchen, inStockOnly: true),
                                                                sort: .priceAscending, limit: 97), plan: .byMatchCount)
        #expect(inStockKitchen.flatMap { $0 }.count == 4)
    }
}
