import Commerce
import Testing
import TerminalUI
@testable import Storefront

@MainActor
@Suite("Storefront account") struct AccountTests {
    /// Signs the demo shopper in and opens the Account screen with `u`.
    private func openAccount(_ shop: ShopFixture) throws -> AccountScreen {
        try shop.signInAsShopper()
        shop.send(.char("u"))
        return try #require(shop.app.stack.top as? AccountScreen)
    }

    /// Fills the address form (name prefilled) with `country`, and saves with Enter on the last field.
    private func fillAddress(_ shop: ShopFixture, line1: String, country: String) {
        shop.send(.tab)
        shop.type(line1, then: .tab)
        shop.type("Springfield", then: .tab)
        shop.send(.tab)
        shop.type("12345", then: .tab)
        shop.type(country, then: .enter)
    }

    @Test func showsNameAndEmailAndKeepsSignOut() throws {
        let shop = try ShopFixture()
        _ = try openAccount(shop)
        let text = shop.screen()
        #expect(text.contains("Sky Shopper") && text.contains("shopper@curio.shop"))
        #expect(text.contains("Home · Sky Shopper, 12 Harbour Road, Portland, OR 97214, US") && text.contains("default"), "the region too")
        shop.expireToasts()
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "account-\(size.width)x\(size.height)") }
        shop.send(.char("s"))
        #expect(shop.session.user == nil)
        #expect(!(shop.app.stack.top is AccountScreen))
        shop.send(.char("u"))
        #expect(shop.app.stack.top is SignInScreen, "a guest gets the sign-in screen")
    }

    @Test func changingTheNameUpdatesTheAccount() throws {
        let shop = try ShopFixture()
        _ = try openAccount(shop)
        shop.send(.char("e"), .ctrl("u"))
        shop.type("Sky Renamed", then: .enter)
        #expect(shop.app.stack.top is AccountScreen)
        #expect(shop.session.user?.name == "Sky Renamed")
        #expect(shop.screen().contains("Sky Renamed"))
    }

    @Test func badCountryShowsTheFieldMessageAndAValidAddressIsOfferedAtCheckout() throws {
        let shop = try ShopFixture()
        _ = try openAccount(shop)
        shop.send(.char("a"))
        #expect(shop.screen().contains("New address"))
        fillAddress(shop, line1: "1 Analytical Way", country: "U1")
        #expect(shop.screen().contains("Use the two-letter country code, like US or DE."))
        #expect(try shop.store.addresses.list(as: shop.session.caller).count == 1, "nothing saved")
        shop.expireToasts()
        for size in snapshotSizes { assertSnapshot(shop.render(size), named: "account-address-form-\(size.width)x\(size.height)") }
        shop.send(.backspace, .backspace)
        shop.type("us", then: .enter)
        let account = try #require(shop.app.stack.top as? AccountScreen)
        #expect(account.addresses.map(\.country) == ["US", "US"] && account.addresses.last?.line1 == "1 Analytical Way")
        #expect(shop.screen().contains("1 Analytical Way, Springfield, 12345, US"))
        shop.send(.escape)
        shop.addFirstProductToCart()
        shop.send(.char("c"), .enter)  // the cart's checkout
        shop.send(.enter)  // contact is prefilled
        let checkout = try #require(shop.app.stack.top as? CheckoutScreen)
        #expect(checkout.step == .address)
        let text = shop.screen()
        #expect(text.contains("Ship to a saved address") && text.contains("1 Analytical Way, Springfield, 12345, US"))
    }

    @Test func makeDefaultAndDeleteAfterConfirming() throws {
        let shop = try ShopFixture()
        let account = try openAccount(shop)
        shop.send(.char("a"))
        fillAddress(shop, line1: "1 First St", country: "US")
        #expect(account.addresses.map(\.line1) == ["12 Harbour Road", "1 First St"])
        shop.send(.down, .char("m"))
        #expect(account.addresses.map(\.line1) == ["1 First St", "12 Harbour Road"], "the default comes first")
        #expect(account.addresses.map(\.isDefault) == [true, false])
        shop.send(.up, .char("x"))
        #expect(shop.app.stack.top is ConfirmDialog)
        #expect(shop.screen().contains("Delete Sky Shopper, 1 First St"))
        shop.send(.char("n"))
        #expect(account.addresses.count == 2, "no keeps the address")
        shop.send(.char("x"), .char("y"))
        #expect(shop.app.stack.top === account)
        #expect(account.addresses.map(\.line1) == ["12 Harbour Road"])
        #expect(account.addresses.first?.isDefault == true, "the remaining one becomes default")
        #expect(try shop.store.addresses.list(as: shop.session.caller).map(\.line1) == ["12 Harbour Road"])
        #expect(!shop.screen().contains("1 First St"))
    }

    @Test func editingAnAddressKeepsItsLabel() throws {
        let shop = try ShopFixture()
        let account = try openAccount(shop)
        shop.send(.enter)
        #expect(shop.screen().contains("Edit address"))
        shop.send(.tab, .ctrl("u"))
        shop.type("9 Ninth St", then: .ctrl("s"))
        #expect(shop.app.stack.top === account)
        #expect(account.addresses.map(\.line1) == ["9 Ninth St"])
        #expect(account.addresses.first?.label == "Home" && account.addresses.first?.isDefault == true)
    }

    @Test func wrongCurrentPasswordShowsUnderTheField() throws {
        let shop = try ShopFixture()
        let account = try openAccount(shop)
        shop.send(.char("p"))
        shop.type("not-my-password", then: .tab)
        shop.type("a-new-password-1", then: .enter)
        let text = shop.screen()
        #expect(text.contains("Is not right."))
        #expect(!text.contains("a-new-password-1") && !text.contains("not-my-password"), "passwords are masked")
        shop.send(.escape)
        #expect(shop.app.stack.top === account)
        shop.send(.char("p"))
        shop.type("curio-shopper", then: .tab)
        shop.type("a-new-password-1", then: .enter)
        #expect(shop.app.stack.top === account)
        _ = try shop.store.accounts.signIn(email: "shopper@curio.shop", password: "a-new-password-1", guestToken: "guest-other")
    }
}
