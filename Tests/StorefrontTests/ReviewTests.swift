import Commerce
import Testing
import TerminalUI
@testable import Storefront

@MainActor
@Suite("Storefront reviews") struct ReviewTests {
    @Test func guestsAreAskedToSignInFirst() throws {
        let shop = try ShopFixture()
        shop.send(.tab, .enter, .char("r"))
        #expect(shop.app.stack.top is ProductScreen)
        #expect(shop.screen().contains("Sign in to write a review"))
    }

    @Test func writingAReviewShowsFieldErrorsThenPostsAndRefreshesTheProduct() throws {
        let shop = try ShopFixture()
        try shop.signInAsShopper()
        shop.send(.tab, .enter)
        let product = try #require(shop.app.stack.top as? ProductScreen)
        let before = try shop.store.catalog.product(handle: product.handle, caller: .system).summary.rating.count
        shop.send(.char("r"))
        let form = try #require(shop.app.stack.top as? ReviewScreen)
        #expect(!form.isEditing)
        shop.send(.enter)  // rating → title
        shop.type(String(repeating: "long ", count: 30), then: .enter)
        shop.type("Dries fast and packs small.", then: .enter)  // Enter on the body posts
        #expect(shop.screen().contains("Choose 1 to 5 stars."), "no stars chosen yet")
        shop.send(.char("4"), .tab, .enter)
        #expect(shop.screen().contains("At most 120 characters (got 149)."), "Commerce's rule shows under the title")
        shop.expireToasts()
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "review-form-\(size.width)x\(size.height)") }
        shop.send(.backTab, .backTab, .tab)  // back to the title
        shop.send(.ctrl("u"))
        shop.type("Good towel", then: .enter)
        shop.send(.enter)
        #expect(shop.app.stack.top === product, "posting returns to the product")
        let text = shop.screen()
        #expect(text.contains("Thank you! Your review is posted"))
        #expect(text.contains("Reviews (\(before + 1))") && text.contains("Good towel"))
        #expect(text.contains("\(before + 1) reviews"))
        let mine = try #require(try shop.store.reviews.mine(product: try shop.store.catalog.product(handle: product.handle, caller: .system).summary.id,
                                                           as: shop.session.caller))
        #expect(mine.rating == 4 && mine.title == "Good towel" && mine.body == "Dries fast and packs small.")
        shop.send(.char("r"))
        #expect((shop.app.stack.top as? ReviewScreen)?.isEditing == true, "a second review edits the first")
    }
}
