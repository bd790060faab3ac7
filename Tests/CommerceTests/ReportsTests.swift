import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The report summaries follow every order change through triggers, a v1 file is backfilled when it
/// migrates, and the dashboard's figures add up.
@Suite struct ReportsTests {
    func card(_ number: String = "4242424242424242") throws -> PaymentChoice {
        .card(try CardDetails(number: number, expiry: "12/39", cvc: "123"))
    }

    func place(_ shop: ShopFixture, _ variant: VariantID, quantity: Int = 1, payment: PaymentChoice) throws -> PlacedOrder {
        try shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "alice@example.com", items: [CheckoutItem(variant: variant, quantity: quantity)],
                            address: CheckoutTests.address, payment: payment), as: shop.alice)
    }

    @Test func summariesFollowOrdersRefundsAndDeclines() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 2000, stock: 50)[0]
        let lamp = try shop.product("Lamp", price: 5000, stock: 50)[0]
        let first = try place(shop, mug, quantity: 3, payment: try card())
        let second = try place(shop, lamp, payment: try card())
        _ = try place(shop, lamp, payment: .payOnDelivery)
        _ = try? place(shop, mug, payment: try card("4000000000000002"))  // declined: not a sale
        try shop.store.orders.refund(number: first.number, amount: shop.money(1500), reason: "chipped", by: shop.staff)
        try shop.store.orders.cancel(number: second.number, reason: "out of stock", by: shop.staff)

        #expect(try Doctor(database: shop.db).run().filter { !$0.passed }.map(\.name) == [])
        let today = try Reports(store: shop.store).sales(days: 1, as: shop.staff)
        let orders = try shop.store.orders.list(as: shop.staff).filter { $0.paymentStatus != .failed }
        #expect(today.orders == 3 && orders.count == 3)
        #expect(today.revenue.minorUnits == orders.reduce(0) { $0 + $1.total.minorUnits })
        let refunded = try shop.store.orders.detail(number: second.number, as: shop.staff).summary.total.minorUnits
        #expect(today.refunds.minorUnits == 1500 + refunded)
        #expect(today.averageOrderValue.minorUnits == today.revenue.minorUnits / 3)

        let top = try shop.store.reports.topProducts(days: 7, as: shop.staff)
        #expect(top.map(\.title) == ["Mug", "Lamp"])
        #expect(top.map(\.units) == [3, 2])
        #expect(top[0].revenue == shop.money(6000))
    }

    @Test func aPeriodHasEveryDayAndThePreviousPeriodIsBesideIt() throws {
        let shop = try ShopFixture()
        let mug = try shop.product("Mug", price: 1000, stock: 50)[0]
        let product = try shop.productID(of: mug)
        let day = CivilDay.length
        let now = Clock.millisecondsNow()
        // Orders written as the seeder writes history: 1, 2 and 40 days ago.
        for (offset, number) in [(1, 901), (2, 902), (40, 903)] {
            let order = try shop.db.insert("""
                INSERT INTO orders(number, checkout_token, email, status, payment_status, payment_method, currency, subtotal, total,
                                   ship_name, ship_line1, ship_city, ship_country, placed_at, updated_at)
                VALUES (?, ?, 'x@example.com', 'DELIVERED', 'paid', 'card', 'USD', 1000, 1000, 'X', '1 Road', 'Town', 'US', ?, ?)
                """, number, "t\(number)", now - Int64(offset) * day, now)
            try shop.db.execute("""
                INSERT INTO order_lines(order_id, variant_id, product_id, title, unit_price, quantity, line_total)
                VALUES (?, ?, ?, 'Mug', 1000, 1, 1000)
                """, order, mug, product)
        }
        let dashboard = try shop.store.reports.dashboard(days: 30, now: now, as: shop.staff)
        #expect(dashboard.current.days.count == 30 && dashboard.previous.days.count == 30)
        #expect(dashboard.current.days.last?.day == CivilDay(milliseconds: now))
        #expect(dashboard.previous.days.last?.day == CivilDay(milliseconds: now).adding(-30))
        #expect(dashboard.current.orders == 2 && dashboard.previous.orders == 1)
        #expect(dashboard.current.revenue == shop.money(2000))
        #expect(dashboard.topProducts.map(\.units) == [2])
        #expect(shop.refusal { _ = try shop.store.reports.sales(days: 0, as: shop.staff) }
                == .invalid(field: "days", reason: "must be between 1 and \(Reports.maximumDays) (got 0)"))
    }

    @Test func lowStockConversionAndTheBacklogComeFromIndexes() throws {
        let shop = try ShopFixture()
        let low = try shop.product("Low", stock: 2)[0]
        _ = try shop.product("Plenty", stock: 50)
        _ = try shop.carts.add(variant: low, quantity: 1, as: shop.bob)
        _ = try place(shop, low, payment: .payOnDelivery)
        let reports = shop.store.reports
        #expect(try reports.lowStock(as: shop.staff).map(\.title) == ["Low"])
        #expect(try reports.lowStock(as: shop.staff).first?.stock == 1)
        #expect(try reports.lowStockCount(as: shop.staff) == 1)
        let conversion = try reports.conversion(days: 1, as: shop.staff)
        #expect(conversion.carts >= 1 && conversion.orders == 1)
        #expect(try reports.backlog(as: shop.staff) == FulfilmentBacklog(readyToProcess: 1, awaitingPayment: 0, toShip: 0, inTransit: 0))
        switch shop.db.dialect {
        case .sqlite:
            let plan = try shop.db.all("EXPLAIN QUERY PLAN SELECT day, orders FROM sales_daily WHERE day BETWEEN 1 AND 2") { $0.string(3) }
            #expect(plan.joined().contains("INTEGER PRIMARY KEY"), "\(plan)")
        case .postgres:
            // The planner scans a table this small whatever its indexes; with scans priced out it
            // must find the key's index, which is what serves the report on a big shop.
            try shop.db.execute("SET enable_seqscan = off")
            let plan = try shop.db.all("EXPLAIN SELECT day, orders FROM sales_daily WHERE day BETWEEN 1 AND 2") { $0.string(0) }
            try shop.db.execute("RESET enable_seqscan")
            #expect(plan.joined().contains("sales_daily_pkey"), "\(plan)")
        }
    }

    @Test func aVersionOneFileIsMigratedWithItsOrdersBackfilled() throws {
        let dir = TempDir()
        let path = dir.file("v1.db")
        do {
            // A file as main's code (schema version 1) wrote it.
            let db = try Database(path: path)
            try db.executeScript(schemaV1)
            try db.executeScript("""
                CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
                INSERT INTO schema_migrations VALUES (1, 'initial schema', 0);
                INSERT INTO products(id, handle, title, created_at, updated_at) VALUES (1, 'mug', 'Mug', 0, 0);
                INSERT INTO orders(id, number, checkout_token, email, status, payment_status, payment_method, currency, subtotal,
                                   total, refunded_total, ship_name, ship_line1, ship_city, ship_country, placed_at, updated_at)
                VALUES (1, 1001, 'a', 'x@example.com', 'DELIVERED', 'partially_refunded', 'card', 'USD', 3000, 3000, 500,
                        'X', '1 Road', 'Town', 'US', 86400000 * 20000 + 5, 0),
                       (2, 1002, 'b', 'x@example.com', 'CANCELLED', 'failed', 'card', 'USD', 1000, 1000, 0,
                        'X', '1 Road', 'Town', 'US', 86400000 * 20000 + 9, 0);
                INSERT INTO order_lines(order_id, product_id, title, unit_price, quantity, line_total)
                VALUES (1, 1, 'Mug', 1000, 3, 3000), (2, 1, 'Mug', 1000, 1, 1000);
                INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, created_at, updated_at)
                VALUES (1, 'charge', 'card', 'test', 'c1', 3000, 'USD', 'succeeded', 0, 0),
                       (1, 'refund', 'card', 'test', 'r1', 500, 'USD', 'succeeded', 0, 86400000 * 20001);
                PRAGMA user_version = 1;
                PRAGMA application_id = 1129665073;
                """)
        }
        let store = try Store(path: path)
        #expect(try store.db.scalarInt("PRAGMA user_version") == Int64(Migrations.latestVersion))
        #expect(try store.db.scalarInt("SELECT count(*) FROM orders") == 2, "the orders are kept")
        #expect(try store.db.all("SELECT day, orders, revenue, refunds FROM sales_daily ORDER BY day") {
            [$0.int64(0), $0.int64(1), $0.int64(2), $0.int64(3)] } == [[20000, 1, 3000, 0], [20001, 0, 0, 500]])
        #expect(try store.db.all("SELECT day, product_id, units, revenue FROM product_sales_daily") {
            [$0.int64(0), $0.int64(1), $0.int64(2), $0.int64(3)] } == [[20000, 1, 3, 3000]])
        let failing = try Doctor(database: store.db).run().filter { !$0.passed }
        #expect(failing.isEmpty, "\(failing)")
    }

    @Test func civilDaysRoundTripThroughTheirDates() {
        #expect(CivilDay(0).description == "1970-01-01")
        #expect(CivilDay(iso: "2024-02-29")?.description == "2024-02-29")
        #expect(CivilDay(iso: "2023-02-29") == nil)
        #expect(CivilDay(milliseconds: -1) == CivilDay(-1))
        #expect(CivilDay(iso: "2026-12-02").map { CivilDay(milliseconds: $0.startMilliseconds + 1) } == CivilDay(iso: "2026-12-02"))
    }
}
