import Backoffice
import Commerce
import CurioTestSupport
import Testing
import TerminalUI

/// `curio admin`'s door: staff and admins get in, a customer is refused and nothing opens.
@MainActor
@Suite struct SignInTests {
    @Test func theSignInAsksForAStaffAccount() throws {
        let fixture = try BackofficeFixture()
        #expect(fixture.screen().contains("Sign in with a staff or admin account"))
        assertSnapshots(fixture, named: "sign-in")
    }

    @Test func aCustomerCannotOpenTheBackOffice() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .customer)
        let screen = fixture.screen()
        #expect(screen.contains("shopper@curio.shop is a customer account;"))
        #expect(fixture.app.stack.depth == 1)
        #expect(!screen.contains("Orders"), "no section opened")
        // The key that opens it from the shop gives a customer nothing either.
        let customer = try fixture.store.accounts.profile(email: "shopper@curio.shop", as: .system)
        #expect(BackofficeApp.screen(store: fixture.store, user: customer) == nil)
        fixture.expireToasts()
        assertSnapshots(fixture, named: "sign-in-customer-refused")
    }

    @Test func aWrongPasswordSaysSoAndStays() throws {
        let fixture = try BackofficeFixture()
        fixture.type("staff@curio.shop", then: .tab)
        fixture.type("not-the-password", then: .enter)
        #expect(fixture.screen().contains("Staff sign-in"))
        #expect(fixture.app.stack.depth == 1)
    }

    @Test func staffLandOnTheDashboard() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .staff)
        let screen = fixture.screen()
        #expect(screen.contains("staff@curio.shop · staff"))
        #expect(screen.contains("1 Dashboard"))
        #expect(screen.contains("Revenue"))
        #expect(screen.contains("Awaiting fulfilment"))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "dashboard")
    }

    @Test func theQueueShowsEachStatusWithItsCount() throws {
        let fixture = try BackofficeFixture()
        try fixture.openOrders()
        let pending = try fixture.store.orders.list(status: .pending, as: .system).count
        #expect(fixture.screen().contains("Pending \(pending) "))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "orders-queue")
        // More delivered orders than the queue loads: the tab still counts them exactly.
        let delivered = try fixture.store.orders.list(status: .delivered, limit: 100_000, as: .system).count
        #expect(delivered > 500)
        fixture.send(.char("l"), .char("l"), .char("l"))
        let screen = fixture.screen()
        #expect(screen.contains("Delivered \(delivered) "))
        #expect(screen.contains("Delivered · first 500 of \(delivered)"))
        #expect(!screen.contains("500+"))
    }
}
