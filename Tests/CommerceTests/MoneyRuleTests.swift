import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Only paid orders and pay-on-delivery orders are packed; `doctor` finds card orders sent unpaid.
@Suite struct MoneyRuleTests {
    /// A card order whose charge never came back: PENDING, payment pending.
    func unpaidCardOrder(_ shop: ShopFixture) throws -> Int {
        let mug = try shop.product("Mug", stock: 5)[0]
        shop.store.paymentGateway = CrashingGateway()
        defer { shop.store.paymentGateway = TestGateway() }
        _ = try? shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address,
                            payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))),
            as: shop.alice)
        return try #require(shop.store.orders.list(as: shop.staff).first).number
    }

    @Test func anUnpaidCardOrderIsNotProcessedAndStaffAreToldWhatToDo() throws {
        let shop = try ShopFixture()
        let number = try unpaidCardOrder(shop)
        let refusal = shop.refusal { try shop.store.orders.startProcessing(number: number, by: shop.staff) }
        #expect(refusal == .notAllowed("order #\(number) is not paid (card payment is pending); \(FulfilmentRule.unpaidRemedy)"))
        let order = try shop.store.orders.detail(number: number, as: shop.staff)
        #expect(order.summary.status == .pending)
        #expect(!order.timeline.contains { $0.to == .processing })
        #expect(try Reports(store: shop.store).backlog(as: shop.staff).awaitingPayment == 1)
    }

    @Test func aPayOnDeliveryOrderIsProcessedBeforeItIsPaid() throws {
        let shop = try ShopFixture()
        let cup = try shop.product("Cup", stock: 3)[0]
        let placed = try shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: cup, quantity: 1)],
                            address: CheckoutTests.address, payment: .payOnDelivery), as: shop.alice)
        #expect(placed.status == .pending)
        try shop.store.orders.startProcessing(number: placed.number, by: shop.staff)
        #expect(try shop.store.orders.detail(number: placed.number, as: shop.staff).summary.status == .processing)
    }

    @Test func anUnpaidCardOrderMayStillBeCancelledOnceItsPaymentSettles() throws {
        let shop = try ShopFixture()
        let number = try unpaidCardOrder(shop)
        try shop.db.execute("UPDATE payments SET status = 'failed' WHERE kind = 'charge'")
        try shop.store.orders.cancel(number: number, reason: "payment never came", by: shop.staff)
        #expect(try shop.store.orders.detail(number: number, as: shop.staff).summary.status == .cancelled)
    }

    @Test func doctorReportsShippedAndDeliveredCardOrdersThatAreNotPaid() throws {
        let shop = try ShopFixture()
        let number = try unpaidCardOrder(shop)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
        // As main's code allowed: the unpaid order moved on by hand.
        try shop.db.execute("UPDATE orders SET status = 'SHIPPED' WHERE number = ?", number)
        let check = try #require(try Doctor(database: shop.db).run().first { $0.name == "shipped and delivered card orders are paid" })
        #expect(check.problems == ["order #\(number): SHIPPED but its card payment is pending"])
        try shop.db.execute("UPDATE orders SET status = 'DELIVERED' WHERE number = ?", number)
        #expect(try Doctor(database: shop.db).run().first { $0.name == "shipped and delivered card orders are paid" }?.problems
                == ["order #\(number): DELIVERED but its card payment is pending"])
    }
}
