import Backoffice
import Commerce
import CurioTestSupport
import Storefront
import Testing
import TerminalUI

/// The other sections (Customers, Discounts), the `/` filter, and the shop's key into the back office.
@MainActor
@Suite struct SectionTests {
    @Test func customersListsAccountsAndFilters() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .admin)
        fixture.send(.char("4"))
        #expect(fixture.screen().contains("Accounts · "))
        fixture.send(.char("/"))
        fixture.type("curio.shop", then: .enter)
        let screen = fixture.screen()
        #expect(screen.contains("staff@curio.shop"))
        #expect(screen.contains("3 of "))
        #expect(!screen.contains("example.com"))
        // The generated customers were made on the seed's clock, so their snapshot stays the same.
        fixture.send(.char("/"), .escape, .char("/"))
        fixture.type("petrov", then: .enter)
        fixture.expireToasts()
        assertSnapshots(fixture, named: "customers-filtered")
    }

    @Test func anAdminMakesACustomerStaffAfterConfirming() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .admin)
        fixture.send(.char("4"), .char("/"))
        fixture.type("shopper@curio.shop", then: .enter)
        fixture.send(.char("r"), .down, .enter)
        #expect(fixture.screen().contains("Make shopper@curio.shop staff (now customer)?"))
        fixture.send(.char("y"))
        #expect(try fixture.store.accounts.profile(email: "shopper@curio.shop", as: .system).role == .staff)
    }

    @Test func staffCannotChangeRolesAndDisablingAsks() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .staff)
        fixture.send(.char("4"))
        #expect(!fixture.screen().contains("r Set role"), "only admins are offered roles")
        fixture.send(.char("/"))
        fixture.type("shopper@curio.shop", then: .enter)
        fixture.send(.char("d"))
        #expect(fixture.screen().contains("Disable shopper@curio.shop? They can no longer sign in."))
        fixture.send(.char("y"))
        #expect(try fixture.store.accounts.profile(email: "shopper@curio.shop", as: .system).disabled)
    }

    @Test func discountsListCodesAndANewCodeShowsItsErrorUnderTheField() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .staff)
        fixture.send(.char("5"))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "discounts")
        fixture.send(.char("n"))
        fixture.type("x!", then: .tab)
        fixture.type("10%", then: .tab)
        fixture.send(.tab, .enter)
        #expect(fixture.screen().contains("Code: use 3 to 32 of the letters A-Z"))
        assertSnapshots(fixture, named: "discount-new-error")
        // The service's error focused the code field.
        fixture.send(.backspace, .backspace)
        fixture.type("SPRING10", then: .tab)
        fixture.send(.tab, .tab, .enter)
        fixture.expireToasts()
        let codes = try fixture.store.discounts.list(by: .system)
        #expect(codes.contains { $0.code == "SPRING10" && $0.value == .percent(10) })
        fixture.send(.char("/"))
        fixture.type("SPRING10", then: .enter)
        fixture.send(.char("x"), .char("y"))
        #expect(try fixture.store.discounts.list(by: .system).contains { $0.code == "SPRING10" && !$0.active })
    }

    @Test func signedInStaffSwitchFromTheShopToTheBackOfficeAndBack() throws {
        let shop = try DemoShop(prefix: "curio-switch")
        #expect(!(try shopApp(on: shop, signedInAs: nil).render().text.contains("b Back office")), "a guest is not offered the back office")
        let app = try shopApp(on: shop, signedInAs: .staff)
        #expect(app.render().text.contains("b Back office"))
        app.send([.char("b")])
        let office = app.render().text
        #expect(office.contains("1 Dashboard"))
        #expect(office.contains("b Shop"))
        app.send([.char("4"), .char("b")])
        #expect(app.render().text.contains("Categories"), "b goes back to the shop from any section")
    }

    @Test func aShopperIsNotOfferedTheBackOffice() throws {
        let app = try shopApp(on: try DemoShop(prefix: "curio-switch"), signedInAs: .customer)
        app.send([.char("b")])
        #expect(!app.render().text.contains("Back office"))
        #expect(app.render().text.contains("Categories"))
    }
}
