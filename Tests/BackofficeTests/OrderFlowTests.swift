import Backoffice
import Commerce
import CurioTestSupport
import Storefront
import Testing
import TerminalUI

/// Staff work an order from the queue: process, ship with carrier and tracking, deliver, refund part,
/// cancel; each asks first, and the shopper sees the result in their own order detail.
@MainActor
@Suite struct OrderFlowTests {
    /// Signs staff in and opens order `number` from the queue of `status` through the `/` filter.
    func open(_ number: Int, in status: OrderStatus, _ fixture: BackofficeFixture) throws {
        try fixture.openOrders()
        for _ in 0..<(OrderStatus.allCases.firstIndex(of: status) ?? 0) { fixture.send(.tab) }
        fixture.send(.char("/"))
        fixture.type("#\(number)", then: .enter)
        fixture.send(.enter)
        #expect(fixture.screen().contains("Order #\(number)"))
    }

    @Test func staffShipAnOrderAndTheShopperSeesItShippedWithTracking() throws {
        let fixture = try BackofficeFixture()
        // A card order that is paid waits for staff as PROCESSING.
        let number = try fixture.placeOrder(email: "shopper@curio.shop")
        try open(number, in: .processing, fixture)

        fixture.send(.char("s"))
        fixture.type("UPS", then: .tab)
        fixture.type("1Z999AA1", then: .enter)
        #expect(fixture.screen().contains("Ship order #\(number) with UPS, tracking 1Z999AA1?"))
        fixture.send(.char("y"))
        let shipped = try fixture.store.orders.detail(number: number, as: .system)
        #expect(shipped.summary.status == .shipped)
        #expect(shipped.timeline.last?.actor == "staff@curio.shop")
        #expect(fixture.screen().contains("Tracking: UPS 1Z999AA1"))

        // The shopper, in their own shop session, sees it shipped with the tracking number.
        let shop = try shopApp(on: fixture.shop, signedInAs: .customer)
        shop.send([.char("o"), .enter])
        let detail = shop.render().text
        #expect(detail.contains("#\(number) · Shipped"))
        #expect(detail.contains("Tracking: UPS 1Z999AA1"))

        // The notification delivery (another connection, as the app's background loop) puts the
        // shipping notice in the shopper's inbox.
        let delivery = try Store(path: fixture.store.location.description)
        let dispatcher = try Dispatcher(store: delivery, subscribers: [NotificationSubscriber(maildir: Maildir.beside(databasePath: delivery.location.description))])
        while try dispatcher.dispatchPending(limit: 500).attempted > 0 {}
        shop.send([.escape, .escape, .char("n")])
        _ = shop.app.onPoll?()
        #expect(shop.render().text.contains("order #\(number) has shipped"))
    }

    @Test func aPayOnDeliveryOrderIsAcceptedThenMarkedPaid() throws {
        let fixture = try BackofficeFixture()
        let number = try fixture.placeOrder(payOnDelivery: true)
        try open(number, in: .pending, fixture)
        fixture.send(.char("p"))
        #expect(fixture.screen().contains("Accept order #\(number)"))
        fixture.send(.char("y"))
        #expect(try fixture.store.orders.detail(number: number, as: .system).summary.status == .processing)
        fixture.send(.char("m"), .char("y"))
        let order = try fixture.store.orders.detail(number: number, as: .system)
        #expect(order.summary.paymentStatus == .paid)
        #expect(order.timeline.last?.actor == "staff@curio.shop")
    }

