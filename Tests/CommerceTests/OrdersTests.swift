import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The order state machine, cancellation and refunds through the service.
@Suite struct OrdersTests {
    func paidOrder(_ shop: ShopFixture, price: Int64 = 2000, quantity: Int = 2, stock: Int = 5) throws -> (Int, VariantID) {
        let mug = try shop.product("Mug", price: price, stock: stock)[0]
        let request = CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com",
                                      items: [CheckoutItem(variant: mug, quantity: quantity)], address: CheckoutTests.address,
                                      payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123")))
        return (try shop.store.checkout.place(request, as: shop.alice).number, mug)
    }

    @Test func theWholeLifeOfAnOrderIsOnItsTimeline() throws {
        let shop = try ShopFixture()
        let (number, _) = try paidOrder(shop)
        try shop.store.orders.ship(number: number, carrier: "UPS", tracking: "1Z999", by: shop.staff)
        try shop.store.orders.deliver(number: number, by: shop.staff)
        let order = try shop.store.orders.detail(number: number, as: shop.alice)
        #expect(order.summary.status == .delivered)
        #expect(order.carrier == "UPS" && order.trackingNumber == "1Z999")
        #expect(order.timeline.compactMap(\.to) == [.pending, .processing, .shipped, .delivered])
        #expect(order.timeline.last?.actor == "staff@curio.shop")
        #expect(try shop.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'OrderStatusChanged'") == 3)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM audit_log WHERE action LIKE 'order.%'") == 2)
        #expect(try shop.store.orders.history(as: shop.alice).map(\.number) == [number])
    }

    @Test func illegalTransitionsAreRefusedWithWhatIsAllowed() throws {
        let shop = try ShopFixture()
        let (number, _) = try paidOrder(shop)
        #expect(throws: CommerceError.notAllowed("an order that is PROCESSING cannot become DELIVERED; it can become SHIPPED or CANCELLED")) {
            try shop.store.orders.deliver(number: number, by: shop.staff)
        }
        try shop.store.orders.ship(number: number, carrier: "DHL", tracking: "JD01", by: shop.staff)
        #expect(throws: CommerceError.notAllowed("an order that is SHIPPED cannot become CANCELLED; it can become DELIVERED")) {
            try shop.store.orders.cancel(number: number, reason: "too late", by: shop.staff)
        }
        #expect(throws: CommerceError.invalid(field: "tracking number", reason: "required")) {
            try shop.store.orders.ship(number: number, carrier: "DHL", tracking: " ", by: shop.staff)
        }
    }

    @Test func customersCannotMoveOrdersButMayCancelTheirPendingOnes() throws {
        let shop = try ShopFixture()
        let (number, _) = try paidOrder(shop)
        #expect(throws: CommerceError.forbidden("only staff can change order status")) {
            try shop.store.orders.ship(number: number, carrier: "UPS", tracking: "1", by: shop.alice)
        }
        #expect(throws: CommerceError.forbidden("only staff can cancel this order")) {
            try shop.store.orders.cancel(number: number, reason: "", by: shop.alice)  // PROCESSING: staff only
        }
        let mug = try shop.product("Cup", stock: 3)[0]
        let cod = try shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address, payment: .payOnDelivery), as: shop.alice)
        try shop.store.orders.cancel(number: cod.number, reason: "changed my mind", by: shop.alice)
        #expect(try shop.db.scalarInt("SELECT stock FROM variants WHERE id = ?", mug) == 3)
        #expect(throws: CommerceError.forbidden("only staff can list orders")) { try shop.store.orders.list(as: shop.alice) }
    }

    @Test func cancellingAPaidOrderRestocksAndRefundsInFull() throws {
        let shop = try ShopFixture()
        let (number, mug) = try paidOrder(shop, quantity: 3)
        #expect(try shop.db.scalarInt("SELECT stock FROM variants WHERE id = ?", mug) == 2)
        try shop.store.orders.cancel(number: number, reason: "out of paint", by: shop.staff)
        let order = try shop.store.orders.detail(number: number, as: shop.staff)
        #expect(order.summary.status == .cancelled && order.summary.paymentStatus == .refunded)
        #expect(order.refunded == order.summary.total)
        #expect(try shop.db.scalarInt("SELECT stock FROM variants WHERE id = ?", mug) == 5)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func partialRefundsAddUpAndCannotExceedWhatWasPaid() throws {
        let shop = try ShopFixture()
        let (number, _) = try paidOrder(shop)
        let total = try shop.store.orders.detail(number: number, as: shop.staff).summary.total
        try shop.store.orders.refund(number: number, amount: shop.money(1000), reason: "scratched", by: shop.staff)
        #expect(try shop.store.orders.detail(number: number, as: shop.staff).summary.paymentStatus == .partiallyRefunded)
        let left = total.minorUnits - 1000
        #expect(throws: CommerceError.invalid(field: "amount", reason: "at most \(shop.money(left).formatted) can still be refunded")) {
            try shop.store.orders.refund(number: number, amount: shop.money(left + 1), reason: "", by: shop.staff)
        }
        try shop.store.orders.refund(number: number, amount: shop.money(left), reason: "", by: shop.staff)
        let order = try shop.store.orders.detail(number: number, as: shop.staff)
        #expect(order.summary.paymentStatus == .refunded && order.refunded == total)
        #expect(order.payments.filter { $0.kind == "refund" }.count == 2)
        #expect(throws: CommerceError.notAllowed("order #\(number) has nothing to refund (payment is refunded)")) {
            try shop.store.orders.refund(number: number, amount: shop.money(1), reason: "", by: shop.staff)
        }
        #expect(throws: CommerceError.invalid(field: "amount", reason: "must be more than zero")) {
            try shop.store.orders.refund(number: number, amount: shop.money(0), reason: "", by: shop.staff)
        }
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func unpaidOrdersHaveNothingToRefund() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Cup", stock: 3)[0]
        let cod = try shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address, payment: .payOnDelivery), as: shop.alice)
        #expect(throws: CommerceError.notAllowed("order #\(cod.number) has nothing to refund (payment is pending)")) {
            try shop.store.orders.refund(number: cod.number, amount: shop.money(100), reason: "", by: shop.staff)
        }
    }

    @Test func unknownOrdersAreNotFound() throws {
        let shop = try ShopFixture()
        #expect(throws: CommerceError.notFound("no order #4242")) { try shop.store.orders.detail(number: 4242, as: shop.staff) }
    }
}

