import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The trigger-kept logs, counters and report summaries (schema versions 3 to 5), proved on both backends.
@Suite struct PostgresSchemaLogTests {
    private struct Failure: Error {}

    @Test(arguments: Backend.allCases)
    func availabilityChangesAreLoggedWhenAvailabilityMayFlip(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let ids = try SchemaFixture.product(db, stock: 5)
        func log() throws -> [Int64] { try db.all("SELECT product_id FROM product_availability_changes ORDER BY seq") { $0.int64(0) } }
        #expect(try log() == [ids.product, ids.product], "created, then in stock")
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -2, 'sale', 1)", ids.variant)
        #expect(try log().count == 2, "still in stock")
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -3, 'sale', 1)", ids.variant)
        #expect(try log().count == 3, "sold out")
        try db.execute("UPDATE products SET status = 'draft' WHERE id = ?", ids.product)
        try db.execute("UPDATE products SET status = 'draft', title = 'Big mug' WHERE id = ?", ids.product)
        #expect(try log() == Array(repeating: ids.product, count: 4))
        let seqs = try db.all("SELECT seq FROM product_availability_changes ORDER BY seq") { $0.int64(0) }
        #expect(seqs == Array(seqs[0]...(seqs[0] + 3)))
    }

    @Test(arguments: Backend.allCases)
    func aWriterNumberingALogRowWaitsForOneThatNumberedARowAndHasNotCommitted(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let other = backend == .postgres ? try base.postgresConnection(lockTimeoutMilliseconds: 200)
                                         : try base.connect(lockTimeoutMilliseconds: 200)
        let ids = try SchemaFixture.product(db, stock: 0)
        let held = try SchemaFixture.product(db, handle: "held", stock: 0)
        // Each statement numbers a row of one log only: availability (status), search text (description).
        // The transaction is a checkout's kind, which on PostgreSQL shares the writer lock with others,
        // so only numbering a row of its own makes the other writer wait.
        for sql in ["UPDATE products SET status = 'draft' WHERE id = ?", "UPDATE products SET description = 'Blue' WHERE id = ?"] {
            try db.transaction(.rowLocked) {
                try db.execute(sql, held.product)
                #expect(throws: DatabaseError.self, "\(sql)") {
                    do { try other.execute(sql, ids.product) } catch let error as DatabaseError {
                        #expect(error.isBusy, "\(sql): \(error)")
                        throw error
                    }
                }
            }
            try other.execute(sql, ids.product)
        }
        #expect(try db.scalarInt("SELECT count(*) FROM product_availability_changes") == 4)
        #expect(try db.scalarInt("SELECT count(*) FROM search_text_changes") == 4)
    }

    @Test(arguments: Backend.allCases)
    func searchTextChangesRecordWhatEachEditReplacedAndWrote(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let ids = try SchemaFixture.product(db, stock: 0)
        try db.execute("UPDATE products SET title = 'Cup' WHERE id = ?", ids.product)
        try db.execute("UPDATE products SET status = 'draft' WHERE id = ?", ids.product)
        try db.execute("DELETE FROM products WHERE id = ?", ids.product)
        let rows = try db.all("SELECT old_text, new_text FROM search_text_changes ORDER BY id") {
            "\($0.optionalString(0) ?? "∅")|\($0.optionalString(1) ?? "∅")"
        }
        #expect(rows == ["∅|Mug  Acme kitchen ", "Mug  Acme kitchen |Cup  Acme kitchen ", "Cup  Acme kitchen |∅"])

        let kept = try SchemaFixture.product(db, handle: "jug", stock: 0)
        try db.transaction(.immediate) {
            for edit in 0..<1005 {
                try db.execute("UPDATE products SET title = ? WHERE id = ?", "Jug \(edit)", kept.product)
            }
        }
        #expect(try db.first("SELECT count(*), max(id) - min(id) FROM search_text_changes") { [$0.int64(0), $0.int64(1)] } == [1000, 999],
                "only the newest 1,000 rows are kept")
    }

    @Test(arguments: Backend.allCases)
    func recommenderCountersMoveWithOrdersAndTheCatalogOnly(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        func counters() throws -> [Int64] {
            try db.first("SELECT orders, catalog FROM recommender_inputs WHERE id = 1") { [$0.int64(0), $0.int64(1)] } ?? []
        }
        let start = try counters()
        let ids = try SchemaFixture.product(db, stock: 5)
        let afterProduct = try counters()
        #expect(afterProduct[0] == start[0] && afterProduct[1] != start[1])
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -1, 'sale', 1)", ids.variant)
        try db.execute("UPDATE products SET description = 'Stoneware' WHERE id = ?", ids.product)
        #expect(try counters() == afterProduct, "stock moves and descriptions are not what the recommender learns from")
        let order = try SchemaFixture.order(db)
        let afterOrder = try counters()
        #expect(afterOrder[0] != afterProduct[0] && afterOrder[1] == afterProduct[1])
        try db.execute("UPDATE orders SET status = 'PROCESSING' WHERE id = ?", order)
        let afterStatus = try counters()
        #expect(afterStatus[0] != afterOrder[0])

        try? db.transaction(.immediate) {
            _ = try SchemaFixture.product(db, handle: "gone", stock: 0)
            throw Failure()
        }
        #expect(try counters() == afterStatus, "a rolled-back change leaves the counters")
        try db.transaction(.immediate) {
            try? db.transaction(.immediate) {
                _ = try SchemaFixture.product(db, handle: "undone", stock: 0)
                throw Failure()
            }
            _ = try SchemaFixture.product(db, handle: "kept", stock: 0)
        }
        #expect(try counters()[1] != afterStatus[1], "a change after a rolled-back savepoint still counts")
        let before = try counters()
        try db.execute("INSERT INTO categories(handle, name) VALUES ('mugs', 'Mugs')")
        #expect(try counters()[1] != before[1])
    }

    @Test(arguments: Backend.allCases)
    func reportSummariesFollowOrdersPaymentsAndRefunds(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let day: Int64 = 86_400_000
        let ids = try SchemaFixture.product(db, stock: 10)
        let paid = try SchemaFixture.order(db, number: 1, token: "a", total: 2000, placedAt: day * 3 + 5)
        try SchemaFixture.line(db, order: paid, product: ids.product, variant: ids.variant, quantity: 2, unitPrice: 1000)
        let failed = try SchemaFixture.order(db, number: 2, token: "b", total: 500, placedAt: day * 3 + 9, paymentStatus: "failed")
        try SchemaFixture.line(db, order: failed, product: ids.product, variant: ids.variant, quantity: 1, unitPrice: 500)
        func sales() throws -> [String] {
            try db.all("SELECT day, orders, revenue, refunds FROM sales_daily ORDER BY day") {
                "\($0.int64(0)): \($0.int64(1)) \($0.int64(2)) \($0.int64(3))"
            }
        }
        func productSales() throws -> [String] {
            try db.all("SELECT day, product_id, units, revenue FROM product_sales_daily ORDER BY day, product_id") {
                "\($0.int64(0)) #\($0.int64(1)): \($0.int64(2)) \($0.int64(3))"
            }
        }
        let p = ids.product
        #expect(try sales() == ["3: 1 2000 0"])
        #expect(try productSales() == ["3 #\(p): 2 2000"])

        try db.execute("UPDATE orders SET payment_status = 'failed' WHERE id = ?", paid)
        #expect(try sales() == ["3: 0 0 0"])
        #expect(try productSales() == ["3 #\(p): 0 0"])
        try db.execute("UPDATE orders SET payment_status = 'paid' WHERE id = ?", paid)
        try db.execute("UPDATE orders SET placed_at = ? WHERE id = ?", day * 4 + 1, paid)
        #expect(try sales() == ["3: 0 0 0", "4: 1 2000 0"])
        #expect(try productSales() == ["3 #\(p): 0 0", "4 #\(p): 2 2000"])
        try db.execute("UPDATE orders SET payment_status = 'pending' WHERE id = ?", failed)
        #expect(try sales() == ["3: 1 500 0", "4: 1 2000 0"])
        #expect(try productSales() == ["3 #\(p): 1 500", "4 #\(p): 2 2000"])

        try db.execute("""
            INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, created_at, updated_at)
            VALUES (?, 'refund', 'card', 'test', 'r1', 300, 'EUR', 'succeeded', ?, ?)
            """, paid, day * 5, day * 5)
        let pending = try SchemaFixture.insert(db, """
            INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, created_at, updated_at)
            VALUES (?, 'refund', 'card', 'test', 'r2', 200, 'EUR', 'pending', ?, ?) RETURNING id
            """, paid, day * 5, day * 5)
        #expect(try sales() == ["3: 1 500 0", "4: 1 2000 0", "5: 0 0 300"])
        try db.execute("UPDATE payments SET status = 'succeeded' WHERE id = ?", pending)
        try db.execute("UPDATE payments SET status = 'succeeded' WHERE id = ?", pending)
        #expect(try sales() == ["3: 1 500 0", "4: 1 2000 0", "5: 0 0 500"], "a refund counts once, when it succeeds")
    }
}