    @Test func aCardOrderWhosePaymentAnswerWasLostIsSettledByRetryingThePayment() throws {
        let fixture = try BackofficeFixture()
        // The gateway charged the card but its answer never reached the checkout: the order waits.
        let card = try CardDetails(number: TestGateway.answerLostCard, expiry: "12/39", cvc: "123")
        let variant = try #require(try fixture.store.catalog.product(id: fixture.store.catalog.products(caller: .system).products[0].id,
                                                                     caller: .system).variants.first)
        let request = CheckoutRequest(token: Checkout.newToken(), email: "kim@example.com",
                                      items: [CheckoutItem(variant: variant.id, quantity: 1)],
                                      address: Address(name: "Kim Lee", line1: "1 Main St", city: "Portland", region: "OR",
                                                       postalCode: "97201", country: "US"), payment: .card(card))
        #expect(throws: CommerceError.self) { try fixture.store.checkout.place(request, as: .guest(token: "stopped")) }
        let number = try #require(try fixture.store.orders.list(as: .system).first { $0.status == .pending && $0.paymentStatus == .pending }?.number)
        try open(number, in: .pending, fixture)
        fixture.expireToasts()
        let screen = fixture.screen()
        #expect(screen.contains("t Retry payment"))
        #expect(!screen.contains("p Process"), "an unpaid card order is not offered for fulfilment")
        #expect(!screen.contains("x Cancel"), "nor cancelled while its charge is unsettled")
        assertSnapshots(fixture, named: "order-payment-unanswered")
        fixture.send(.char("t"))
        #expect(fixture.screen().contains("Ask the payment service what became of order #\(number)'s"))
        fixture.send(.char("y"))
        #expect(fixture.screen().contains("The gateway had charged order #\(number)"))
        let order = try fixture.store.orders.detail(number: number, as: .system)
        #expect(order.summary.status == .processing && order.summary.paymentStatus == .paid)
        fixture.expireToasts()
        #expect(!fixture.screen().contains("t Retry payment"))
        #expect(fixture.screen().contains("s Ship"))
    }

    @Test func declinedConfirmationsChangeNothing() throws {
        let fixture = try BackofficeFixture()
        let number = try fixture.placeOrder(payOnDelivery: true)
        try open(number, in: .pending, fixture)
        fixture.send(.char("p"), .char("n"))
        fixture.send(.char("x"), .enter)
        #expect(fixture.screen().contains("Cancel order #\(number)? Its stock goes back."))
        fixture.send(.escape)
        #expect(try fixture.store.orders.detail(number: number, as: .system).summary.status == .pending)
    }

    @Test func aPartialRefundIsCheckedUnderItsFieldThenRecorded() throws {
        let fixture = try BackofficeFixture()
        let number = try fixture.placeOrder()
        try open(number, in: .processing, fixture)
        let total = try fixture.store.orders.detail(number: number, as: .system).summary.total
        fixture.send(.char("r"))
        fixture.type("99999", then: .tab)
        fixture.type("scratched", then: .enter)
        #expect(fixture.screen().contains("At most \(total.formatted) can be refunded."))
        for _ in 0..<5 { fixture.send(.backspace) }
        fixture.type("1.50", then: .tab)
        fixture.send(.enter)
        fixture.send(.char("y"))
        let order = try fixture.store.orders.detail(number: number, as: .system)
        #expect(order.refunded == fixture.store.money(150))
        #expect(order.summary.paymentStatus == .partiallyRefunded)
    }

    @Test func cancellingFromTheQueueRestocksAndRefunds() throws {
        let fixture = try BackofficeFixture()
        let number = try fixture.placeOrder()
        try open(number, in: .processing, fixture)
        fixture.send(.char("x"))
        fixture.type("customer asked", then: .enter)
        fixture.send(.char("y"))
        let order = try fixture.store.orders.detail(number: number, as: .system)
        #expect(order.summary.status == .cancelled)
        #expect(order.summary.paymentStatus == .refunded)
        #expect(order.timeline.contains { $0.message == "cancelled: customer asked" && $0.actor == "staff@curio.shop" })
    }

    /// The demo's oldest order waiting to ship (the seed's clock fixes its times), opened by staff.
    func openSeededProcessingOrder(_ fixture: BackofficeFixture) throws -> Int {
        let number = try #require(try fixture.store.orders.list(status: .processing, oldestFirst: true, as: .system).first?.number)
        try open(number, in: .processing, fixture)
        fixture.expireToasts()
        return number
    }

    @Test func theOrderDetailShowsLinesPaymentsCustomerAndTimeline() throws {
        let fixture = try BackofficeFixture()
        _ = try openSeededProcessingOrder(fixture)
        let screen = fixture.screen()
        #expect(screen.contains("Customer:"))
        #expect(screen.contains("Payments (card)"))
        #expect(screen.contains("Timeline"))
        #expect(screen.contains("s Ship"))
        #expect(!screen.contains("p Process"), "a processing order is not offered processing again")
        assertSnapshots(fixture, named: "order-detail")
    }

    @Test func theShipAndRefundFormsAskForWhatTheyNeed() throws {
        let fixture = try BackofficeFixture()
        _ = try openSeededProcessingOrder(fixture)
        fixture.send(.char("s"), .enter, .enter)
        #expect(fixture.screen().contains("Enter the carrier."))
        assertSnapshots(fixture, named: "order-ship-form")
        fixture.send(.escape, .char("r"))
        fixture.type("0", then: .enter)
        fixture.send(.enter)
        #expect(fixture.screen().contains("Enter an amount above zero."))
        assertSnapshots(fixture, named: "order-refund-form")
    }

    @Test func anOrderPlacedElsewhereAppearsWithoutAKey() throws {
        let fixture = try BackofficeFixture()
        try fixture.openOrders()
        let waiting = try fixture.store.orders.list(status: .processing, as: .system).count
        fixture.send(.tab)
        #expect(fixture.screen().contains("Processing \(waiting) "))
        // Another connection to the same file places it, as another process would.
        let other = try Store(path: fixture.store.location.description)
        let number = try fixture.placeOrder(email: "walk-in@example.com", on: other)
        #expect(fixture.app.stack.top.poll(context: fixture.app.context), "the idle poll notices the other connection's commit")
        let screen = fixture.screen()
        #expect(screen.contains("Processing \(waiting + 1) "))
        fixture.send(.char("G"))
        #expect(fixture.screen().contains("#\(number)"), "the newest order is at the end of the oldest-first queue")
    }
}
