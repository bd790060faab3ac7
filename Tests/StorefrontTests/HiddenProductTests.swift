@_spi(Storage) import Commerce
import Testing
import TerminalUI
@testable import Storefront

/// A product that is active but hidden from the shop (Shopify's Published = false) is not offered to shoppers.
@MainActor
@Suite struct HiddenProductTests {
    @Test func anActiveProductHiddenFromTheShopIsNeitherFoundNorListed() throws {
        let shop = try ShopFixture()
        let title = try #require(try shop.store.db.scalarString("""
            SELECT title FROM products WHERE status = 'active' AND title LIKE '% %' ORDER BY id LIMIT 1
            """))
        let word = String(title.split(separator: " ")[0])
        shop.send(.char("/"))
        shop.type(word)
        #expect(shop.screen().contains(title), "found while shown")
        try shop.store.db.execute("UPDATE products SET published = 0 WHERE title = ?", title)
        shop.send(.ctrl("u"))
        shop.type(word)
        #expect(!shop.screen().contains(title), "not found once hidden")
        let guest = shop.session.caller
        #expect(try !shop.store.catalog.products(ProductQuery(limit: 200), caller: guest).products.contains { $0.title == title })
    }
}
