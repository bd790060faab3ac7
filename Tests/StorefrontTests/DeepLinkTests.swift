import Commerce
import Testing
import TerminalUI
@testable import Storefront

@MainActor
@Suite struct DeepLinkTests {
    @Test func onlyTheAllowlistIsALink() {
        #expect(DeepLink.parse(command: "") == .home)
        #expect(DeepLink.parse(command: "cart") == .cart)
        #expect(DeepLink.parse(command: "orders") == .orders)
        #expect(DeepLink.parse(command: "product kenya-nyeri-aa") == .product(handle: "kenya-nyeri-aa"))
        #expect(DeepLink.parse(command: "search  pour\tover ") == .search(text: "pour over"))
        for refused in ["sh -c id", "cart now", "orders; id", "product ../etc/passwd", "product Kenya", "product", "search",
                        "search \u{1b}[2Jx", "search " + String(repeating: "a", count: 101), "scp -t /tmp", "git-upload-pack x",
                        "product a b", String(repeating: "cart ", count: 60)] {
            #expect(DeepLink.parse(command: refused) == nil, "\(refused.prefix(30))")
        }
    }

    @Test func aLinkOpensItsScreenAboveTheHomeScreen() throws {
        let shop = try ShopFixture()
        #expect(ShopApp.makeApp(session: shop.session, link: .cart).stack.top is CartScreen)
        #expect(ShopApp.makeApp(session: shop.session, link: .orders).stack.top is OrdersScreen)
        let product = ShopApp.makeApp(session: shop.session, link: .product(handle: "kenya-nyeri-aa"))
        #expect(product.stack.top is ProductScreen && product.stack.depth == 2)
        #expect(ShopApp.makeApp(session: shop.session, link: .search(text: "mug")).stack.top is SearchScreen)
        #expect(ShopApp.makeApp(session: shop.session, link: .home).stack.depth == 1)
    }

    @Test func theGuestEntranceOffersNoSignIn() throws {
        let shop = try ShopFixture()
        shop.session.guestOnly = true
        shop.send(.char("u"))
        #expect(shop.screen().contains("This is the guest entrance"))
        #expect(!(shop.app.stack.top is SignInScreen))
    }
}
