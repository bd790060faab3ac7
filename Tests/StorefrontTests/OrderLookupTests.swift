import Commerce
import Testing
import TerminalUI
@testable import Storefront

@MainActor
@Suite("Storefront guest order lookup") struct OrderLookupTests {
    /// A guest order placed for guest@example.com (pay on delivery); its number.
    private func guestOrder(_ shop: ShopFixture) throws -> Int {
        shop.addFirstProductToCart()
        shop.send(.escape)
        let address = Address(name: "Ada Lovelace", line1: "1 Analytical Way", city: "Springfield", region: "", postalCode: "12345", country: "US")
        let placed = try shop.store.checkout.placeCart(token: "lookup-order", email: "guest@example.com", address: address, shippingMethod: nil,
                                                       payment: .payOnDelivery, reviewedTotal: nil, as: shop.session.caller)
        shop.session.changed()
        return placed.number
    }

    @Test func aGuestFindsAnOrderByNumberAndEmail() throws {
        let shop = try ShopFixture()
        let number = try guestOrder(shop)
        shop.send(.char("o"))
        #expect(shop.app.stack.top is OrdersScreen)
        #expect(shop.screen().contains("Find an order"))
        shop.send(.enter, .enter)  // both empty: each field says what it wants
        #expect(shop.screen().contains("Enter the order number from your confirmation"))
        shop.type("#\(number)", then: .tab)
        shop.type("someone@example.com", then: .enter)
        #expect(shop.app.stack.top is OrdersScreen)
        #expect(shop.screen().contains("No order #\(number) was placed with that email."))
        shop.expireToasts()
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "order-lookup-\(size.width)x\(size.height)") }
        shop.send(.ctrl("u"))
        shop.type("GUEST@example.com", then: .enter)
        let detail = try #require(shop.app.stack.top as? OrderDetailScreen)
        #expect(detail.number == number)
        let text = shop.screen()
        #expect(text.contains("#\(number) · Pending") && text.contains("Timeline") && text.contains("Ships to: Ada Lovelace"))
    }

    @Test func ctrlOSignsInInstead() throws {
        let shop = try ShopFixture()
        shop.send(.char("o"))
        shop.type("q")  // typing goes to the field, not to quit
        #expect(shop.app.isRunning)
        shop.send(.ctrl("o"))
        #expect(shop.app.stack.top is SignInScreen)
    }
}
