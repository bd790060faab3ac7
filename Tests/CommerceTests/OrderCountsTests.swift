import Foundation
import Testing
@testable import Commerce

/// The fulfilment queue's exact counts per status.
@Suite struct OrderCountsTests {
    @Test func eachStatusIsCountedAsTheQueueListsIt() throws {
        let shop = try ShopFixture()
        #expect(try shop.store.orders.countsByStatus(as: shop.staff) == Dictionary(uniqueKeysWithValues: OrderStatus.allCases.map { ($0, 0) }))
        let mug = try shop.product("Mug", stock: 50)[0]
        var numbers: [Int] = []
        for _ in 0..<5 {
            numbers.append(try shop.store.checkout.place(
                CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                                address: CheckoutTests.address, payment: .payOnDelivery), as: shop.alice).number)
        }
        // A declined card checkout: cancelled, and listed (and so counted) for staff.
        _ = try? shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address,
                            payment: .card(try CardDetails(number: "4000000000000002", expiry: "12/39", cvc: "123"))), as: shop.alice)
        try shop.store.orders.startProcessing(number: numbers[0], by: shop.staff)
        try shop.store.orders.startProcessing(number: numbers[1], by: shop.staff)
        try shop.store.orders.ship(number: numbers[1], carrier: "UPS", tracking: "1Z999", by: shop.staff)
        try shop.store.orders.cancel(number: numbers[2], reason: "changed mind", by: shop.staff)
        let counts = try shop.store.orders.countsByStatus(as: shop.staff)
        #expect(counts == [.pending: 2, .processing: 1, .shipped: 1, .delivered: 0, .cancelled: 2])
        for status in OrderStatus.allCases {
            #expect(counts[status] == (try shop.store.orders.list(status: status, limit: 1000, as: shop.staff)).count, "\(status)")
        }
    }
}
