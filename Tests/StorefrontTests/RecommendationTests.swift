import Foundation
import Commerce
import CurioTestSupport
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

    @Test func withoutAModelTheStripsShowPopularProductsAtOnce() throws {
        let shop = try ShopFixture()
        // No model file, and a worker that does not look for one during the test: the state of a
        // session that opens before any process built the shop's model.
        #expect(!FileManager.default.fileExists(atPath: shop.store.location.description + "-recommender"))
        var configuration = RecommenderConfiguration()
        configuration.startDelay = .seconds(600)
        let recommender = Recommender(databasePath: shop.store.location.description, configuration: configuration)
        let session = ShopSession(store: shop.store, guestToken: "guest-cold", recommender: recommender)
        let app = ShopApp.makeApp(session: session, context: AppContext(now: 0))
        let driver = AppDriver(app: app)
        let first = driver.render(Size(width: 120, height: 40)).text
        #expect(recommender.model == nil)
        let popular = try shop.store.popularProducts(k: 7)
        let best = try #require(popular.items.first)
        #expect(first.contains("Popular") && !first.contains("Trending"), "the strip is headed by what it shows")
        #expect(first.contains(best.product.title), "the shop's best seller is listed in the first frame")
        #expect(!first.contains("No suggestions yet"))
        assertSnapshot(driver.render(Size(width: 120, height: 40)), named: "home-popular-no-model-120x40")

        // A product page lists its category's best sellers, never the product itself.
        driver.send([.tab, .enter])
        let product = try #require(app.stack.top as? ProductScreen)
        let page = driver.render(Size(width: 120, height: 40)).text
        #expect(page.contains("Popular in"))
        let detail = try shop.store.catalog.product(handle: product.handle, caller: session.caller)
        let expected = try shop.store.popularProducts(category: detail.categoryPath.last?.id, excluding: detail.summary.id, k: 6)
        let listed = try #require(expected.items.first)
        #expect(page.contains(listed.product.title))
    }

    @Test func theStripFollowsTheModelOnceItServes() async throws {
        let shop = try ShopFixture()
        let recommender = Recommender(databasePath: shop.store.location.description)
        let session = ShopSession(store: shop.store, guestToken: "guest-warm", recommender: recommender)
        let app = ShopApp.makeApp(session: session, context: AppContext(now: 0))
        let first = BufferSurface(size: Size(width: 120, height: 40))
        app.render(into: first)
        #expect(first.text.contains("Trending") || first.text.contains("Popular"))
        #expect(await recommender.waitUntilCurrent(timeout: .seconds(60)))
        _ = app.onPoll?()
        let ready = BufferSurface(size: Size(width: 120, height: 40))
        app.render(into: ready)
        let best = try #require(recommender.trending(k: 1).items.first)
        #expect(ready.text.contains("Trending"), "the model's list replaces the popular one")
        #expect(ready.text.contains(best.product.title), "the strip fills once the model serves")
        #expect(session.recommendationVersion >= 1)
    }

    @Test func whileTheShopsModelFileLoadsTheStripWaitsForItInsteadOfAskingTheDatabase() async throws {
        let shop = try ShopFixture()
        let path = shop.store.location.description
        // Another process built the shop's model earlier.
        let builder = Recommender(databasePath: path)
        #expect(builder.status == .warmingUp, "no model file yet")
        #expect(await builder.waitUntilCurrent(timeout: .seconds(60)))
        // A new session finds the file; its worker has not loaded it yet (as in the first frame).
        var configuration = RecommenderConfiguration()
        configuration.startDelay = .seconds(600)
        let waiting = Recommender(databasePath: path, configuration: configuration)
        #expect(waiting.status == .loading)
        let session = ShopSession(store: shop.store, guestToken: "guest-loading", recommender: waiting)
        let app = ShopApp.makeApp(session: session, context: AppContext(now: 0))
        let first = AppDriver(app: app).render(Size(width: 120, height: 40)).text
        #expect(first.contains("Loading\(Glyph.ellipsis)"))
        #expect(!first.contains("No suggestions yet"))
        let best = try #require(try shop.store.popularProducts(k: 1).items.first)
        #expect(!first.contains(best.product.title), "the best sellers were not asked for")
        // A session whose worker loads the file shows the model's list.
        let loading = Recommender(databasePath: path)
        let other = ShopSession(store: shop.store, guestToken: "guest-loaded", recommender: loading)
        let otherApp = ShopApp.makeApp(session: other, context: AppContext(now: 0))
        _ = AppDriver(app: otherApp).render(Size(width: 120, height: 40))
        #expect(await loading.waitUntilCurrent(timeout: .seconds(60)))
        _ = otherApp.onPoll?()
        let ready = AppDriver(app: otherApp).render(Size(width: 120, height: 40)).text
        let top = try #require(loading.trending(k: 1).items.first)
        #expect(ready.contains("Trending") && ready.contains(top.product.title))
        #expect(!ready.contains("Loading\(Glyph.ellipsis)"))
    }
}
