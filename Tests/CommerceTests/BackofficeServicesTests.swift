import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The back office's services over a real file: customers, settings, reviews, outbox, audit log,
/// system figures and bulk product actions.
@Suite struct BackofficeServicesTests {
    var admin: Caller { .commandLine(user: "kim") }

    func paidOrder(_ shop: ShopFixture, _ variant: VariantID, by caller: Caller, email: String, quantity: Int = 1) throws -> Int {
        try shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: email, items: [CheckoutItem(variant: variant, quantity: quantity)],
                            address: CheckoutTests.address,
                            payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))),
            as: caller).number
    }

    @Test func customersShowOrdersLifetimeValueAndAddresses() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 2000, stock: 20)[0]
        let first = try paidOrder(shop, mug, by: shop.alice, email: "alice@example.com", quantity: 2)
        _ = try paidOrder(shop, mug, by: shop.alice, email: "alice@example.com")
        try shop.store.orders.refund(number: first, amount: shop.money(500), reason: "late", by: shop.staff)
        _ = try shop.store.addresses.add(CheckoutTests.address, as: shop.alice)
        let found = try shop.store.customers.list(matching: "alice", as: shop.staff)
        #expect(found.map(\.profile.email) == ["alice@example.com"])
        let orders = try shop.store.orders.history(as: shop.alice)
        let paid = orders.reduce(Int64(0)) { $0 + $1.total.minorUnits }
        #expect(found[0].orders == 2 && found[0].lifetimeValue == shop.money(paid - 500))
        let detail = try shop.store.customers.detail(try #require(shop.alice.userID), as: shop.staff)
        #expect(detail.orders.map(\.number) == orders.map(\.number))
        #expect(detail.addresses.map(\.line1) == [CheckoutTests.address.line1])
        #expect(detail.summary == found[0])
    }

    @Test func aResetPasswordWorksOnceHandedOverAndIsAuditedWithoutIt() throws {
        let shop = try ShopFixture()
        let bob = try #require(shop.bob.userID)
        let reset = try shop.store.customers.resetPassword(bob, by: shop.staff)
        #expect(reset.password.count == 16)
        #expect(try shop.store.accounts.signIn(email: "bob@example.com", password: reset.password).user.id == bob)
        #expect(shop.refusal { _ = try shop.store.accounts.signIn(email: "bob@example.com", password: ShopFixture.password) } == .signInFailed)
        let entry = try #require(try shop.store.auditTrail.entries(AuditFilter(kind: "user"), as: shop.staff).first)
        #expect(entry.action == "user.reset_password" && entry.actor == "staff@curio.shop")
        #expect(!entry.detail.values.contains { $0.contains(reset.password) })
        let staffID = try #require(shop.staff.userID)
        #expect(shop.refusal { _ = try shop.store.customers.resetPassword(staffID, by: shop.staff) }
                == .forbidden("only admins can reset staff passwords"))
    }

    @Test func settingsAreValidatedAndEachChangeIsAudited() throws {
        let shop = try ShopFixture()
        let settings = shop.store.shopSettings
        try settings.setStoreName("  Kim's Corner ", by: admin)
        #expect(shop.refusal { try settings.setStoreName("", by: admin) } == .invalid(field: "store name", reason: "required"))
        #expect(shop.refusal { try settings.setStoreName("A\u{1b}[2J", by: admin) }
                == .invalid(field: "store name", reason: "must not contain control characters"))
        #expect(shop.refusal { try settings.setCurrency(code: "EURO", by: admin) }?.kind == "invalid")
        try settings.setCurrency(code: "JPY", by: admin)  // no prices yet, so any currency
        try settings.setCurrency(code: "eur", by: admin)
        try settings.updateShippingMethod(code: "standard", ShippingMethodChanges(price: shop.money(395), freeOver: .some(shop.money(4000))), by: admin)
        #expect(shop.refusal { try settings.updateShippingMethod(code: "standard", ShippingMethodChanges(price: shop.money(-1)), by: admin) }
                == .invalid(field: "price", reason: "between 0 and \(shop.money(ShopSettings.maximumAmount).formatted)"))
        #expect(shop.refusal { try settings.updateShippingMethod(code: "nope", ShippingMethodChanges(), by: admin) }?.kind == "notFound")
        try settings.setTaxRate(country: "us", region: "or", name: "Oregon", basisPoints: 0, appliesToShipping: false, by: admin)
        #expect(shop.refusal { try settings.setTaxRate(country: "USA", name: "x", basisPoints: 1, appliesToShipping: false, by: admin) }?.kind == "invalid")
        #expect(shop.refusal { try settings.setTaxRate(country: "DE", name: "MwSt", basisPoints: 9000, appliesToShipping: true, by: admin) }
                == .invalid(field: "rate", reason: "between 0 % and 50 % (0 to 5000 basis points)"))
        let mug = try shop.product("Mug", stock: 3)[0]
        try settings.setLowStockThreshold(2, by: admin)
        #expect(shop.refusal { try settings.setLowStockThreshold(-1, by: admin) }?.kind == "invalid")

        let now = try settings.current(as: shop.staff)
        #expect(now.storeName == "Kim's Corner" && now.currencyCode == "EUR" && now.lowStockThreshold == 2)
        let standard = try #require(now.shippingMethods.first { $0.method.code == "standard" })
        #expect(standard.method.price == shop.money(395) && standard.method.freeOver == shop.money(4000))
        #expect(now.taxRates.contains { $0.country == "US" && $0.region == "OR" && $0.basisPoints == 0 })
        #expect(try shop.db.scalarInt("SELECT low_stock_threshold FROM variants WHERE id = ?", mug) == 2)
        let entries = try shop.store.auditTrail.entries(AuditFilter(actor: "cli:kim", kind: "settings"), as: shop.staff)
        #expect(entries.map(\.action) == ["settings.low_stock_threshold", "settings.tax", "settings.shipping", "settings.currency", "settings.currency", "settings.store_name"])
        #expect(entries.last.map { "\($0.action) \($0.before ?? "") → \($0.after ?? "")" } == "settings.store_name unset → Kim's Corner")

        _ = try paidOrder(shop, mug, by: shop.alice, email: "alice@example.com")
        #expect(shop.refusal { try settings.setCurrency(code: "GBP", by: admin) }
                == .notAllowed("the shop already has orders in USD; its currency can no longer change"))
    }

    @Test func aHiddenReviewLeavesTheRatingAndTheListUntilShownAgain() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 3)[0]
        let product = try shop.productID(of: mug)
        _ = try shop.store.reviews.post(product: product, rating: 5, title: "lovely", as: shop.alice)
        let abuse = try shop.store.reviews.post(product: product, rating: 1, title: "spam spam", as: shop.bob)
        func rating() throws -> [Int64] {
            try #require(try shop.db.first("SELECT rating_sum, rating_count FROM products WHERE id = ?", product) { [$0.int64(0), $0.int64(1)] })
        }
        #expect(try rating() == [6, 2])
        try shop.store.reviewModeration.setHidden(abuse.id, true, by: shop.staff)
        #expect(try rating() == [5, 1])
        #expect(try shop.store.reviews.list(product: product).reviews.map(\.title) == ["lovely"])
        #expect(try shop.store.reviewModeration.list(as: shop.staff).map(\.hidden) == [true, false])
        _ = try shop.store.reviews.post(product: product, rating: 2, title: "spam again", as: shop.bob)
        #expect(try rating() == [5, 1], "editing a hidden review keeps it out")
        try shop.store.reviewModeration.setHidden(abuse.id, false, by: shop.staff)
        #expect(try rating() == [7, 2])
        try shop.store.reviewModeration.delete(abuse.id, by: shop.staff)
        #expect(try rating() == [5, 1])
        #expect(try shop.store.auditTrail.entries(AuditFilter(kind: "review"), as: shop.staff).map(\.action)
                == ["review.delete", "review.show", "review.hide"])
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    struct FlakySubscriber: EventSubscriber {
        let name = "flaky"
        func handle(_ event: OutboxEvent, store: Store) throws {
            throw DeliveryError.temporary("disk full")
        }
    }

    @Test func outboxListsFailuresWithTheirReasonAndRetriesThem() throws {
        let shop = try ShopFixture()
        let event = try shop.store.write { try shop.store.outbox.emitUntyped(.userRegistered, aggregateID: 1, payload: ["email": "x@example.com"]) }
        let monitor = shop.store.outboxMonitor
        #expect(try monitor.list(state: .pending, as: shop.staff).map(\.id).contains(event))
        let policy = DispatchPolicy(maxAttempts: 1)
        _ = try Dispatcher(store: shop.store, subscribers: [FlakySubscriber()], policy: policy).dispatchPending()
        let failed = try monitor.list(state: .failed, as: shop.staff)
        #expect(failed.contains { $0.id == event && $0.attempts == 1 && ($0.failure ?? "").contains("flaky: ") })
        #expect(try monitor.failedCount(as: shop.staff) >= 1)
        #expect(try monitor.list(state: .pending, as: shop.staff).isEmpty)
        #expect(try monitor.retry(event, by: shop.staff) == 1)
        #expect(try monitor.list(state: .pending, as: shop.staff).map(\.id).contains(event))
        #expect(shop.refusal { try monitor.retry(event, by: shop.staff) } == .notAllowed("event \(event) has no failed delivery to retry"))
        struct Fine: EventSubscriber {
            let name = "flaky"
            func handle(_ event: OutboxEvent, store: Store) throws {}
        }
        _ = try Dispatcher(store: shop.store, subscribers: [Fine()], policy: policy).dispatchPending()
        #expect(try monitor.list(state: .delivered, as: shop.staff).map(\.id).contains(event))
        #expect(try shop.store.auditTrail.entries(AuditFilter(kind: "outbox.retry"), as: shop.staff).first?.after == "pending")
    }

    @Test func theAuditLogFiltersByActorKindAndDate() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 3)[0]
        let number = try paidOrder(shop, mug, by: shop.alice, email: "alice@example.com")
        try shop.store.orders.ship(number: number, carrier: "UPS", tracking: "1Z1", by: .commandLine(user: "kim"))
        let trail = shop.store.auditTrail
        #expect(try trail.entries(AuditFilter(actor: "cli:kim"), as: shop.staff).map(\.action) == ["order.shipped"])
        #expect(try trail.entries(AuditFilter(kind: "product"), as: shop.staff).map(\.action) == ["product.create"])
        #expect(try trail.entries(AuditFilter(kind: "order.shipped"), as: shop.staff).count == 1)
        #expect(try trail.entries(AuditFilter(kind: "ord"), as: shop.staff).isEmpty, "a kind is a whole word")
        let now = Clock.millisecondsNow()
        #expect(try trail.entries(AuditFilter(since: now + 1000), as: shop.staff).isEmpty)
        let all = try trail.entries(AuditFilter(until: now + 1000), as: shop.staff).map(\.action)
        let total = try shop.db.scalarInt("SELECT count(*) FROM audit_log")
        #expect(Array(all.prefix(2)) == ["order.shipped", "product.create"] && Int64(all.count) == total, "\(all)")
    }

    @Test func systemInfoCountsTheShopAndItsBacklog() throws {
        let shop = try ShopFixture()
        _ = try shop.product("Mug", stock: 3)
        let status = try shop.store.systemInfo.status(as: shop.staff)
        switch shop.db.dialect {
        case .sqlite:
            #expect(status.databasePath == shop.store.location.description)
        case .postgres:
            // The server and database, as messages name them (never the connection string's password).
            #expect(status.databasePath == shop.db.location && status.databasePath.hasPrefix("postgres@"), "\(status.databasePath)")
        }
        #expect(status.databaseBytes > 0)
        #expect(status.schemaVersion == Migrations.latestVersion)
        #expect(status.counts["products"] == 1 && status.counts["customers"] == 2)
        #expect(status.eventBacklog == (try shop.db.scalarInt("SELECT count(*) FROM outbox")).map(Int.init))
    }

    @Test func aBulkPriceChangeIsOneAuditEntryPerProductAndUndoesExactly() throws {
        let shop = try ShopFixture()
        let a = try shop.product("Alpha", colours: ["Red", "Blue"], price: 999, stock: 3)
        let b = try shop.product("Beta", price: 1005, stock: 3)
        let products = [try shop.productID(of: a[0]), try shop.productID(of: b[0])]
        let result = try shop.store.bulkProducts.apply(.changePrice(percent: 10), to: products, by: shop.staff)
        #expect(result.changed == 2)
        func prices() throws -> [Int64] { try shop.db.all("SELECT price FROM variants ORDER BY id") { $0.int64(0) } }
        #expect(try prices() == [1099, 1099, 1106])
        let entries = try shop.store.auditTrail.entries(AuditFilter(kind: "product.bulk_price"), as: shop.staff)
        #expect(entries.count == 2)
        #expect(Set(entries.compactMap(\.entityID)) == Set(products.map(\.rawValue)))
        #expect(entries.map { "\($0.before ?? "") → \($0.after ?? "")" }.sorted() == ["10.05 → 11.06", "9.99, 9.99 → 10.99, 10.99"])
        try shop.store.bulkProducts.undo(result.undo, by: shop.staff)
        #expect(try prices() == [999, 999, 1005])
        #expect(try shop.db.scalarInt("SELECT price_min FROM products WHERE id = ?", products[0]) == 999)

        let archived = try shop.store.bulkProducts.apply(.setStatus(.archived), to: products, by: shop.staff)
        #expect(try shop.db.all("SELECT DISTINCT status FROM products") { $0.string(0) } == ["archived"])
        try shop.store.bulkProducts.undo(archived.undo, by: shop.staff)
        #expect(try shop.db.all("SELECT DISTINCT status FROM products") { $0.string(0) } == ["active"])
        #expect(shop.refusal { _ = try shop.store.bulkProducts.apply(.changePrice(percent: -95), to: products, by: shop.staff) }?.kind == "invalid")
        #expect(shop.refusal { _ = try shop.store.bulkProducts.apply(.delete, to: products, by: shop.staff) }
                == .notAllowed("alpha has been sold or stocked, so its history keeps it; archive it instead"))
        let blank = try shop.store.productEditor.createProduct(ProductDraft(title: "Blank"), variants: [VariantDraft(price: shop.money(100))],
                                                               by: shop.staff)
        #expect(try shop.store.bulkProducts.apply(.delete, to: [blank], by: shop.staff).changed == 1)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM products WHERE id = ?", blank) == 0)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func aBulkDeleteIsUndoneByBringingBackEveryRowWithItsIds() throws {
        let shop = try ShopFixture()
        var draft = ProductDraft(title: "Blank Notebook")
        draft.tags = ["paper", "gift"]
        draft.optionNames = ["Colour"]
        let blank = try shop.store.productEditor.createProduct(
            draft, variants: ["Red", "Blue"].map { VariantDraft(price: shop.money(450), sku: "NOTE-\($0)", options: [$0]) }, by: shop.staff)
        _ = try shop.store.reviews.post(product: blank, rating: 4, title: "Nice paper", body: "Smooth.", as: shop.alice)
        let other = try shop.store.productEditor.createProduct(ProductDraft(title: "Blank Card"), variants: [VariantDraft(price: shop.money(200))],
                                                               by: shop.staff)
        func rows() throws -> [String] {
            try ["products", "variants", "product_tags", "reviews"].flatMap { table in
                try shop.db.all("SELECT * FROM \(table) ORDER BY 1, 2") { row in
                    "\(table): " + (0..<row.count).map { "\(row.value($0))" }.joined(separator: "|")
                }
            }
        }
        let before = try rows()
        let result = try shop.store.bulkProducts.apply(.delete, to: [blank, other], by: shop.staff)
        #expect(result.changed == 2 && !result.undo.isEmpty)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM variants") == 0)
        try shop.store.bulkProducts.undo(result.undo, by: shop.staff)
        #expect(try rows() == before, "every row is back as it was, ids and the rating included")
        #expect(try shop.store.catalog.search("notebook", caller: .system).page.products.map(\.id) == [blank])
        #expect(try shop.db.scalarInt("SELECT count(*) FROM audit_log WHERE action = 'product.restore'") == 2)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))

        // A handle taken in the meantime keeps a deleted product from coming back, and nothing is undone.
        let again = try shop.store.bulkProducts.apply(.delete, to: [blank, other], by: shop.staff)
        var taken = ProductDraft(title: "Someone else's notebook")
        taken.handle = "blank-notebook"
        _ = try shop.store.productEditor.createProduct(taken, variants: [VariantDraft(price: shop.money(100))], by: shop.staff)
        let refusal = shop.refusal { try shop.store.bulkProducts.undo(again.undo, by: shop.staff) }
        #expect(refusal?.kind == "notAllowed")
        #expect(refusal?.description.contains("blank-notebook cannot come back") == true, "\(String(describing: refusal))")
        // (SQLite may give the new product a deleted one's id, which also keeps it from coming back.)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM products WHERE title IN ('Blank Notebook', 'Blank Card')") == 0)
    }

    @Test func staffShipAndTheShopperSeesShippedWithTrackingAndAnInboxMessage() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", stock: 3)[0]
        let number = try paidOrder(shop, mug, by: shop.alice, email: "alice@example.com")
        try shop.store.orders.ship(number: number, carrier: "UPS", tracking: "1Z999AA1", by: shop.staff)
        _ = try Dispatcher(store: shop.store, subscribers: [NotificationSubscriber(maildir: Maildir(path: shop.directory.file("mail")))])
            .dispatchPending()
        let seen = try shop.store.orders.detail(number: number, as: shop.alice)
        #expect(seen.summary.status == .shipped)
        #expect(seen.carrier == "UPS" && seen.trackingNumber == "1Z999AA1")
        #expect(seen.timeline.last?.actor == "staff@curio.shop")
        let inbox = try shop.store.notifications.inbox(as: shop.alice)
        let message = try #require(inbox.first { $0.subject.localizedCaseInsensitiveContains("shipped") })
        #expect(message.body.contains("1Z999AA1"))
    }

    @Test func theCommandLineCallerIsAnAdminNamedForTheOSUser() {
        #expect(Caller.commandLine(user: "kim").label == "cli:kim")
        #expect(Caller.commandLine(user: "kim").role == .admin)
        #expect(Caller.commandLine(user: "k\u{1b}[2Jim").label == "cli:k[2Jim")
        #expect(Caller.commandLine(user: "").label == "cli:unknown")
    }
}
