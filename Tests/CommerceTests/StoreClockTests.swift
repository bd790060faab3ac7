import Foundation
import Testing
@testable import Commerce

/// Every service of a store reads the store's clock: fixed, the times it records are the clock's,
/// and moving it moves what the services compare with.
@Suite struct StoreClockTests {
    @Test func anOrderItsTimelineAndTheAuditLogAreDatedByTheStoresClock() throws {
        let shop = try ShopFixture()
        let at: Int64 = 1_790_000_000_000
        shop.store.clock = .fixed(at)
        let mug = try shop.product("Mug", stock: 5)[0]
        let placed = try shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address, payment: .payOnDelivery), as: shop.alice)
        try shop.store.orders.startProcessing(number: placed.number, by: shop.staff)
        let order = try shop.store.orders.detail(number: placed.number, as: shop.staff)
        #expect(order.summary.placedAt == at)
        #expect(order.timeline.count >= 2 && order.timeline.allSatisfy { $0.at == at })
        let entries = try shop.store.auditTrail.entries(limit: 100, as: shop.staff).filter { $0.entity == "order" }
        #expect(entries.map(\.at) == [at], "the staff's status change")
        let today = try #require(try shop.store.reports.sales(days: 1, as: shop.staff).days.last)
        #expect(today.day == CivilDay(milliseconds: at) && today.orders == 1, "the report's today is the clock's")
    }

    @Test func aRecommenderBuiltFromTheStoreFitsAtTheStoresTime() throws {
        let shop = try ShopFixture()
        let at: Int64 = 1_790_000_000_000
        shop.store.clock = .fixed(at)
        let mug = try shop.product("Mug", stock: 5)[0]
        _ = try shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address, payment: .payOnDelivery), as: shop.alice)
        let recommender = try Recommender.build(from: shop.store)
        #expect(recommender.model?.builtAt == at)
        // A clock of the recommender's own still wins.
        var configuration = RecommenderConfiguration()
        configuration.clock = .fixed(at + 1)
        #expect(try Recommender.build(from: shop.store, configuration: configuration).model?.builtAt == at + 1)
    }

    @Test func recoveringInterruptedCheckoutsCountsTheGraceOnTheStoresClock() throws {
        let shop = try ShopFixture()
        let start: Int64 = 1_790_000_000_000
        shop.store.clock = .fixed(start)
        let mug = try shop.product("Mug", stock: 5)[0]
        shop.store.paymentGateway = CrashingGateway()
        _ = try? shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address,
                            payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))),
            as: shop.alice)
        shop.store.paymentGateway = TestGateway()
        #expect(try shop.store.checkout.recoverInterrupted(olderThan: 600).isEmpty, "placed just now on the store's clock")
        shop.store.clock = .fixed(start + 601_000)
        #expect(try shop.store.checkout.recoverInterrupted(olderThan: 600).count == 1, "ten minutes later on the store's clock")
    }

    @Test func theWallClockIsTheDefaultAndAgoIsClamped() throws {
        let (store, dir) = try makeStore()
        defer { _ = dir }
        let before = Clock.millisecondsNow()
        let now = store.clock.now()
        #expect(now >= before && now <= Clock.millisecondsNow())
        let fixed = Clock.fixed(1_000_000)
        #expect(fixed.ago(60) == 1_000_000 - 60_000)
        #expect(fixed.ago(-5) == 1_000_000 && fixed.ago(.nan) == 1_000_000)
        #expect(fixed.ago(.infinity) == 1_000_000 - 315_360_000_000)
    }
}
