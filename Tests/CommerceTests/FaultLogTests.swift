import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Faults reach `curio.log` at level "error" where they arise, so the System screen lists them
/// whichever screen, command or loop met them; a user's own mistakes are not logged as errors.
@Suite struct FaultLogTests {
    @Test func aDatabaseFailureInAServiceIsLoggedOnceAndShownToStaff() throws {
        let shop = try ShopFixture()
        #expect(try shop.store.systemInfo.recentErrors(5, as: shop.staff).isEmpty)
        // Store.read and Store.write are the boundary every service's SQL crosses.
        #expect(throws: CommerceError.self) { try shop.store.read { try shop.store.db.execute("SELECT no_such_column FROM products") } }
        #expect(throws: CommerceError.self) {
            try shop.store.write { try shop.store.db.execute("INSERT INTO no_such_table VALUES (1)") }
        }
        let errors = try shop.store.systemInfo.recentErrors(5, as: shop.staff)
        #expect(errors.map(\.event) == ["storage.failed", "storage.failed"])
        #expect(errors.allSatisfy { $0.level == "error" && $0.detail.contains("kind=storage") })
        #expect(errors[0].detail.contains("no_such_table"), "newest first: \(errors[0].detail)")
        #expect(errors[1].detail.contains("no_such_column"))
    }

    @Test func aNestedFailureIsLoggedOnceNotPerLayer() throws {
        let shop = try ShopFixture()
        #expect(throws: CommerceError.self) {
            try shop.store.write { try shop.store.read { try shop.store.db.execute("SELECT broken FROM nowhere") } }
        }
        #expect(try shop.store.systemInfo.recentErrors(5, as: shop.staff).count == 1)
    }

    @Test func aUsersOwnMistakesAreNotLoggedAsErrors() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 1)[0]
        #expect(throws: CommerceError.self) { try shop.store.carts.add(variant: mug, quantity: 5, as: shop.alice) }
        #expect(throws: CommerceError.self) {
            try shop.store.accounts.createUser(email: "not an email", name: "X", password: ShopFixture.password, role: .customer, by: .system)
        }
        _ = try? shop.store.checkout.place(
            CheckoutRequest(token: "declined-1", email: "a@b.co", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address,
                            payment: .card(try CardDetails(number: "4000000000000002", expiry: "12/39", cvc: "123"))),
            as: shop.guest)
        #expect(try shop.store.systemInfo.recentErrors(5, as: shop.staff).isEmpty)
    }

    @Test func aPaymentServiceThatDoesNotAnswerIsLoggedWithTheOrder() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        shop.store.paymentGateway = CrashingGateway()
        #expect(throws: CommerceError.self) {
            try shop.store.checkout.place(
                CheckoutRequest(token: "down-1", email: "a@b.co", items: [CheckoutItem(variant: mug, quantity: 1)],
                                address: CheckoutTests.address,
                                payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))),
                as: shop.guest)
        }
        let errors = try shop.store.systemInfo.recentErrors(5, as: shop.staff)
        #expect(errors.map(\.event) == ["payment.unavailable"])
        #expect(errors.first?.detail.contains("during=charge") == true)
        #expect(errors.first?.detail.contains("kind=paymentUnavailable") == true)
    }

    @Test func onlyFaultsCountAsFaults() {
        let storage = CommerceError.storage(DatabaseError(code: 5, message: "database is locked"))
        #expect(storage.isFault && CommerceError.paymentUnavailable("timed out").isFault)
        #expect(!CommerceError.invalid(field: "email", reason: "is empty").isFault)
        #expect(!CommerceError.paymentDeclined("declined").isFault && !CommerceError.signInFailed.isFault)
    }
}
