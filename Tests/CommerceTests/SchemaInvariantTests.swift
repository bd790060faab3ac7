import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The invariants the schema holds by itself, whatever a service does.
@Suite struct SchemaInvariantTests {
    /// A product with one variant and `stock` units, written with plain SQL.
    private func product(_ db: any SQLConnection, stock: Int64 = 5, price: Int64 = 1000) throws -> (product: Int64, variant: Int64) {
        let now = Clock.millisecondsNow()
        let product = try db.insert("INSERT INTO products(handle, title, created_at, updated_at) VALUES ('mug', 'Mug', ?, ?)", now, now)
        let variant = try db.insert("INSERT INTO variants(product_id, sku, price, created_at, updated_at) VALUES (?, 'MUG', ?, ?, ?)", product, price, now, now)
        if stock != 0 {
            try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, ?, 'import', ?)", variant, stock, now)
        }
        return (product, variant)
    }

    @Test func ledgerRowsMoveStockAndTheProductCache() throws {
        let (store, _) = try makeStore()
        let ids = try product(store.db, stock: 5)
        try store.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -2, 'sale', 0)", ids.variant)
        #expect(try store.db.scalarInt("SELECT stock FROM variants WHERE id = ?", ids.variant) == 3)
        #expect(try store.db.scalarInt("SELECT stock_total FROM products WHERE id = ?", ids.product) == 3)
        #expect(try store.db.scalarInt("SELECT units_sold FROM products WHERE id = ?", ids.product) == 2)
    }

    @Test func anOversellAbortsAndChangesNothing() throws {
        let (store, _) = try makeStore()
        let ids = try product(store.db, stock: 1)
        #expect {
            try store.db.transaction(.immediate) {
                try store.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -2, 'sale', 0)", ids.variant)
            }
        } throws: { ($0 as? DatabaseError)?.isCheckViolation == true }
        #expect(try store.db.scalarInt("SELECT stock FROM variants WHERE id = ?", ids.variant) == 1)
        #expect(try store.db.scalarInt("SELECT count(*) FROM inventory_ledger") == 1)
    }

    @Test func ledgerTimelineAndAuditAreAppendOnly() throws {
        let (store, _) = try makeStore()
        _ = try product(store.db)
        try store.audit.record(.system, action: "test", entity: "none", entityID: nil)
        for sql in ["UPDATE inventory_ledger SET delta = 100", "DELETE FROM inventory_ledger",
                    "UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try store.db.execute(sql) }
        }
    }

    @Test func priceCacheFollowsVariants() throws {
        let (store, _) = try makeStore()
        let ids = try product(store.db, price: 1500)
        try store.db.execute("INSERT INTO variants(product_id, sku, option1, price, created_at, updated_at) VALUES (?, 'MUG-L', 'L', 2500, 0, 0)", ids.product)
        #expect(try store.db.first("SELECT price_min, price_max FROM products") { [$0.int(0), $0.int(1)] } == [1500, 2500])
        try store.db.execute("UPDATE variants SET archived = 1 WHERE sku = 'MUG-L'")
        #expect(try store.db.first("SELECT price_min, price_max FROM products") { [$0.int(0), $0.int(1)] } == [1500, 1500])
    }

    @Test func searchIndexFollowsProducts() throws {
        let (store, _) = try makeStore()
        _ = try product(store.db)
        // The backend's own index (FTS5 or tsvector), queried as the search queries it; one word is
        // the same match value in both.
        let search = SearchDialects.of(store.db)
        func matches(_ word: String) throws -> Int64? { try store.db.scalarInt(search.boundedMatchCount, word, 10) }
        #expect(try matches("mug") == 1)
        try store.db.execute("UPDATE products SET title = 'Crème Cup'")
        #expect(try matches("mug") == 0)
        #expect(try matches("creme") == 1)
    }

    @Test func constraintsRefuseBadRows() throws {
        let (store, _) = try makeStore()
        let db = store.db
        let bad = [
            "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('Bad Handle', 'x', 0, 0)",
            "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('ok', '', 0, 0)",
            "INSERT INTO users(email, created_at, updated_at) VALUES ('Upper@Case.com', 0, 0)",
            "INSERT INTO users(email, role, created_at, updated_at) VALUES ('a@b.co', 'root', 0, 0)",
            "INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, card_last4, created_at, updated_at) VALUES (1, 'charge', 'card', 'test', 'k', 100, 'USD', 'succeeded', '4242424242424242', 0, 0)",
        ]
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try db.execute(sql) }
        }
        try db.execute("INSERT INTO users(email, created_at, updated_at) VALUES ('a@b.co', 0, 0)")
        #expect(throws: DatabaseError.self) { try db.execute("INSERT INTO users(email, created_at, updated_at) VALUES ('a@b.co', 0, 0)") }
    }

    @Test func doctorIsCleanOnAFreshStoreAndFindsTampering() throws {
        let (store, _) = try makeStore()
        let ids = try product(store.db, stock: 4)
        #expect(try Doctor(database: store.db).run().allSatisfy(\.passed))
        // Stock changed behind the ledger's back.
        try store.db.execute("UPDATE variants SET stock = 9 WHERE id = ?", ids.variant)
        let failed = try Doctor(database: store.db).run().filter { !$0.passed }
        #expect(failed.map(\.name).contains("stock equals the inventory ledger for every variant"))
        #expect(failed.first { $0.name.hasPrefix("stock equals") }?.problems == ["variant \(ids.variant) (MUG): stock 9 but the ledger sums to 4"])
    }
}
