import Testing
@_spi(Storage) @testable import Commerce

/// The category tree a store keeps between reads: its counts follow every change of what is listed,
/// made by this connection or another one (another process), on either backend, and an order that
/// leaves stock on the shelf does not make it count again.
@Suite("Catalog categories: counts follow listing changes")
struct CategoryCountsFollowChangesTests {
    private func counts(_ store: Store) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try store.catalog.categories(caller: .guest(token: "t")).map { ($0.handle, $0.totalProductCount) })
    }

    @Test func countsFollowEveryListingChangeMadeByAnotherConnection() throws {
        let (store, dir) = try makeStore()
        defer { withExtendedLifetime(dir) {} }
        let editor = store.productEditor
        let apparel = try editor.createCategory(name: "Apparel", handle: "apparel", by: .system)
        let tees = try editor.createCategory(name: "Tees", parent: apparel, handle: "tees", by: .system)
        let home = try editor.createCategory(name: "Home", handle: "home", by: .system)
        func make(_ handle: String, in category: CategoryID, stock: Int = 5) throws -> ProductID {
            var draft = ProductDraft(title: handle)
            draft.handle = handle
            draft.categoryID = category
            var variant = VariantDraft(price: store.money(1000), sku: handle.uppercased())
            variant.stock = stock
            return try editor.createProduct(draft, variants: [variant], by: .system)
        }
        let tee = try make("tee", in: tees)
        _ = try make("mug", in: home)
        #expect(try counts(store) == ["apparel": 1, "tees": 1, "home": 1])
        let other = try reopen(store)
        let steps: [(String, [SQLBindable?], [String: Int])] = [
            ("UPDATE products SET published = 0 WHERE id = ?", [tee.rawValue], ["apparel": 0, "tees": 0, "home": 1]),
            ("UPDATE products SET published = 1 WHERE id = ?", [tee.rawValue], ["apparel": 1, "tees": 1, "home": 1]),
            ("UPDATE products SET status = 'archived' WHERE id = ?", [tee.rawValue], ["apparel": 0, "tees": 0, "home": 1]),
            ("UPDATE products SET status = 'active' WHERE id = ?", [tee.rawValue], ["apparel": 1, "tees": 1, "home": 1]),
            ("UPDATE products SET category_id = ? WHERE id = ?", [home.rawValue, tee.rawValue], ["apparel": 0, "tees": 0, "home": 2]),
            ("UPDATE categories SET parent_id = ? WHERE id = ?", [tees.rawValue, home.rawValue], ["apparel": 2, "tees": 2, "home": 2]),
        ]
        for (sql, values, expected) in steps {
            try other.db.execute(sql, values: values)
            #expect(try counts(store) == expected, "after \(sql)")
        }
        // A product another connection adds is counted; one it deletes is not.
        let added = try make("cap", in: apparel, stock: 0)
        #expect(try counts(other)["apparel"] == 3)
        try store.db.execute("DELETE FROM variants WHERE product_id = ?", added)
        try store.db.execute("DELETE FROM products WHERE id = ?", added)
        #expect(try counts(other)["apparel"] == 2)
    }

    @Test func anOrderThatLeavesStockKeepsTheTreeAndOneThatSellsOutCountsAgain() throws {
        let (store, dir) = try makeStore()
        defer { withExtendedLifetime(dir) {} }
        let tees = try store.productEditor.createCategory(name: "Tees", handle: "tees", by: .system)
        var draft = ProductDraft(title: "Tee")
        draft.categoryID = tees
        var variant = VariantDraft(price: store.money(1000), sku: "TEE")
        variant.stock = 2
        _ = try store.productEditor.createProduct(draft, variants: [variant], by: .system)
        _ = try store.catalog.categories(caller: .system)
        let kept = try #require(store.categoryTree?.version)
        let other = try reopen(store)
        let sku = try other.productEditor.variantID(sku: "TEE")
        try other.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -1, 'adjustment', 0)", sku)
        _ = try store.catalog.categories(caller: .system)
        #expect(store.categoryTree?.version == kept, "stock left on the shelf changes nothing the tree counts")
        try other.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -1, 'adjustment', 0)", sku)
        _ = try store.catalog.categories(caller: .system)
        #expect(store.categoryTree?.version != kept, "selling out may change what is listed in stock, so it is read again")
    }
}
