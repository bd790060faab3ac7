import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The popular lists a session shows while its recommender has no model, read from the sales summary.
@Suite("Recommend: popular products without a model")
struct PopularProductsTests {
    /// Units sold per product over the window, counted from the orders themselves (not the summary
    /// table), best first then by id, among products a shopper can buy; `category` limits to a subtree.
    static func expectedBestSellers(_ db: any SQLConnection, category: Int64? = nil, k: Int) throws -> [Int64] {
        let lastDay = try #require(try db.scalarInt("SELECT max(placed_at / 86400000) FROM orders WHERE payment_status <> 'failed'"))
        let subtree = category == nil ? "" : """
            AND p.category_id IN (WITH RECURSIVE below(id) AS (SELECT CAST(\(category!) AS BIGINT) UNION SELECT k.id FROM categories k JOIN below ON k.parent_id = below.id) SELECT id FROM below)
            """
        return try db.all("""
            SELECT p.id FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id
            WHERE o.payment_status <> 'failed' AND o.placed_at / 86400000 >= ?
              AND p.status = 'active' AND p.published = 1 AND p.stock_total > 0 \(subtree)
            GROUP BY p.id HAVING sum(l.quantity) > 0
            ORDER BY sum(l.quantity) DESC, p.id LIMIT ?
            """, lastDay - Int64(Store.popularWindowDays - 1), k) { $0.int64(0) }
    }

    @Test func listsTheRecentBestSellersThatCanBeBought() throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }
        let list = try store.popularProducts(k: 5)
        #expect(!list.isWarmingUp)
        let expected = try Self.expectedBestSellers(store.db, k: 5)
        #expect(expected.count == 5, "the demo shop sold at least five products lately")
        #expect(list.items.map(\.product.id.rawValue) == expected)
        #expect(list.items.allSatisfy { $0.reason == .trending(in: nil) })
        #expect(list.items.map(\.score) == list.items.map(\.score).sorted(by: >))

        // A product that can no longer be bought leaves the list at once; the next best takes its place.
        let top = try #require(list.items.first).product.id
        try store.db.execute("UPDATE products SET status = 'archived' WHERE id = ?", top)
        let after = try store.popularProducts(k: 5)
        #expect(!after.items.contains { $0.product.id == top })
        #expect(after.items.map(\.product.id.rawValue) == (try Self.expectedBestSellers(store.db, k: 5)))
    }

    @Test func aCategoryListsItsSubtreeFirstThenFillsFromTheShop() throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }
        // A root category with sales in its subtree.
        let roots = try store.db.all("SELECT id FROM categories WHERE parent_id IS NULL ORDER BY id") { $0.int64(0) }
        let root = try #require(try roots.first { !(try Self.expectedBestSellers(store.db, category: $0, k: 1)).isEmpty })
        let inCategory = try Self.expectedBestSellers(store.db, category: root, k: 50)
        let list = try store.popularProducts(category: CategoryID(root), k: 50)
        let ids = list.items.map(\.product.id.rawValue)
        #expect(Array(ids.prefix(inCategory.count)) == inCategory, "the category's own best sellers come first")
        let name = try #require(try store.db.scalarString("SELECT name FROM categories WHERE id = ?", root))
        #expect(list.items.prefix(inCategory.count).allSatisfy { $0.reason.description == "trending in \(name)" })
        let shop = try Self.expectedBestSellers(store.db, k: 50)
        #expect(Array(ids.dropFirst(inCategory.count)) == Array(shop.filter { !inCategory.contains($0) }.prefix(50 - inCategory.count)),
                "the rest of the list is the shop's best sellers not already listed")
        #expect(Set(ids).count == ids.count)

        // The product a page shows is never listed.
        let excluded = try #require(ids.first)
        let without = try store.popularProducts(category: CategoryID(root), excluding: ProductID(excluded), k: 5)
        #expect(without.items.count == 5 && !without.items.contains { $0.product.id.rawValue == excluded })
    }

    @Test func bestSellersThatCannotBeBoughtAreSkippedPastTheFirstPageOfTheRanking() throws {
        let (store, dir) = try RecommendStoreTests.demoStore()
        defer { withExtendedLifetime(dir) {} }
        // The 40 best sellers of the window go out of stock: more than the first page (32) of ranked totals.
        let ranked = try store.db.all("""
            SELECT product_id FROM product_sales_daily WHERE day >= (SELECT max(day) FROM product_sales_daily) - ?
            GROUP BY product_id HAVING sum(units) > 0 ORDER BY sum(units) DESC, product_id LIMIT 40
            """, Store.popularWindowDays - 1) { $0.int64(0) }
        #expect(ranked.count == 40, "the demo shop sold at least 40 products lately")
        for id in ranked { try store.db.execute("UPDATE products SET stock_total = 0 WHERE id = ?", id) }
        let list = try store.popularProducts(k: 5)
        let expected = try Self.expectedBestSellers(store.db, k: 5)
        #expect(expected.count == 5)
        #expect(list.items.map(\.product.id.rawValue) == expected)
        #expect(!list.items.contains { ranked.contains($0.product.id.rawValue) })
    }

    @Test func aShopWithoutSalesHasAnEmptyList() throws {
        let (store, dir) = try makeStore()
        defer { withExtendedLifetime(dir) {} }
        let list = try store.popularProducts(k: 5)
        #expect(list.items.isEmpty && !list.isWarmingUp)
    }
}
