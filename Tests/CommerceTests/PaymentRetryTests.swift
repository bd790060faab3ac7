import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// A card checkout that stopped before the charge's answer came back, settled by asking the gateway
/// again: staff's "retry payment" and `order recover`. The test gateway keeps a journal of its charges,
/// as a real gateway keeps its records, so what it says is what it did.
@Suite struct PaymentRetryTests {
    private let shop: ShopFixture
    private let mug: VariantID
    private let journal: String

    init() throws {
        shop = try ShopFixture()
        mug = try shop.product("Mug", price: 1200, stock: 5)[0]
        journal = shop.directory.file("gateway.jsonl")
        shop.store.paymentGateway = TestGateway(journal: journal)
    }

    private func card(_ number: String = "4242424242424242") throws -> PaymentChoice {
        .card(try CardDetails(number: number, expiry: "12/39", cvc: "123"))
    }

    private func request(token: String, payment: PaymentChoice) -> CheckoutRequest {
        CheckoutRequest(token: token, email: "kim@example.com", items: [CheckoutItem(variant: mug, quantity: 2)],
                        address: CheckoutTests.address, payment: payment)
    }

    /// Places a card order whose charge answer never arrives; returns its number.
    private func stoppedCheckout(token: String, card number: String = TestGateway.answerLostCard) throws -> Int {
        #expect {
            try shop.store.checkout.place(request(token: token, payment: try card(number)), as: shop.alice)
        } throws: { ($0 as? CommerceError)?.kind == "paymentUnavailable" }
        let order = try #require(try shop.store.orders.list(as: shop.staff).first)
        #expect(order.status == .pending && order.paymentStatus == .pending)
        return order.number
    }

    private func stock() throws -> Int64 { try shop.db.scalarInt("SELECT stock FROM variants WHERE id = ?", mug) ?? -1 }

    @Test func aChargeWhoseAnswerWasLostIsFoundPaidAndTheOrderGoesToProcessing() throws {
        let number = try stoppedCheckout(token: "lost-1")
        #expect(try shop.store.orders.retryPayment(number: number, by: shop.staff) == .paid)
        let order = try shop.store.orders.detail(number: number, as: shop.staff)
        #expect(order.summary.status == .processing && order.summary.paymentStatus == .paid)
        #expect(order.payments.map(\.status) == ["succeeded"])
        #expect(order.timeline.contains { $0.message.contains("found at the gateway") })
        #expect(try stock() == 3)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'OrderPlaced'") == 1)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'order.retry_payment'") == 1)
        // Asking again changes nothing and says so.
        let again = shop.refusal { try shop.store.orders.retryPayment(number: number, by: shop.staff) }
        #expect(again?.kind == "notAllowed")
        #expect(try shop.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'OrderPlaced'") == 1)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func theShopperPlacingTheSameCheckoutAgainGetsTheAnswerThatWasLost() throws {
        let number = try stoppedCheckout(token: "again-1")
        let placed = try shop.store.checkout.place(request(token: "again-1", payment: try card(TestGateway.answerLostCard)), as: shop.alice)
        #expect(placed.alreadyPlaced && placed.number == number && placed.paymentStatus == .paid && placed.status == .processing)
        #expect(try stock() == 3, "charged once, sold once")
    }

    @Test func aChargeTheGatewayNeverReceivedCancelsTheOrderAndReturnsItsStock() throws {
        // The process stopped before it reached the gateway: nothing is in the journal.
        shop.store.paymentGateway = CrashingGateway()
        let number = try stoppedCheckout(token: "never-1", card: "4242424242424242")
        shop.store.paymentGateway = TestGateway(journal: journal)
        #expect(try stock() == 3)
        #expect(try shop.store.orders.retryPayment(number: number, by: shop.staff) == .neverReceived)
        let order = try shop.store.orders.detail(number: number, as: shop.staff)
        #expect(order.summary.status == .cancelled && order.summary.paymentStatus == .failed)
        #expect(try stock() == 5)
        // The shopper places the same checkout again: it is told to start again, and no charge is made.
        let late = shop.refusal { _ = try shop.store.checkout.place(request(token: "never-1", payment: try card()), as: shop.alice) }
        #expect(late?.kind == "paymentDeclined")
        #expect(shop.store.paymentGateway.lookupCharge(idempotencyKey: "never-1") == .notFound)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func aChargeTheGatewayDeclinedCancelsTheOrder() throws {
        shop.store.paymentGateway = CrashingGateway()
        let number = try stoppedCheckout(token: "declined-1", card: "4242424242424242")
        // The gateway did receive it, and declined it; only its answer was lost.
        let declined = try CardDetails(number: "4000000000009995", expiry: "12/39", cvc: "123")
        let gateway = TestGateway(journal: journal)
        _ = gateway.charge(shop.money(2400), card: declined, idempotencyKey: "declined-1")
        shop.store.paymentGateway = gateway
        let result = try shop.store.orders.retryPayment(number: number, by: shop.staff)
        #expect(result == .declined(DeclineCode.insufficientFunds.message))
        #expect(try shop.store.orders.detail(number: number, as: shop.staff).summary.status == .cancelled)
        #expect(try stock() == 5)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'PaymentFailed'") == 1)
    }

    @Test func aGatewayThatCannotSayChangesNothing() throws {
        let number = try stoppedCheckout(token: "unknown-1")
        shop.store.paymentGateway = TestGateway()
        let refusal = shop.refusal { try shop.store.orders.retryPayment(number: number, by: shop.staff) }
        #expect(refusal?.kind == "paymentUnavailable")
        #expect(refusal?.description.contains("nothing was changed") == true)
        let order = try shop.store.orders.detail(number: number, as: shop.staff)
        #expect(order.summary.status == .pending && order.summary.paymentStatus == .pending)
        #expect(try stock() == 3)
    }

    @Test func onlyAnOrderWaitingForACardPaymentCanBeRetried() throws {
        let paid = try shop.store.checkout.place(request(token: "ok-1", payment: try card()), as: shop.alice)
        let refusal = shop.refusal { try shop.store.orders.retryPayment(number: paid.number, by: shop.staff) }
        #expect(refusal?.kind == "notAllowed")
        #expect(refusal?.description.contains("not waiting for a card payment") == true)
    }

    @Test func recoveryAsksTheGatewayBeforeItCancels() throws {
        let paid = try stoppedCheckout(token: "recover-paid")
        shop.store.paymentGateway = CrashingGateway()
        _ = try? shop.store.checkout.place(
            CheckoutRequest(token: "recover-never", email: "kim@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address, payment: try card()), as: shop.alice)
        shop.store.paymentGateway = TestGateway(journal: journal)
        let settled = try shop.store.checkout.recoverInterrupted(olderThan: 0)
        #expect(settled.count == 2)
        #expect(try shop.store.orders.detail(number: paid, as: shop.staff).summary.status == .processing,
                "the charge went through, so the order is paid, not cancelled")
        let never = try #require(settled.first { $0 != paid })
        #expect(try shop.store.orders.detail(number: never, as: shop.staff).summary.status == .cancelled)
        #expect(try stock() == 3)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func aShopFilesGatewayJournalsBesideItAndAPostgreSQLShopsKeepsNone() throws {
        let store = try reopen(shop.store)
        let expected = store.location.filePath == nil ? nil
            : (store.location.sidecarFolder as NSString).appendingPathComponent("test-gateway.jsonl")
        #expect((store.paymentGateway as? TestGateway)?.journal == expected)
    }
}
