@_spi(Storage) import Commerce
import Testing
import TerminalUI
@testable import Storefront

@MainActor
@Suite("Storefront inbox") struct InboxTests {
    /// Registers Ivy, signs her in through the Account screen, places an order for her and delivers
    /// the outbox on a second connection (as the app's background loop does), so her inbox holds a
    /// welcome and an order confirmation. Their times are pinned to the seed's clock for snapshots.
    private func ivyWithTwoMessages(_ shop: ShopFixture) throws {
        _ = try shop.store.accounts.register(email: "ivy@example.com", name: "Ivy Reader", password: "ivy-password-1")
        shop.send(.char("u"))
        shop.type("ivy@example.com", then: .tab)
        shop.type("ivy-password-1", then: .enter)
        #expect(shop.session.user?.email == "ivy@example.com")
        shop.addFirstProductToCart()
        shop.send(.escape)
        let address = Address(name: "Ivy Reader", line1: "1 Page Lane", city: "Springfield", region: "", postalCode: "12345", country: "US")
        _ = try shop.store.checkout.placeCart(token: "ivy-order", email: "ivy@example.com", address: address, shippingMethod: nil,
                                              payment: .payOnDelivery, reviewedTotal: nil, as: shop.session.caller)
        let delivery = try Store(path: shop.store.location.description)
        let dispatcher = try Dispatcher(store: delivery, subscribers: [NotificationSubscriber(maildir: Maildir.beside(databasePath: delivery.location.description))])
        while try dispatcher.dispatchPending(limit: 500).attempted > 0 {}
        _ = try delivery.db.execute("UPDATE notifications SET created_at = ?", ShopFixture.now)
    }

    @Test func guestsAreAskedToSignIn() throws {
        let shop = try ShopFixture()
        shop.send(.char("n"))
        #expect(shop.app.stack.top is InboxScreen)
        #expect(shop.screen().contains("Sign in to see your messages"))
        shop.send(.char("u"))
        #expect(shop.app.stack.top is SignInScreen)
    }

    @Test func unreadCountInTheTitleBarAndReadingMarksRead() throws {
        let shop = try ShopFixture()
        try ivyWithTwoMessages(shop)
        #expect(shop.session.pollOutsideChanges(), "the delivery on another connection is noticed")
        #expect(shop.screen().contains("ivy@example.com · 2 new · cart 0"), "the whole email when it fits")
        shop.send(.char("n"))
        let inbox = try #require(shop.app.stack.top as? InboxScreen)
        #expect(inbox.items.count == 2 && inbox.items.allSatisfy(\.isUnread))
        shop.expireToasts()
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "inbox-\(size.width)x\(size.height)") }
        let welcome = try #require(inbox.items.firstIndex { $0.kind == NotificationKind.welcome.rawValue })
        for _ in 0..<welcome { shop.send(.down) }
        shop.send(.enter)
        #expect(shop.app.stack.top is InboxMessageScreen)
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "inbox-message-\(size.width)x\(size.height)") }
        #expect(shop.screen().contains("ivy@example.com · 1 new · cart 0"))
        #expect(try shop.store.notifications.unreadCount(as: shop.session.caller) == 1)
        shop.send(.escape)
        #expect(shop.screen().contains("Inbox · 1 unread"))
        shop.send(.char("m"))
        #expect(shop.screen().contains("Marked 1 message read"))
        #expect(shop.screen().contains("ivy@example.com · cart 0"))
    }
}
