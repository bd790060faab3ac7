import Commerce
import Testing
import TerminalUI
@testable import Storefront

@MainActor
@Suite("Storefront search, checkout and sign-in") struct CheckoutFlowTests {
    @Test func searchAsYouTypeAndDidYouMean() throws {
        let shop = try ShopFixture()
        shop.send(.char("/"))
        #expect(shop.app.stack.top is SearchScreen)
        shop.type("mug")
        #expect(shop.screen().contains("Results for “mug”"))
        shop.send(.ctrl("u"))
        shop.type("mugz")
        let typo = shop.screen(Size(width: 80, height: 24))
        #expect(typo.contains("Did you mean"), "a typo offers the corrected query")
        assertSnapshot(shop.render(Size(width: 80, height: 24)), named: "search-typo-80x24")
        shop.send(.tab)
        #expect(!shop.screen().contains("No products match"))
        shop.send(.enter)
        #expect(shop.app.stack.top is ProductScreen)
    }

    /// Adds a product, opens the cart, and walks checkout as a guest up to the card step.
    private func checkoutToCard(_ shop: ShopFixture) {
        shop.addFirstProductToCart()
        shop.send(.char("c"), .enter)
        shop.type("guest@example.com", then: .enter)
        shop.send(.tab)  // leaving the empty name shows its message
        #expect(shop.screen().contains("Enter the recipient's name."))
        shop.send(.backTab)
        shop.type("Ada Lovelace", then: .tab)
        shop.type("1 Analytical Way", then: .tab)
        shop.type("Springfield", then: .tab)
        shop.send(.tab)
        shop.type("12345", then: .tab)
        shop.type("US", then: .enter)
        shop.send(.enter)  // first shipping method
        shop.send(.enter)  // card
    }

    @Test func guestCheckoutWithTheTestCardEndsOnAConfirmation() throws {
        let shop = try ShopFixture()
        checkoutToCard(shop)
        #expect(shop.screen().contains("4242 4242 4242 4242 is paid"))
        shop.type("4242 4242 4242 4242", then: .tab)
        shop.type("12/40", then: .tab)
        shop.type("123", then: .enter)
        let review = shop.screen()
        #expect(review.contains("Review your order") && review.contains("•••• 4242") && review.contains("Total"))
        let checkout = try #require(shop.app.stack.top as? CheckoutScreen)
        let token = checkout.token
        shop.send(.enter, .enter)  // a double press places once
        let placed = try #require(checkout.placed)
        #expect(checkout.token == token)
        #expect(shop.screen().contains("Thank you! Order #\(placed.number) is placed."))
        #expect(placed.paymentStatus == .paid && !placed.alreadyPlaced)
        #expect(try shop.cart().isEmpty)
        #expect(shop.screen().contains("guest · cart 0"))
        assertSnapshot(shop.render(Size(width: 80, height: 24)), named: "checkout-done-80x24")
        let order = try shop.store.orders.find(number: placed.number, email: "guest@example.com")
        #expect(order.lines.count == 1)
    }

    @Test func declinedCardShowsTheMessageAndKeepsTheCart() throws {
        let shop = try ShopFixture()
        checkoutToCard(shop)
        shop.type("4000 0000 0000 0002", then: .tab)
        shop.type("12/40", then: .tab)
        shop.type("123", then: .enter)
        shop.send(.enter)
        let checkout = try #require(shop.app.stack.top as? CheckoutScreen)
        #expect(checkout.placed == nil && checkout.step == .card)
        let text = shop.screen()
        #expect(text.contains("Payment declined"))
        #expect(try shop.cart().itemCount == 1, "the cart is kept")
        #expect(text.contains("guest · cart 1"))
    }

    @Test func signInMergesTheGuestCart() throws {
        let shop = try ShopFixture()
        shop.addFirstProductToCart()
        let guestLines = try shop.cart().lines.map(\.variantID)
        shop.send(.escape, .char("u"))
        #expect(shop.app.stack.top is SignInScreen)
        let account = try #require(DemoSeeder.accounts.first { $0.role == .customer })
        shop.type(account.email, then: .tab)
        shop.type("wrong password", then: .enter)
        #expect(shop.screen().contains("Email or password is not right"))
        shop.send(.ctrl("u"))
        shop.type(account.password, then: .enter)
        #expect(shop.session.user?.email == account.email)
        #expect(shop.screen().contains("\(account.email) · cart"))
        let merged = try shop.cart().lines.map(\.variantID)
        #expect(Set(guestLines).isSubset(of: Set(merged)))
        shop.send(.char("o"))
        #expect(shop.screen().contains("Your orders"))
    }
}
