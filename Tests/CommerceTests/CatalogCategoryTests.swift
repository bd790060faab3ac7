import Testing
@_spi(Storage) @testable import Commerce

@Suite("Catalog categories: tree, breadcrumbs, descendants")
struct CatalogCategoryTests {
    /// apparel > shirts > tees, apparel > hats, home (positions put hats before shirts).
    private func tree(_ f: CatalogFixture) throws -> (apparel: CategoryID, shirts: CategoryID, tees: CategoryID,
                                                        hats: CategoryID, home: CategoryID) {
        let home = try f.category("home", "Home", position: 2)
        let apparel = try f.category("apparel", "Apparel", position: 1)
        let shirts = try f.category("shirts", "Shirts", parent: apparel, position: 2)
        let hats = try f.category("hats", "Hats", parent: apparel, position: 1)
        let tees = try f.category("tees", "T-Shirts", parent: shirts)
        return (apparel, shirts, tees, hats, home)
    }

    @Test func treeIsDepthFirstInPositionOrderWithCounts() throws {
        let f = try CatalogFixture()
        let t = try tree(f)
        try f.product("tee", title: "Tee", category: t.tees)
        try f.product("tee2", title: "Tee 2", category: t.tees)
        try f.product("oxford", title: "Oxford", category: t.shirts)
        try f.product("draft-shirt", title: "Draft", category: t.shirts, status: .draft)
        try f.product("mug", title: "Mug", category: t.home)
        let nodes = try f.catalog.categories(caller: CatalogFixture.customer)
        #expect(nodes.map(\.handle) == ["apparel", "hats", "shirts", "tees", "home"])
        #expect(nodes.map(\.depth) == [0, 1, 1, 2, 0])
        let shirts = try #require(nodes.first { $0.handle == "shirts" })
        #expect(shirts.productCount == 1)
        #expect(shirts.totalProductCount == 3)
        #expect(nodes.first?.totalProductCount == 3)
        #expect(try f.catalog.rootCategories(caller: CatalogFixture.customer).map(\.handle) == ["apparel", "home"])
        #expect(try f.catalog.children(of: t.apparel, caller: CatalogFixture.customer).map(\.handle) == ["hats", "shirts"])
        #expect(try f.catalog.category(handle: "tees", caller: CatalogFixture.customer).parentID == t.shirts)
        #expect(throws: CommerceError.notFound("no category with handle 'nope'")) {
            try f.catalog.category(handle: "nope", caller: CatalogFixture.customer)
        }
    }

    @Test func pathRunsFromRootToCategory() throws {
        let f = try CatalogFixture()
        let t = try tree(f)
        let path = try f.catalog.categoryPath(to: t.tees, caller: CatalogFixture.customer)
        #expect(path.map(\.name) == ["Apparel", "Shirts", "T-Shirts"])
        #expect(try f.catalog.categoryPath(to: t.home, caller: CatalogFixture.customer).map(\.handle) == ["home"])
        #expect(throws: CommerceError.self) { try f.catalog.categoryPath(to: CategoryID(12345), caller: CatalogFixture.customer) }
    }

    @Test func descendantsIncludeEveryLevel() throws {
        let f = try CatalogFixture()
        let t = try tree(f)
        let below = try f.catalog.categoryAndDescendants(of: t.apparel, caller: CatalogFixture.customer)
        #expect(Set(below) == [t.apparel, t.shirts, t.tees, t.hats])
        #expect(try f.catalog.categoryAndDescendants(of: t.tees, caller: CatalogFixture.customer) == [t.tees])
    }

    @Test func categoryFilterIncludesSubcategories() throws {
        let f = try CatalogFixture()
        let t = try tree(f)
        try f.product("tee", title: "Tee", category: t.tees)
        try f.product("oxford", title: "Oxford", category: t.shirts)
        try f.product("cap", title: "Cap", category: t.hats)
        try f.product("mug", title: "Mug", category: t.home)
        try f.product("loose", title: "Loose")
        func find(_ category: CategoryID) throws -> Set<String> {
            Set(try f.catalog.products(ProductQuery(filter: ProductFilter(category: category)),
                                       caller: CatalogFixture.customer).products.map(\.handle))
        }
        #expect(try find(t.apparel) == ["tee", "oxford", "cap"])
        #expect(try find(t.shirts) == ["tee", "oxford"])
        #expect(try find(t.tees) == ["tee"])
        #expect(try find(t.home) == ["mug"])
    }

    @Test func aCycleInParentLinksDoesNotHang() throws {
        let f = try CatalogFixture()
        let a = try f.category("a", "A")
        let b = try f.category("b", "B", parent: a)
        try f.db.execute("UPDATE categories SET parent_id = ? WHERE id = ?", b, a)
        #expect(try f.catalog.categories(caller: CatalogFixture.customer).isEmpty)
        #expect(Set(try f.catalog.categoryAndDescendants(of: a, caller: CatalogFixture.customer)) == [a, b])
        #expect(try f.catalog.categoryPath(to: b, caller: CatalogFixture.customer).count <= 65)
        try f.product("x", title: "X", category: b)
        #expect(try f.catalog.products(ProductQuery(filter: ProductFilter(category: a)),
                                       caller: CatalogFixture.customer).products.count == 1)
    }
}
