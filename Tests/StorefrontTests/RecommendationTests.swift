import Commerce
import Testing
import TerminalUI
@testable import Storefront

@MainActor
@Suite("Storefront recommendations") struct RecommendationTests {
    @Test func productScreenShowsWhatCustomersAlsoBoughtAndOpensIt() throws {
        let shop = try ShopFixture(recommending: true)
        shop.send(.tab, .enter)  // the first product of all products
        let product = try #require(shop.app.stack.top as? ProductScreen)
        let text = shop.screen()
        #expect(text.contains("Customers also bought") || text.contains("Similar"))
        // Every row would say "bought together with <this product>": the heading says it once instead.
        #expect(!text.contains("bought together with") && !text.contains("similar to"), "no reason repeated on every row")
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "product-suggestions-\(size.width)x\(size.height)") }
        shop.send(.tab)
        #expect(shop.screen().contains("Tab Variants"))
        shop.send(.down, .enter)
        let opened = try #require(shop.app.stack.top as? ProductScreen)
        #expect(opened !== product && opened.handle != product.handle)
    }

    @Test func homeShowsTrendingForGuestsAndForYouWhenSignedIn() throws {
        let shop = try ShopFixture(recommending: true)
        let home = shop.screen()
        #expect(home.contains("Trending"))
        assertSnapshot(shop.render(Size(width: 120, height: 40)), named: "home-trending-120x40")
        #expect(!shop.screen(Size(width: 80, height: 24)).contains("Trending"), "no room for the strip at 24 rows")
        shop.send(.down)
        #expect(shop.screen().contains("Trending in Coffee & Tea"))
        shop.send(.tab, .tab)  // categories → products → suggestions
        shop.send(.enter)
        #expect(shop.app.stack.top is ProductScreen)
        shop.send(.escape)
        try shop.signInAsShopper()
        #expect(shop.screen().contains("For you"))
    }

    @Test func warmingUpShowsAQuietEllipsisAndThenTheSuggestions() async throws {
        let shop = try ShopFixture()
        let recommender = Recommender(databasePath: shop.store.location.description)
        let session = ShopSession(store: shop.store, guestToken: "guest-warm", recommender: recommender)
        let app = ShopApp.makeApp(session: session, context: AppContext(now: 0))
        let first = BufferSurface(size: Size(width: 120, height: 40))
        app.render(into: first)
        #expect(first.text.contains("Trending"))
        #expect(await recommender.waitUntilCurrent(timeout: .seconds(60)))
        #expect(app.onPoll?() == true, "the poll notices the recommender became ready")
        let ready = BufferSurface(size: Size(width: 120, height: 40))
        app.render(into: ready)
        let best = try #require(recommender.trending(k: 1).items.first)
        #expect(ready.text.contains(best.product.title), "the strip fills once the model serves")
        #expect(session.recommendationVersion >= 1)
    }
}
