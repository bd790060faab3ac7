import Commerce
import Testing
import TerminalUI
@testable import Storefront

@MainActor
@Suite("Storefront browsing") struct BrowseTests {
    @Test func homeAtBothSizes() throws {
        let shop = try ShopFixture()
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "home-\(size.width)x\(size.height)") }
        let text = shop.screen()
        #expect(text.contains("Categories") && text.contains("All products"))
        #expect(text.contains("Curio › Shop") && text.contains("guest · cart 0"))
    }

    @Test func categoryThenProductThenCartShowsIt() throws {
        let shop = try ShopFixture()
        _ = shop.render()
        shop.send(.down)  // first category: its products appear on the right
        let category = shop.screen()
        #expect(category.contains("Coffee & Tea ·"))
        shop.send(.enter, .enter)  // focus products, open the first
        let product = try #require(shop.app.stack.top as? ProductScreen)
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "product-\(size.width)x\(size.height)") }
        shop.send(.char("+"), .char("a"))
        #expect(shop.screen().contains("Added 2 ×"))
        #expect(shop.screen().contains("guest · cart 2"))
        shop.send(.char("c"))
        #expect(shop.app.stack.top is CartScreen)
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "cart-\(size.width)x\(size.height)") }
        let cart = try shop.cart()
        #expect(cart.itemCount == 2)
        #expect(shop.screen().contains("2 × \(cart.lines[0].title)"))
        #expect(product.title == cart.lines[0].title || cart.lines[0].title.hasPrefix(product.title))
    }

    @Test func narrowTerminalOpensTheCategoryAsAList() throws {
        let shop = try ShopFixture()
        shop.size = Size(width: 62, height: 20)
        shop.send(.down, .enter)
        #expect(shop.app.stack.top is ProductListScreen)
        #expect(shop.screen(Size(width: 62, height: 20)).contains("Coffee & Tea · featured"))
    }

    @Test func pagingLoadsMoreAsTheSelectionNearsTheEnd() throws {
        let shop = try ShopFixture()
        _ = shop.render()
        shop.send(.tab)
        for _ in 0..<60 { shop.send(.down) }
        let all = try shop.store.catalog.products(ProductQuery(limit: 80), caller: .system).products
        #expect(all.count > 61, "the demo has more than one page of 40")
        #expect(shop.screen().contains("› " + all[60].title), "row 61 is loaded and selected")
    }

    @Test func terminalTooSmallShowsTheMessage() throws {
        let shop = try ShopFixture()
        let surface = shop.render(Size(width: 40, height: 10))
        #expect(surface.text.contains("Terminal too small"))
        assertSnapshot(surface, named: "too-small-40x10")
    }

    @Test func outsideChangesReloadTheVisibleData() throws {
        let shop = try ShopFixture()
        let other = try Store(path: shop.store.location.description)
        let first = try #require(try shop.store.catalog.products(ProductQuery(limit: 1), caller: .system).products.first)
        _ = shop.screen()
        _ = try other.productEditor.archiveProduct(first.id, by: .system)
        #expect(shop.session.pollOutsideChanges())
        #expect(!shop.screen().contains(first.title))
    }
}
