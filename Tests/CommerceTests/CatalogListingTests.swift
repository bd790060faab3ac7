import Testing
@testable import Commerce

@Suite("Catalog listing: filters, sorts, keyset pages, visibility")
struct CatalogListingTests {
    private func handles(_ page: ProductPage) -> [String] { page.products.map(\.handle) }

    @Test func draftsAndArchivedAreHiddenFromCustomersButNotStaff() throws {
        let f = try CatalogFixture()
        try f.product("live", title: "Live Lamp")
        try f.product("draft", title: "Draft Lamp", status: .draft)
        try f.product("old", title: "Old Lamp", status: .archived)

        let customer = try f.catalog.products(caller: CatalogFixture.customer)
        #expect(handles(customer) == ["live"])

        let everything = ProductQuery(filter: ProductFilter(statuses: [.active, .draft, .archived]))
        let staff = try f.catalog.products(everything, caller: CatalogFixture.staff)
        #expect(Set(handles(staff)) == ["live", "draft", "old"])
        #expect(staff.products.first { $0.handle == "draft" }?.status == .draft)

        #expect(throws: CommerceError.self) { try f.catalog.products(everything, caller: CatalogFixture.customer) }
        do {
            _ = try f.catalog.products(everything, caller: CatalogFixture.customer)
        } catch {
            guard case .forbidden = error else { Issue.record("expected forbidden, got \(error)"); return }
        }
        #expect(throws: CommerceError.notFound("no product with handle 'draft'")) {
            try f.catalog.product(handle: "draft", caller: CatalogFixture.customer)
        }
        #expect(try f.catalog.product(handle: "draft", caller: CatalogFixture.staff).summary.status == .draft)
    }

    @Test func priceFilterMatchesWhenSomeLiveVariantIsInRange() throws {
        let f = try CatalogFixture()
        try f.product("cheap", title: "Cheap", variants: [.init(price: 500)])
        try f.product("split", title: "Split", variants: [.init(sku: "S1", options: ["S"], price: 900),
                                                           .init(sku: "S2", options: ["L"], price: 5000)])
        try f.product("dear", title: "Dear", variants: [.init(price: 8000)])
        try f.product("hidden-price", title: "Hidden", variants: [.init(sku: "H1", options: ["A"], price: 9000),
                                                                  .init(sku: "H2", options: ["B"], price: 2500, archived: true)])
        func find(_ low: Int64?, _ high: Int64?) throws -> Set<String> {
            Set(handles(try f.catalog.products(ProductQuery(filter: ProductFilter(minPrice: low, maxPrice: high)),
                                               caller: CatalogFixture.customer)))
        }
        #expect(try find(1000, 6000) == ["split"])
        #expect(try find(2000, 3000) == [])          // split has 9.00 and 50.00, nothing in between; archived 25.00 ignored
        #expect(try find(nil, 900) == ["cheap", "split"])
        #expect(try find(7000, nil) == ["dear", "hidden-price"])
        #expect(try find(500, 500) == ["cheap"])
        #expect(throws: CommerceError.invalid(field: "maxPrice", reason: "must not be below the minimum price")) {
            try find(600, 500)
        }
        #expect(throws: CommerceError.self) { try find(-1, nil) }
    }

    @Test func inStockVendorAndTagFilters() throws {
        let f = try CatalogFixture()
        try f.product("a", title: "A", vendor: "Northwind", tags: ["Summer", "Linen"])
        try f.product("b", title: "B", vendor: "northwind", tags: ["summer"], variants: [.init(stock: 0)])
        try f.product("c", title: "C", vendor: "Contoso", tags: ["linen"])
        func find(_ filter: ProductFilter) throws -> Set<String> {
            Set(handles(try f.catalog.products(ProductQuery(filter: filter), caller: CatalogFixture.customer)))
        }
        #expect(try find(ProductFilter(inStockOnly: true)) == ["a", "c"])
        #expect(try find(ProductFilter(vendor: "NORTHWIND")) == ["a", "b"])
        #expect(try find(ProductFilter(tags: ["SUMMER"])) == ["a", "b"])
        #expect(try find(ProductFilter(tags: ["summer", "linen"])) == ["a"])
        #expect(try find(ProductFilter(inStockOnly: true, vendor: "northwind", tags: ["summer"])) == ["a"])
        #expect(try find(ProductFilter(tags: ["nope"])) == [])
    }

    @Test func eachSortOrdersAsDocumented() throws {
        let f = try CatalogFixture()
        let a = try f.product("a", title: "A", createdAt: 3000, variants: [.init(price: 300)])
        let b = try f.product("b", title: "B", createdAt: 1000, variants: [.init(price: 100)])
        let c = try f.product("c", title: "C", createdAt: 2000, variants: [.init(price: 200)])
        let d = try f.product("d", title: "D", createdAt: 4000, variants: [.init(price: 200)])
        try f.review(a, ratings: [5, 4])        // 4.5 from 2
        try f.review(b, ratings: [5])           // 5.0 from 1
        try f.review(c, ratings: [4, 5, 5, 4])  // 4.5 from 4: beats a on count
        try f.sell(d, units: 7)
        try f.sell(b, units: 2)
        func order(_ sort: ProductSort) throws -> [String] {
            handles(try f.catalog.products(ProductQuery(sort: sort), caller: CatalogFixture.customer))
        }
        #expect(try order(.priceAscending) == ["b", "c", "d", "a"])   // tie 200: lower id first
        #expect(try order(.priceDescending) == ["a", "d", "c", "b"])  // tie 200: higher id first
        #expect(try order(.newest) == ["d", "a", "c", "b"])
        #expect(try f.catalog.products(caller: CatalogFixture.customer).products.map(\.handle) == ["d", "a", "c", "b"])
        #expect(try order(.rating) == ["b", "c", "a", "d"])
        #expect(try order(.bestSelling) == ["d", "b", "c", "a"])      // c and a sold none: higher id first
        #expect(throws: CommerceError.self) { try order(.relevance) }
    }

    @Test func summaryCarriesPriceRangeCompareAtStockRatingAndCategory() throws {
        let f = try CatalogFixture()
        let shirts = try f.category("shirts", "Shirts")
        let id = try f.product("oxford", title: "Oxford Shirt", category: shirts, variants: [
            .init(sku: "OX-S", options: ["S"], price: 4500, compareAt: 6000, stock: 3),
            .init(sku: "OX-M", options: ["M"], price: 5000, compareAt: 4000, stock: 4),
            .init(sku: "OX-L", options: ["L"], price: 5500, compareAt: 9000, stock: 2, archived: true),
        ])
        try f.product("plain", title: "Plain", variants: [.init(price: 1000, compareAt: 1000)])
        try f.review(id, ratings: [5, 4, 4])
        let page = try f.catalog.products(ProductQuery(sort: .priceDescending), caller: CatalogFixture.customer)
        let oxford = try #require(page.products.first)
        #expect(oxford.handle == "oxford")
        #expect(oxford.priceMin == Money(minorUnits: 4500, currency: .usd))
        #expect(oxford.priceMax == Money(minorUnits: 5000, currency: .usd))
        #expect(oxford.compareAt == Money(minorUnits: 6000, currency: .usd))   // archived 90.00 and below-price 40.00 ignored
        #expect(oxford.stockTotal == 7)
        #expect(oxford.rating.count == 3)
        #expect(abs((oxford.rating.average ?? 0) - 13.0 / 3.0) < 1e-9)
        #expect(oxford.categoryName == "Shirts")
        let plain = try #require(page.products.last)
        #expect(plain.compareAt == nil)
        #expect(plain.categoryName == nil)
        #expect(plain.rating.average == nil)
    }

    @Test(arguments: [ProductSort.priceAscending, .priceDescending, .newest, .rating, .bestSelling])
    func keysetPagesCoverEveryRowOnceDespiteTies(sort: ProductSort) throws {
        let f = try CatalogFixture()
        for index in 0..<23 {
            // Only three prices, ratings, sales figures and creation times: many ties to break by id.
            let id = try f.product("p\(index)", title: "Product \(index)", createdAt: Int64(index % 3),
                                   variants: [.init(price: Int64(100 * (index % 3)))])
            if index % 3 == 1 { try f.review(id, ratings: [4]) }
            if index % 3 == 2 { try f.sell(id, units: 1) }
        }
        try f.product("hidden", title: "Hidden", status: .draft)
        let whole = try f.catalog.products(ProductQuery(sort: sort, limit: 200), caller: CatalogFixture.customer)
        #expect(whole.products.count == 23)
        #expect(whole.nextCursor == nil)
        let pages = try f.allPages(ProductQuery(sort: sort, limit: 4))
        #expect(pages.count == 6)
        #expect(pages.dropLast().allSatisfy { $0.count == 4 })
        let paged = pages.flatMap { $0 }.map(\.id)
        #expect(paged == whole.products.map(\.id))
        #expect(Set(paged).count == 23)
    }

    @Test func lastFullPageHasNoCursor() throws {
        let f = try CatalogFixture()
        for index in 0..<4 { try f.product("p\(index)", title: "P\(index)") }
        let first = try f.catalog.products(ProductQuery(limit: 2), caller: CatalogFixture.customer)
        let cursor = try #require(first.nextCursor)
        let second = try f.catalog.products(ProductQuery(limit: 2, after: cursor), caller: CatalogFixture.customer)
        #expect(second.products.count == 2)
        #expect(second.nextCursor == nil)
    }

    @Test func cursorsAreCheckedAndRoundTrip() throws {
        let f = try CatalogFixture()
        for index in 0..<3 { try f.product("p\(index)", title: "P\(index)", variants: [.init(price: Int64(index))]) }
        let page = try f.catalog.products(ProductQuery(sort: .priceAscending, limit: 1), caller: CatalogFixture.customer)
        let cursor = try #require(page.nextCursor)
        #expect(try ProductCursor(token: cursor.token) == cursor)
        #expect(cursor.token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(throws: CommerceError.invalid(field: "cursor", reason: "it belongs to a list in another order")) {
            try f.catalog.products(ProductQuery(sort: .newest, after: cursor), caller: CatalogFixture.customer)
        }
        for garbage in ["", "abc", "djE7cHJpY2U7eDsx", "'; DROP TABLE products;--", String(repeating: "A", count: 600)] {
            #expect(throws: CommerceError.self) { try ProductCursor(token: garbage) }
        }
        let relevance = ProductCursor(sort: .relevance, keys: [.integer(Int64.max), .real(-1.2345678901234567)], id: 9)
        #expect(try ProductCursor(token: relevance.token) == relevance)
    }

    @Test func limitIsBounded() throws {
        let f = try CatalogFixture()
        for limit in [0, -1, ProductQuery.maximumLimit + 1] {
            #expect(throws: CommerceError.invalid(field: "limit", reason: "must be between 1 and \(ProductQuery.maximumLimit)")) {
                try f.catalog.products(ProductQuery(limit: limit), caller: CatalogFixture.customer)
            }
        }
    }
}