/// Stock changes by staff: reasons, events, thresholds.
@Suite struct InventoryTests {
    @Test func staffAdjustmentsAreLedgerRowsWithEventsAndAudit() throws {
        let shop = try ShopFixture()
        let lamp = try shop.product("Lamp", stock: 10)[0]
        try shop.store.productEditor.setLowStockThreshold(lamp, to: 3, by: shop.staff)
        try shop.store.productEditor.adjustStock(lamp, by: -7, reason: .adjustment, note: "water damage", by: shop.staff)
        #expect(try shop.store.productEditor.stockLevel(of: lamp) == 3)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'InventoryUpdated'") == 1)
        #expect(try shop.db.scalarString("SELECT payload FROM outbox WHERE kind = 'InventoryLow'")?.contains("\"stock\":3") == true)
        #expect(try shop.db.scalarString("SELECT note FROM inventory_ledger ORDER BY id DESC LIMIT 1") == "water damage")
        #expect(throws: CommerceError.invalid(field: "delta", reason: "would make stock -1; there are only 3 in stock")) {
            try shop.store.productEditor.adjustStock(lamp, by: -4, reason: .adjustment, by: shop.staff)
        }
        #expect(throws: CommerceError.forbidden("only staff can edit products")) {
            try shop.store.productEditor.adjustStock(lamp, by: 1, reason: .restock, by: shop.alice)
        }
        #expect(throws: CommerceError.invalid(field: "low stock threshold", reason: "must be between 0 and 100000")) {
            try shop.store.productEditor.setLowStockThreshold(lamp, to: -1, by: shop.staff)
        }
    }

    @Test func aSaleCrossingTheThresholdRaisesInventoryLowOnce() throws {
        let shop = try ShopFixture()
        let lamp = try shop.product("Lamp", stock: 7)[0]
        try shop.store.productEditor.setLowStockThreshold(lamp, to: 5, by: shop.staff)
        for _ in 0..<3 {
            _ = try shop.store.checkout.place(
                CheckoutRequest(token: Checkout.newToken(), email: "a@b.co", items: [CheckoutItem(variant: lamp, quantity: 1)],
                                address: CheckoutTests.address, payment: .payOnDelivery), as: shop.guest)
        }
        #expect(try shop.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'InventoryLow'") == 1)
    }
}
