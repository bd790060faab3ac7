import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Checkout against a real store: each test card, idempotency, stock, discounts, price changes, recovery.
@Suite struct CheckoutTests {
    static let address = Address(name: "Kim Lee", line1: "1 Main St", city: "Portland", region: "OR", postalCode: "97201", country: "US")

    func card(_ number: String = "4242424242424242", exp: String = "12/39", cvc: String = "123") throws -> PaymentChoice {
        .card(try CardDetails(number: number, expiry: exp, cvc: cvc))
    }

    func request(_ shop: ShopFixture, _ variant: VariantID, quantity: Int = 1, payment: PaymentChoice, token: String = Checkout.newToken(),
                 code: String? = nil) -> CheckoutRequest {
        CheckoutRequest(token: token, email: "kim@example.com", items: [CheckoutItem(variant: variant, quantity: quantity)],
                        address: CheckoutTests.address, discountCode: code, payment: payment)
    }

    func stock(_ shop: ShopFixture, _ variant: VariantID) throws -> Int64 {
        try shop.db.scalarInt("SELECT stock FROM variants WHERE id = ?", variant) ?? -1
    }

    @Test func aGoodCardPaysAndTheOrderIsProcessing() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 1200, stock: 5)[0]
        let placed = try shop.store.checkout.place(request(shop, mug, quantity: 2, payment: try card()), as: shop.alice)
        #expect(placed.status == .processing && placed.paymentStatus == .paid && !placed.alreadyPlaced)
        #expect(try stock(shop, mug) == 3)
        let detail = try shop.store.orders.detail(number: placed.number, as: shop.alice)
        #expect(detail.lines.map(\.quantity) == [2])
        #expect(detail.subtotal.minorUnits == 2400)
        #expect(detail.summary.total == placed.total)
        #expect(detail.payments.map(\.status) == ["succeeded"])
        #expect(detail.payments.first?.cardLast4 == "4242" && detail.payments.first?.cardBrand == "Visa")
        #expect(detail.timeline.map(\.kind) == ["placed", "payment", "status"])
        #expect(try shop.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'OrderPlaced'") == 1)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test(arguments: [
        ("4000000000000002", DeclineCode.genericDecline), ("4000000000009995", .insufficientFunds),
        ("4000000000000069", .expiredCard), ("4000000000000127", .incorrectCVC), ("4000000000000119", .processingError),
    ])
    func eachTestCardDeclinesInWordsAndReturnsTheStock(number: String, code: DeclineCode) throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 3)[0]
        let token = Checkout.newToken()
        #expect(throws: CommerceError.paymentDeclined(code.message)) {
            try shop.store.checkout.place(request(shop, mug, quantity: 2, payment: try card(number), token: token), as: shop.alice)
        }
        #expect(try stock(shop, mug) == 3)
        let order = try shop.store.orders.list(as: shop.staff)[0]
        #expect(order.status == .cancelled && order.paymentStatus == .failed)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM outbox WHERE kind = 'PaymentFailed'") == 1)
        // Nothing about the card but brand and last four is anywhere in the database.
        #expect(try shop.db.scalarInt("SELECT count(*) FROM payments WHERE card_last4 = ?", String(number.suffix(4))) == 1)
        let dump = try shop.db.all("SELECT * FROM payments") { row in (0..<row.count).map { "\(row.value($0))" }.joined() }.joined()
        #expect(!dump.contains(number))
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func badCardInputNamesTheField() throws {
        #expect(throws: CommerceError.invalid(field: "card number", reason: "is not a valid card number (check the digits)")) {
            try CardDetails(number: "4242 4242 4242 4241", expiry: "12/39", cvc: "123")
        }
        #expect(throws: CommerceError.invalid(field: "expiry", reason: "write it as MM/YY")) {
            try CardDetails(number: "4242424242424242", expiry: "13/39", cvc: "123")
        }
        #expect(throws: CommerceError.invalid(field: "CVC", reason: "3 or 4 digits")) {
            try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "12")
        }
        let card = try CardDetails(number: "5555 5555 5555 4444", expiry: "01/2031", cvc: "999")
        #expect(card.brand == .mastercard && "\(card)" == "Mastercard •••• 4444")
        #expect(!"\(card)".contains("5555 5555") && !String(reflecting: card).contains("999"))
    }

    @Test func anExpiredOrdinaryCardIsDeclined() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug")[0]
        #expect(throws: CommerceError.paymentDeclined(DeclineCode.expiredCard.message)) {
            try shop.store.checkout.place(request(shop, mug, payment: try card(exp: "01/20")), as: shop.alice)
        }
    }

    @Test func placingTwiceWithOneTokenYieldsOneOrder() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        let req = request(shop, mug, quantity: 2, payment: try card())
        let first = try shop.store.checkout.place(req, as: shop.alice)
        let second = try shop.store.checkout.place(req, as: shop.alice)
        #expect(first.number == second.number && second.alreadyPlaced)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM orders") == 1)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM payments") == 1)
        #expect(try stock(shop, mug) == 3)
    }

    @Test func aRetryAfterACrashBetweenOrderAndChargeFinishesTheSameOrder() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        let req = request(shop, mug, payment: try card())
        // Simulate a process that died after step 1: the order exists with a pending charge.
        shop.store.paymentGateway = CrashingGateway()
        #expect {
            try shop.store.checkout.place(req, as: shop.alice)
        } throws: { ($0 as? CommerceError)?.kind == "paymentUnavailable" }
        #expect(try shop.store.orders.list(as: shop.staff).first?.status == .pending)
        shop.store.paymentGateway = TestGateway()
        let resumed = try shop.store.checkout.place(req, as: shop.alice)
        #expect(resumed.alreadyPlaced && resumed.paymentStatus == .paid && resumed.status == .processing)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM orders") == 1)
        #expect(try stock(shop, mug) == 4)
    }

    @Test func recoveryCancelsInterruptedCheckoutsAndReturnsStock() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        shop.store.paymentGateway = CrashingGateway()
        _ = try? shop.store.checkout.place(request(shop, mug, quantity: 3, payment: try card()), as: shop.alice)
        #expect(try stock(shop, mug) == 2)
        #expect(try shop.store.checkout.recoverInterrupted(olderThan: 3600).isEmpty, "too young: maybe still running")
        let recovered = try shop.store.checkout.recoverInterrupted(olderThan: 0)
        #expect(recovered.count == 1)
        #expect(try stock(shop, mug) == 5)
        let order = try shop.store.orders.detail(number: recovered[0], as: shop.staff)
        #expect(order.summary.status == .cancelled && order.summary.paymentStatus == .failed)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func neverSellsMoreThanIsInStock() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 2)[0]
        #expect(throws: CommerceError.outOfStock(item: "Mug", available: 2)) {
            try shop.store.checkout.place(request(shop, mug, quantity: 3, payment: try card()), as: shop.alice)
        }
        #expect(try shop.db.scalarInt("SELECT count(*) FROM orders") == 0)
        #expect(try stock(shop, mug) == 2)
    }

    @Test func aChangedTotalSinceReviewIsShownNotApplied() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 1000)[0]
        var req = request(shop, mug, payment: try card())
        req.items[0].seenUnitPrice = shop.money(1000)
        let review = try shop.store.checkout.review(req, as: shop.alice)
        #expect(review.changes.isEmpty && review.canPlace)
        req.reviewedTotal = review.totals.total
        var change = VariantChanges()
        change.price = shop.money(1500)
        try shop.store.productEditor.updateVariant(mug, change, by: shop.staff)
        let again = try shop.store.checkout.review(req, as: shop.alice)
        #expect(again.changes == ["Mug: price changed from $10.00 to $15.00"])
        #expect {
            try shop.store.checkout.place(req, as: shop.alice)
        } throws: { error in
            guard case .notAllowed(let why) = error as? CommerceError else { return false }
            return why.contains("the total changed from")
        }
        #expect(try shop.db.scalarInt("SELECT count(*) FROM orders") == 0)
    }

    @Test func discountIsRedeemedOnPaymentAndGivenBackOnDecline() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 4000, stock: 5)[0]
        let placed = try shop.store.checkout.place(request(shop, mug, payment: try card(), code: "WELCOME10"), as: shop.alice)
        let detail = try shop.store.orders.detail(number: placed.number, as: shop.alice)
        #expect(detail.discount.minorUnits == 400 && detail.discountCode == "WELCOME10")
        #expect(try shop.db.scalarInt("SELECT used_count FROM discount_codes WHERE code = 'WELCOME10'") == 1)
        _ = try? shop.store.checkout.place(request(shop, mug, payment: try card("4000000000000002"), code: "WELCOME10"), as: shop.alice)
        #expect(try shop.db.scalarInt("SELECT used_count FROM discount_codes WHERE code = 'WELCOME10'") == 1)
        #expect(throws: CommerceError.self) {
            try shop.store.checkout.place(request(shop, mug, payment: try card(), code: "FIRST50"), as: shop.alice)
        }
    }

    @Test func payOnDeliveryWaitsForStaffToMarkItPaid() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 1000)[0]
        let placed = try shop.store.checkout.place(request(shop, mug, payment: .payOnDelivery), as: shop.alice)
        #expect(placed.status == .pending && placed.paymentStatus == .pending)
        #expect(throws: CommerceError.forbidden("only staff can mark orders paid")) {
            try shop.store.orders.markPaid(number: placed.number, by: shop.alice)
        }
        try shop.store.orders.markPaid(number: placed.number, by: shop.staff)
        #expect(try shop.store.orders.detail(number: placed.number, as: shop.staff).summary.paymentStatus == .paid)
        // A later recovery pass leaves pay-on-delivery orders alone.
        #expect(try shop.store.checkout.recoverInterrupted(olderThan: 0).isEmpty)
    }

    @Test func guestsPlaceAndFindTheirOrderByNumberAndEmail() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug")[0]
        let placed = try shop.store.checkout.place(request(shop, mug, payment: try card()), as: shop.guest)
        #expect(try shop.store.orders.find(number: placed.number, email: "KIM@example.com").summary.number == placed.number)
        #expect(throws: CommerceError.notFound("no order #\(placed.number) for that email")) {
            try shop.store.orders.find(number: placed.number, email: "someone@else.com")
        }
        #expect(throws: CommerceError.forbidden("only staff can see other people's orders")) {
            try shop.store.orders.detail(number: placed.number, as: shop.bob)
        }
    }

    @Test func placingTheCartEmptiesItOnSuccessAndKeepsItOnDecline() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        _ = try shop.store.carts.add(variant: mug, quantity: 2, as: shop.alice)
        #expect(throws: CommerceError.self) {
            try shop.store.checkout.placeCart(token: Checkout.newToken(), email: "alice@example.com", address: CheckoutTests.address,
                                              shippingMethod: nil, payment: try card("4000000000000002"), reviewedTotal: nil, as: shop.alice)
        }
        #expect(try shop.store.carts.cart(as: shop.alice).itemCount == 2)
        _ = try shop.store.checkout.placeCart(token: Checkout.newToken(), email: "alice@example.com", address: CheckoutTests.address,
                                              shippingMethod: nil, payment: try card(), reviewedTotal: nil, as: shop.alice)
        #expect(try shop.store.carts.cart(as: shop.alice).isEmpty)
    }
}

