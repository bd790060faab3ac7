import Commerce
import CurioTestSupport
import Foundation
import Storefront
import Testing
import TerminalUI

/// The shop app on a demo store (`DemoShop`), driven without a terminal.
@MainActor
final class ShopFixture {
    nonisolated static let now: Int64 = DemoShop.now
    let shop: DemoShop
    var directory: URL { shop.directory }
    var store: Store { shop.store }
    let session: ShopSession
    let app: App
    private var driver: AppDriver
    /// The terminal size frames are drawn at between keys.
    var size: Size {
        get { driver.size }
        set { driver.size = newValue }
    }

    /// A fresh demo shop; `recommending` builds a recommender at once (with the seed's fixed clock) and
    /// gives it to the session, as the app does in the background. `shop` shares a demo shop with
    /// another fixture (the back office's, say).
    init(recommending: Bool = false, shop: DemoShop? = nil) throws {
        self.shop = try shop ?? DemoShop(prefix: "curio-storefront")
        var configuration = RecommenderConfiguration()
        configuration.clock = .fixed(ShopFixture.now)
        configuration.pollInterval = nil
        let recommender = recommending ? try Recommender.build(from: self.shop.store, configuration: configuration) : nil
        session = ShopSession(store: self.shop.store, guestToken: "guest-test", recommender: recommender)
        app = ShopApp.makeApp(session: session, context: AppContext(now: 0))
        driver = AppDriver(app: app)
        _ = render()  // the first frame loads the home screen, as in the terminal
    }

    /// Sends keys in order, drawing a frame after each as the terminal loop does.
    func send(_ keys: Key...) { driver.send(keys) }

    /// Sends keys one after another with no frame drawn between them, as when they arrive in one
    /// read from the terminal (fast typing, a burst over SSH); one frame is drawn at the end.
    func sendTogether(_ keys: Key...) {
        for key in keys { app.send(key) }
        _ = render(size)
    }

    /// Types text key by key (not as a paste), drawing after each as the terminal loop does.
    func typeKeys(_ text: String) {
        for character in text { send(.char(character)) }
    }

    /// Signs in the demo account of `role` on the sign-in screen (opened with u) and comes back.
    func signIn(as role: Commerce.Role) throws {
        let account = try DemoShop.account(role)
        send(.char("u"))
        type(account.email, then: .tab)
        type(account.password, then: .enter)
    }

    /// Types text into the focused field, then moves on with `then`.
    func type(_ text: String, then key: Key? = nil) { driver.type(text, then: key) }

    /// The frame at `size`.
    func render(_ size: Size = Size(width: 120, height: 40)) -> BufferSurface { driver.render(size) }

    /// The frame's text at `size`.
    func screen(_ size: Size = Size(width: 120, height: 40)) -> String { render(size).text }

    /// Opens the first product of the first listing and adds one to the cart.
    func addFirstProductToCart() {
        send(.tab, .enter)
        send(.char("a"))
    }

    /// Signs the demo customer in through the Account screen and comes back.
    func signInAsShopper() throws { try signIn(as: .customer) }

    /// Lets the toasts shown so far expire (the fixture's clock otherwise stands still), for snapshots.
    func expireToasts() {
        app.context.now += 60
    }

    /// The cart as the store has it for the session's shopper.
    func cart() throws -> CartView { try store.carts.cart(as: session.caller) }
}
