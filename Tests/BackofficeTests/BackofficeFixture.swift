import Backoffice
import Commerce
import CurioTestSupport
import Foundation
import Storefront
import Testing
import TerminalUI

/// The back office app (`curio admin`) on a demo store, driven without a terminal.
@MainActor
final class BackofficeFixture {
    let shop: DemoShop
    var store: Store { shop.store }
    let app: App
    var driver: AppDriver

    /// The back office on a fresh demo shop, or on `shop` (shared with a storefront fixture);
    /// `opensUserFiles` false is SSH mode; `databaseLabel` replaces the temporary path on the System screen.
    init(shop: DemoShop? = nil, opensUserFiles: Bool = true, databaseLabel: String? = nil) throws {
        self.shop = try shop ?? DemoShop(prefix: "curio-backoffice")
        self.shop.store.clock = .fixed(DemoShop.now)
        app = BackofficeApp.makeApp(store: self.shop.store, context: AppContext(now: 0), opensUserFiles: opensUserFiles,
                                    databaseLabel: databaseLabel)
        driver = AppDriver(app: app)
        app.frameClock = BackofficeFixture.steppedFrameClock()
        _ = driver.render()
    }

    /// Frame durations for repeatable figures: each frame takes the next of 15.625, 62.5 and 31.25 ms.
    static func steppedFrameClock() -> @MainActor () -> Double {
        let steps = [1.0 / 64, 1.0 / 16, 1.0 / 32]
        var now = 0.0, calls = 0
        return {
            calls += 1
            if calls % 2 == 0 { now += steps[(calls / 2 - 1) % steps.count] }
            return now
        }
    }

    /// Sends keys in order, drawing a frame after each.
    func send(_ keys: Key...) { driver.send(keys) }

    /// Types text into the focused field, then moves on with `then`.
    func type(_ text: String, then key: Key? = nil) { driver.type(text, then: key) }

    /// Signs in on the staff sign-in screen as the demo account of `role` (the dashboard opens).
    func signIn(as role: Commerce.Role) throws {
        let account = try DemoShop.account(role)
        type(account.email, then: .tab)
        type(account.password, then: .enter)
    }

    /// Signs in as `role` and opens the fulfilment queue (section 2).
    func openOrders(as role: Commerce.Role = .staff) throws {
        try signIn(as: role)
        send(.char("2"))
    }

    /// The frame's text at `size`.
    func screen(_ size: Size = Size(width: 120, height: 40)) -> String { driver.render(size).text }

    /// Lets the toasts shown so far expire, for snapshots.
    func expireToasts() { app.context.now += 60 }

    /// Places a paid card order (or a pay-on-delivery one) for `email` (an account or a guest) of one
    /// unit of an in-stock variant, through this fixture's store or `other`; returns its number.
    @discardableResult
    func placeOrder(email: String = "kim@example.com", payOnDelivery: Bool = false, on other: Store? = nil) throws -> Int {
        let store = other ?? self.store
        let page = try store.catalog.products(caller: .system)
        let inStock = page.products.lazy.compactMap { summary in
            (try? store.catalog.product(id: summary.id, caller: .system))?.variants.first { $0.stock > 2 }
        }.first
        let variant = try #require(inStock)
        let caller = try store.accounts.list(matching: email, as: .system).first { $0.email == email }?.caller
            ?? .guest(token: "order-\(UUID().uuidString)")
        let address = Address(name: "Kim Lee", line1: "1 Main St", city: "Portland", region: "OR", postalCode: "97201", country: "US")
        let payment: PaymentChoice = payOnDelivery ? .payOnDelivery : .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))
        let request = CheckoutRequest(token: Checkout.newToken(), email: email, items: [CheckoutItem(variant: variant.id, quantity: 1)],
                                      address: address, payment: payment)
        return try store.checkout.place(request, as: caller).number
    }
}

/// Compares a surface with this target's `__Snapshots__/<name>.txt` and `.style.txt`.
@MainActor
func assertSnapshot(_ surface: BufferSurface, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    CurioTestSupport.assertSnapshot(surface, named: name, in: snapshotDirectory, sourceLocation: sourceLocation)
}

/// This target's snapshot folder.
let snapshotDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

/// Snapshots the fixture's frame at both sizes as `<name>-80x24` and `<name>-120x40`.
@MainActor
func assertSnapshots(_ fixture: BackofficeFixture, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    for size in CurioTestSupport.snapshotSizes {
        assertSnapshot(fixture.driver.render(size), named: "\(name)-\(size.width)x\(size.height)", sourceLocation: sourceLocation)
    }
}

/// The shop app on `shop` as the real binary makes it (its `b` key opens the back office for staff),
/// with the demo account of `role` signed in through the sign-in screen (nil: a guest).
@MainActor
func shopApp(on shop: DemoShop, signedInAs role: Commerce.Role?) throws -> AppDriver {
    let session = ShopSession(store: shop.store, guestToken: "guest-\(UUID().uuidString)")
    session.backOffice = { user in BackofficeApp.screen(store: shop.store, user: user) }
    let app = AppDriver(app: ShopApp.makeApp(session: session, context: AppContext(now: 0)))
    _ = app.render()
    if let role {
        let account = try DemoShop.account(role)
        app.send([.char("u")])
        app.type(account.email, then: .tab)
        app.type(account.password, then: .enter)
        app.app.context.now += 60  // the welcome toast gives the footer back
    }
    return app
}
