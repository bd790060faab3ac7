import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Money must never move without the books following: refunds, late charges, cancellations in flight.
@Suite struct PaymentRaceTests {
    func card(_ number: String = "4242424242424242") throws -> PaymentChoice {
        .card(try CardDetails(number: number, expiry: "12/39", cvc: "123"))
    }

    func request(_ variant: VariantID, token: String = Checkout.newToken(), payment: PaymentChoice, quantity: Int = 1,
                 email: String = "alice@example.com") -> CheckoutRequest {
        CheckoutRequest(token: token, email: email, items: [CheckoutItem(variant: variant, quantity: quantity)],
                        address: CheckoutTests.address, payment: payment)
    }

    @Test func anOrderWhosePaymentIsInFlightCannotBeCancelled() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        shop.store.paymentGateway = CrashingGateway()
        _ = try? shop.store.checkout.place(request(mug, payment: try card()), as: shop.alice)
        let number = try #require(try shop.store.orders.history(as: shop.alice).first?.number)
        #expect(throws: CommerceError.notAllowed("the payment for order #\(number) is still being processed; try again in a minute")) {
            try shop.store.orders.cancel(number: number, reason: "", by: shop.alice)
        }
    }

    @Test func aChargeThatLandsAfterRecoveryIsRefundedNotKept() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 2500, stock: 5)[0]
        // While this process charges, another declares the checkout dead and cancels it.
        let location = shop.store.location
        shop.store.paymentGateway = SlowGateway(duringCharge: {
            let other = try? Store(location: location)
            _ = try? other?.checkout.recoverInterrupted(olderThan: 0)
        })
        #expect {
            try shop.store.checkout.place(request(mug, payment: try card()), as: shop.alice)
        } throws: { error in
            guard case .notAllowed(let why) = error as? CommerceError else { return false }
            return why.contains("has been refunded")
        }
        let order = try #require(try shop.store.orders.list(as: shop.staff).first)
        #expect(order.status == .cancelled && order.paymentStatus == .refunded)
        let detail = try shop.store.orders.detail(number: order.number, as: shop.staff)
        #expect(detail.payments.map { "\($0.kind):\($0.status)" } == ["charge:succeeded", "refund:succeeded"])
        #expect(try shop.store.productEditor.stockLevel(of: mug) == 5)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func aRefusedRefundChangesNothingButSaysSo() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 2000, stock: 5)[0]
        let placed = try shop.store.checkout.place(request(mug, payment: try card()), as: shop.alice)
        shop.store.paymentGateway = RefusingRefundGateway()
        #expect {
            try shop.store.orders.refund(number: placed.number, amount: shop.money(500), reason: "", by: shop.staff)
        } throws: { ($0 as? CommerceError)?.kind == "paymentDeclined" }
        let detail = try shop.store.orders.detail(number: placed.number, as: shop.staff)
        #expect(detail.summary.paymentStatus == .paid && detail.refunded.minorUnits == 0)
        #expect(detail.payments.map { "\($0.kind):\($0.status)" } == ["charge:succeeded", "refund:failed"])
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func aRefundTheGatewayDidNotAnswerIsRetriedLater() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 2000, stock: 5)[0]
        let placed = try shop.store.checkout.place(request(mug, payment: try card()), as: shop.alice)
        shop.store.paymentGateway = CrashingGateway()
        #expect { try shop.store.orders.cancel(number: placed.number, reason: "", by: shop.staff) }
            throws: { ($0 as? CommerceError)?.kind == "paymentUnavailable" }
        var detail = try shop.store.orders.detail(number: placed.number, as: shop.staff)
        #expect(detail.summary.status == .cancelled && detail.summary.paymentStatus == .paid)
        // Pending refunds count against what can still be refunded.
        #expect(throws: CommerceError.self) {
            try shop.store.orders.refund(number: placed.number, amount: shop.money(1), reason: "", by: shop.staff)
        }
        shop.store.paymentGateway = TestGateway()
        #expect(try shop.store.orders.retryStalledRefunds(olderThan: 0) == 1)
        detail = try shop.store.orders.detail(number: placed.number, as: shop.staff)
        #expect(detail.summary.paymentStatus == .refunded && detail.refunded == detail.summary.total)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func cardOrdersAreNotMarkedPaidByHand() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        shop.store.paymentGateway = CrashingGateway()
        _ = try? shop.store.checkout.place(request(mug, payment: try card()), as: shop.alice)
        let number = try #require(try shop.store.orders.list(as: shop.staff).first?.number)
        #expect(throws: CommerceError.notAllowed("order #\(number) is paid by card; only pay-on-delivery orders are marked paid by hand")) {
            try shop.store.orders.markPaid(number: number, by: shop.staff)
        }
    }

    @Test func theSameItemTwiceIsOneLineAndOneStockCheck() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 13)[0]
        var req = request(mug, payment: try card(), quantity: 10)
        req.items.append(CheckoutItem(variant: mug, quantity: 10))
        #expect(throws: CommerceError.outOfStock(item: "Mug", available: 13)) { try shop.store.checkout.place(req, as: shop.alice) }
        req.items = [CheckoutItem(variant: mug, quantity: 3), CheckoutItem(variant: mug, quantity: 4)]
        let placed = try shop.store.checkout.place(req, as: shop.alice)
        #expect(try shop.store.orders.detail(number: placed.number, as: shop.alice).lines.map(\.quantity) == [7])
    }

    @Test func repeatedDeclinesSlowDownFurtherCheckouts() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 50)[0]
        for _ in 0..<4 { _ = try? shop.store.checkout.place(request(mug, payment: try card("4000000000000002")), as: shop.alice) }
        #expect {
            try shop.store.checkout.place(request(mug, payment: try card()), as: shop.alice)
        } throws: { ($0 as? CommerceError)?.kind == "throttled" }
        // Another shopper is not affected.
        _ = try shop.store.checkout.place(request(mug, payment: try card(), email: "bob@example.com"), as: shop.bob)
    }

    @Test func guessingOrderNumbersForAnEmailIsSlowedDown() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        let placed = try shop.store.checkout.place(request(mug, payment: try card(), email: "guest@example.com"), as: shop.guest)
        for guess in 1...4 { _ = try? shop.store.orders.find(number: placed.number + guess, email: "guest@example.com") }
        #expect { try shop.store.orders.find(number: placed.number, email: "guest@example.com") }
            throws: { ($0 as? CommerceError)?.kind == "throttled" }
    }
}

/// A gateway that runs something while the charge is "in flight", then succeeds.
struct SlowGateway: PaymentGateway {
    let name = "test"
    let duringCharge: @Sendable () -> Void
    func charge(_ amount: Money, card: CardDetails, idempotencyKey: String) -> GatewayResult {
        duringCharge()
        return TestGateway().charge(amount, card: card, idempotencyKey: idempotencyKey)
    }
    func refund(_ amount: Money, chargeReference: String, idempotencyKey: String) -> GatewayResult {
        TestGateway().refund(amount, chargeReference: chargeReference, idempotencyKey: idempotencyKey)
    }
}

/// A gateway that takes charges but refuses every refund.
struct RefusingRefundGateway: PaymentGateway {
    let name = "test"
    func charge(_ amount: Money, card: CardDetails, idempotencyKey: String) -> GatewayResult {
        TestGateway().charge(amount, card: card, idempotencyKey: idempotencyKey)
    }
    func refund(_ amount: Money, chargeReference: String, idempotencyKey: String) -> GatewayResult {
        .declined(code: .processingError)
    }
}
