import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The services behind what a newcomer hit (issue 13): declined checkouts that are not orders,
/// addresses a message can reach, card expiries, interaction files with extreme numbers.
@Suite struct NewcomerServiceTests {
    static let address = Address(name: "Alice", line1: "1 Main St", city: "Portland", region: "OR", postalCode: "97201", country: "US")

    private func checkout(_ shop: ShopFixture, _ variant: VariantID, card: String?, as caller: Caller,
                          email: String = "alice@example.com") throws(CommerceError) -> PlacedOrder {
        var payment = PaymentChoice.payOnDelivery
        if let card { payment = .card(try CardDetails(number: card, expiry: "12/39", cvc: "123")) }
        return try shop.store.checkout.place(CheckoutRequest(token: Checkout.newToken(), email: email,
                                                             items: [CheckoutItem(variant: variant, quantity: 1)],
                                                             address: NewcomerServiceTests.address, payment: payment), as: caller)
    }

    /// A declined card leaves an attempt staff and doctor see, but the shopper's list, lookup and
    /// detail do not show it as an order; a cancelled pay-on-delivery order is still an order.
    @Test func aDeclinedCheckoutIsNotAnOrderToTheShopper() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        let paid = try checkout(shop, mug, card: "4242424242424242", as: shop.alice)
        #expect(throws: CommerceError.self) { try checkout(shop, mug, card: "4000000000000002", as: shop.alice) }
        let cod = try checkout(shop, mug, card: nil, as: shop.alice)
        try shop.store.orders.cancel(number: cod.number, reason: "changed my mind", by: shop.alice)
        let attempt = try #require(try shop.store.orders.list(as: shop.staff).first { $0.paymentStatus == .failed && $0.status == .cancelled && $0.number != cod.number })
        #expect(try shop.store.orders.history(as: shop.alice).map(\.number).sorted() == [paid.number, cod.number].sorted(),
                "the cancelled pay-on-delivery order stays; the declined attempt does not show")
        #expect(throws: CommerceError.notFound("no order #\(attempt.number)")) { try shop.store.orders.detail(number: attempt.number, as: shop.alice) }
        #expect(throws: CommerceError.self) { try shop.store.orders.find(number: attempt.number, email: "alice@example.com") }
        #expect(try shop.store.orders.find(number: cod.number, email: "alice@example.com").summary.status == .cancelled)
        #expect(try shop.store.orders.detail(number: attempt.number, as: shop.staff).summary.paymentStatus == .failed, "staff see it")
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    /// The decline is told at checkout: no message is sent, and an old "payment failed" row never
    /// shows in the inbox.
    @Test func aDeclinedCheckoutSendsNothingAndOldMessagesStayOutOfTheInbox() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        #expect(throws: CommerceError.self) { try checkout(shop, mug, card: "4000000000000002", as: shop.alice) }
        let dispatcher = try Dispatcher(store: shop.store, subscribers: [NotificationSubscriber(maildir: nil)])
        while try dispatcher.dispatchPending(limit: 500).attempted > 0 {}
        let kinds = try shop.db.all("SELECT kind FROM notifications WHERE user_id = ?", shop.alice.userID) { $0.string(0) }
        #expect(kinds == ["welcome"], "only the welcome; nothing about the declined checkout")
        try shop.db.execute("""
            INSERT INTO notifications(user_id, email, event_id, kind, subject, body, created_at)
            VALUES (?, 'alice@example.com', NULL, 'payment_failed', 'Payment for your order #1001 did not go through', 'x', 0)
            """, shop.alice.userID)
        #expect(try shop.store.notifications.inbox(as: shop.alice).map(\.kind) == ["welcome"])
        #expect(try shop.store.notifications.unreadCount(as: shop.alice) == 1)
    }

    @Test(arguments: [
        ("ü@exämple.com", "plain ASCII"), ("kim@exämple.com", "plain ASCII"), ("kïm@example.com", "plain ASCII"),
        ("a..b@example.com", "must look like"), ("a(b)@example.com", "must look like"), ("kim@exa_mple.com", "must look like"),
    ])
    func addressesNoMessageCouldReachAreRefused(_ text: String, _ reason: String) {
        #expect {
            _ = try EmailAddress.normalize(text)
        } throws: { error in
            guard case CommerceError.invalid("email", let why) = error else { return false }
            return why.contains(reason)
        }
    }

    @Test func everyAcceptedAddressCanBeMailed() throws {
        for text in ["Kim@Example.com", "kim.lee+shop@mail.example.co.uk", "o'brien@example.ie"] {
            let email = try EmailAddress.normalize(text)
            #expect(MailAddress.isValid(email), "\(email)")
        }
        let shop = try ShopFixture()
        #expect(throws: CommerceError.self) { _ = try shop.store.accounts.register(email: "ü@exämple.com", name: "U", password: ShopFixture.password) }
    }

    @Test func cardExpiryIsReadAndComparedToTheMonth() throws {
        let may2026 = Date(timeIntervalSince1970: 1_780_000_000)  // 2026-05-28
        #expect(try CardExpiry("05/26").hasPassed(at: may2026) == false, "good until the end of its month")
        #expect(try CardExpiry("04/26").hasPassed(at: may2026))
        #expect(try CardExpiry("12/2030") == CardExpiry("12/30"))
        #expect(try CardExpiry("1/30").description == "01/30")
        for bad in ["13/30", "12", "12/3", "ab/cd", "12/-5", ""] {
            #expect(throws: CommerceError.invalid(field: "expiry", reason: "write it as MM/YY")) { _ = try CardExpiry(bad) }
        }
    }

    /// Timestamps at the ends of Int64 are refused with their line; a library caller's are clamped,
    /// and the evaluation runs to the end without trapping.
    @Test func extremeTimestampsNeverTrap() throws {
        let text = "u\ta\t-9223372036854775808\nu\tb\t9223372036854775807\nu\tc\t+99999999999999999\n"
        #expect {
            _ = try InteractionFile.parse(text, file: "x.tsv")
        } throws: { error in
            guard case InteractionFileError.malformed(let issues) = error else { return false }
            return issues.map(\.line) == [1, 2, 3] && issues.allSatisfy { $0.reason.contains("outside the years 0001 to 9999") }
        }
        let clamped = RawInteraction(user: "u", item: "a", time: .min)
        #expect(clamped.time == RawInteraction.timeRange.lowerBound)
        let events = [RawInteraction(user: "u1", item: "a", time: .min), RawInteraction(user: "u1", item: "b", time: .max),
                      RawInteraction(user: "u1", item: "c", time: 0), RawInteraction(user: "u2", item: "a", time: .max),
                      RawInteraction(user: "u2", item: "c", time: .min)]
        let report = Evaluator.evaluate(events, source: "extremes")
        #expect(report.interactions == 5 && !report.models.isEmpty)
    }

    /// The demo seeds from the catalog's bytes as well as from its folder (the binary carries them).
    @Test func theDemoSeedsFromTheCatalogsBytes() throws {
        let (store, _) = try makeStore()
        let csv = try Data(contentsOf: URL(fileURLWithPath: ImportFixtures.sampleData).appendingPathComponent("products.csv"))
        let report = try DemoSeeder.seed(store: store, catalogCSV: [UInt8](csv), now: 1_780_000_000_000)
        #expect(report.products == 216 && report.accounts.count == 3)
        #expect(try DemoSeeder.seedIfEmpty(store: store, catalogCSV: [UInt8](csv)) == nil, "a store with products is left alone")
    }
}
