import Commerce
import Foundation
import Storefront
import Testing
import TerminalUI

/// A real demo store in a temporary directory, seeded with a fixed clock, and the shop app on it
/// driven without a terminal.
@MainActor
final class ShopFixture {
    nonisolated static let now: Int64 = 1_780_000_000_000
    let directory: URL
    let store: Store
    let session: ShopSession
    let app: App
    /// The terminal size frames are drawn at between keys.
    var size = Size(width: 120, height: 40)

    /// A fresh demo shop; `recommending` builds a recommender at once (with the seed's fixed clock) and
    /// gives it to the session, as the app does in the background.
    init(recommending: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-storefront-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("shop.db").path)
        store.passwordHasher = .fast
        let sample = try #require(DemoSeeder.locateSampleData(near: [#filePath]))
        _ = try DemoSeeder.seed(store: store, sampleData: sample, now: ShopFixture.now)
        var configuration = RecommenderConfiguration()
        configuration.clock = { ShopFixture.now }
        configuration.pollInterval = nil
        let recommender = recommending ? try Recommender.build(from: store, configuration: configuration) : nil
        session = ShopSession(store: store, guestToken: "guest-test", recommender: recommender)
        app = ShopApp.makeApp(session: session, context: AppContext(now: 0))
        _ = render()  // the first frame loads the home screen, as in the terminal
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// Sends keys in order, drawing a frame after each as the terminal loop does.
    func send(_ keys: Key...) {
        for key in keys {
            app.send(key)
            _ = render(size)
        }
    }

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
        let account = try #require(DemoSeeder.accounts.first { $0.role == role })
        send(.char("u"))
        type(account.email, then: .tab)
        type(account.password, then: .enter)
    }

    /// Types text into the focused field, then moves on with `then`.
    func type(_ text: String, then key: Key? = nil) {
        send(.paste(text))
        if let key { send(key) }
    }

    /// The frame at `size`.
    func render(_ size: Size = Size(width: 120, height: 40)) -> BufferSurface {
        let surface = BufferSurface(size: size)
        app.render(into: surface)
        return surface
    }

    /// The frame's text at `size`.
    func screen(_ size: Size = Size(width: 120, height: 40)) -> String { render(size).text }

    /// Opens the first product of the first listing and adds one to the cart.
    func addFirstProductToCart() {
        send(.tab, .enter)
        send(.char("a"))
    }

    /// Signs the demo customer in through the Account screen and comes back.
    func signInAsShopper() throws {
        let account = try #require(DemoSeeder.accounts.first { $0.role == .customer })
        send(.char("u"))
        type(account.email, then: .tab)
        type(account.password, then: .enter)
    }

    /// Lets the toasts shown so far expire (the fixture's clock otherwise stands still), for snapshots.
    func expireToasts() {
        app.context.now += 60
    }

    /// The cart as the store has it for the session's shopper.
    func cart() throws -> CartView { try store.carts.cart(as: session.caller) }
}