/// A gateway that never answers, as when the process dies or the network drops mid-charge.
struct CrashingGateway: PaymentGateway {
    let name = "test"
    func charge(_ amount: Money, card: CardDetails, idempotencyKey: String) -> GatewayResult {
        .unavailable(reason: "timed out")
    }
    func refund(_ amount: Money, chargeReference: String, idempotencyKey: String) -> GatewayResult {
        .unavailable(reason: "timed out")
    }
}

@Suite struct RecoveryLogTests {
    @Test func recoveryIsLoggedAsJSONLines() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        shop.store.paymentGateway = CrashingGateway()
        _ = try? shop.store.checkout.place(
            CheckoutRequest(token: "t-1", email: "a@b.co", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address, payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))),
            as: shop.guest)
        let numbers = try shop.store.checkout.recoverInterrupted(olderThan: 0)
        let path = try #require(shop.store.log?.path)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let entry = try #require(lines.last.flatMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] })
        #expect(entry["event"] as? String == "checkout.recovered")
        #expect(entry["order"] as? Int == numbers.first)
        #expect(entry["level"] as? String == "warning")
    }
}

@Suite struct CheckoutObserverTests {
    @Test func aRecommenderObservingTheStoreLearnsEachPaidOrderAtOnce() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 5)[0]
        let mugProduct = try shop.productID(of: mug)
        let recommender = try Recommender.build(from: shop.store)
        recommender.observeOrders(of: shop.store)
        let userID = try #require(shop.alice.userID)
        #expect(recommender.buyAgain(user: userID).items.isEmpty)
        _ = try shop.store.checkout.place(
            CheckoutRequest(token: "obs-1", email: "alice@example.com", items: [CheckoutItem(variant: mug, quantity: 1)],
                            address: CheckoutTests.address, payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))),
            as: shop.alice)
        #expect(recommender.buyAgain(user: userID).items.map { $0.product.id } == [mugProduct])
        // A declined order teaches it nothing.
        let cup = try shop.product("Cup", stock: 5)[0]
        _ = try? shop.store.checkout.place(
            CheckoutRequest(token: "obs-2", email: "alice@example.com", items: [CheckoutItem(variant: cup, quantity: 1)],
                            address: CheckoutTests.address, payment: .card(try CardDetails(number: "4000000000000002", expiry: "12/39", cvc: "123"))),
            as: shop.alice)
        #expect(recommender.buyAgain(user: userID).items.map { $0.product.id } == [mugProduct])
    }
}
