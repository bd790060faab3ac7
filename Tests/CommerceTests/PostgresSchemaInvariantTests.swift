import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// The invariants the schema holds by itself (SchemaInvariantTests), proved on both backends with SQL
/// both run: SQLite's triggers and their PL/pgSQL counterparts must have the same effect.
@Suite struct PostgresSchemaInvariantTests {
    @Test(arguments: Backend.allCases)
    func ledgerRowsMoveStockAndTheProductCache(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let ids = try SchemaFixture.product(db, stock: 5)
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -2, 'sale', 7)", ids.variant)
        #expect(try db.first("SELECT stock, updated_at FROM variants WHERE id = ?", ids.variant) { [$0.int64(0), $0.int64(1)] } == [3, 7])
        #expect(try db.first("SELECT stock_total, units_sold FROM products WHERE id = ?", ids.product) { [$0.int64(0), $0.int64(1)] } == [3, 2])
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, 3, 'cancellation', 8)", ids.variant)
        #expect(try db.first("SELECT stock_total, units_sold FROM products WHERE id = ?", ids.product) { [$0.int64(0), $0.int64(1)] } == [6, 0],
                "units sold never drops below zero")
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, 4, 'restock', 9)", ids.variant)
        #expect(try db.first("SELECT stock_total, units_sold FROM products WHERE id = ?", ids.product) { [$0.int64(0), $0.int64(1)] } == [10, 0])
    }

    @Test(arguments: Backend.allCases)
    func anOversellAbortsAndChangesNothing(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let ids = try SchemaFixture.product(db, stock: 1)
        #expect {
            try db.transaction(.immediate) {
                try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, -2, 'sale', 0)", ids.variant)
            }
        } throws: { ($0 as? DatabaseError)?.isCheckViolation == true }
        #expect(try db.scalarInt("SELECT stock FROM variants WHERE id = ?", ids.variant) == 1)
        #expect(try db.scalarInt("SELECT stock_total FROM products WHERE id = ?", ids.product) == 1)
        #expect(try db.scalarInt("SELECT count(*) FROM inventory_ledger") == 1)
    }

    @Test(arguments: Backend.allCases)
    func ledgerTimelineAndAuditAreAppendOnlyWithSQLitesMessages(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        _ = try SchemaFixture.product(db)
        let order = try SchemaFixture.order(db)
        try db.execute("INSERT INTO order_events(order_id, kind, actor_label, created_at) VALUES (?, 'placed', 'system', 0)", order)
        try db.execute("INSERT INTO audit_log(actor_label, action, entity, created_at) VALUES ('system', 'test', 'none', 0)")
        var statements: [(String, String)] = [
            ("UPDATE inventory_ledger SET delta = 100", "the inventory ledger is append-only"),
            ("DELETE FROM inventory_ledger", "the inventory ledger is append-only"),
            ("UPDATE order_events SET message = 'x'", "the order timeline is append-only"),
            ("DELETE FROM order_events", "the order timeline is append-only"),
            ("UPDATE audit_log SET action = 'x'", "the audit log is append-only"),
            ("DELETE FROM audit_log", "the audit log is append-only"),
        ]
        if backend == .postgres {
            // PostgreSQL's TRUNCATE skips row triggers; it is refused as well.
            statements += appendOnlyTables.map { ("TRUNCATE \($0.table)", $0.message) }
        }
        for (sql, message) in statements {
            do {
                try db.execute(sql)
                Issue.record("\(sql) was allowed")
            } catch let error as DatabaseError {
                #expect(error.message == message, "\(sql)")
                #expect(error.extendedCode == ExtendedCode.constraintTrigger, "\(sql): classified as SQLite's RAISE(ABORT)")
            }
        }
        #expect(try db.scalarInt("SELECT (SELECT count(*) FROM inventory_ledger) + (SELECT count(*) FROM order_events) + (SELECT count(*) FROM audit_log)") == 3)
    }

    @Test(arguments: Backend.allCases)
    func priceRangeAndStockTotalFollowLiveVariants(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let ids = try SchemaFixture.product(db, stock: 2, price: 1500)
        let large = try SchemaFixture.insert(db, """
            INSERT INTO variants(product_id, sku, option1, price, created_at, updated_at) VALUES (?, 'MUG-L', 'L', 2500, 0, 0) RETURNING id
            """, ids.product)
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, 3, 'restock', 1)", large)
        func cache() throws -> [Int64]? {
            try db.first("SELECT price_min, price_max, stock_total FROM products WHERE id = ?", ids.product) { [$0.int64(0), $0.int64(1), $0.int64(2)] }
        }
        #expect(try cache() == [1500, 2500, 5])
        try db.execute("UPDATE variants SET archived = 1 WHERE id = ?", large)
        #expect(try cache() == [1500, 1500, 2])
        try db.execute("UPDATE variants SET archived = 0, price = 900 WHERE id = ?", large)
        #expect(try cache() == [900, 1500, 5])
        let spare = try SchemaFixture.insert(db, """
            INSERT INTO variants(product_id, sku, option1, price, created_at, updated_at) VALUES (?, 'MUG-S', 'S', 100, 0, 0) RETURNING id
            """, ids.product)
        #expect(try cache() == [100, 1500, 5])
        try db.execute("DELETE FROM variants WHERE id = ?", spare)
        #expect(try cache() == [900, 1500, 5])
    }

    @Test(arguments: Backend.allCases)
    func ratingFollowsVisibleReviews(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let ids = try SchemaFixture.product(db)
        let user = try SchemaFixture.user(db, email: "ana@example.com")
        let review = try SchemaFixture.insert(db, """
            INSERT INTO reviews(product_id, user_id, rating, created_at, updated_at) VALUES (?, ?, 4, 0, 0) RETURNING id
            """, ids.product, user)
        func rating() throws -> [Int64]? {
            try db.first("SELECT rating_sum, rating_count FROM products WHERE id = ?", ids.product) { [$0.int64(0), $0.int64(1)] }
        }
        #expect(try rating() == [4, 1])
        try db.execute("UPDATE reviews SET hidden = 1 WHERE id = ?", review)
        #expect(try rating() == [0, 0])
        try db.execute("UPDATE reviews SET hidden = 0, rating = 2 WHERE id = ?", review)
        #expect(try rating() == [2, 1])
        try db.execute("DELETE FROM reviews WHERE id = ?", review)
        #expect(try rating() == [0, 0])
        try db.execute("INSERT INTO reviews(product_id, user_id, rating, hidden, created_at, updated_at) VALUES (?, ?, 5, 1, 0, 0)", ids.product, user)
        #expect(try rating() == [0, 0], "a hidden review never counts")
    }

    @Test(arguments: Backend.allCases)
    func searchIndexFollowsProducts(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let ids = try SchemaFixture.product(db, stock: 0)
        #expect(try SchemaFixture.searchMatches(db, backend, "mug") == 1)
        #expect(try SchemaFixture.searchMatches(db, backend, "kitchen") == 1, "tags are indexed")
        #expect(try SchemaFixture.searchMatches(db, backend, "acme") == 1, "the vendor is indexed")
        try db.execute("UPDATE products SET title = 'Crème Cup', description = 'Stoneware', product_type = 'Cups' WHERE id = ?", ids.product)
        #expect(try SchemaFixture.searchMatches(db, backend, "mug") == 0)
        for word in ["creme", "crème", "stoneware", "cups"] {
            #expect(try SchemaFixture.searchMatches(db, backend, word) == 1, "\(word)")
        }
        let vocabulary = try db.all("SELECT term, doc FROM product_search_vocab ORDER BY term") { "\($0.string(0)) \($0.int(1))" }
        #expect(vocabulary == ["acme 1", "creme 1", "cup 1", "cups 1", "kitchen 1", "stoneware 1"])
        try db.execute("DELETE FROM products WHERE id = ?", ids.product)
        #expect(try SchemaFixture.searchMatches(db, backend, "creme") == 0)
        #expect(try db.scalarInt("SELECT count(*) FROM product_search_vocab") == 0)
    }

    @Test func searchDocumentsAreWeightedByField() throws {
        let base = try BackendDatabase(.postgres)
        let db = try base.openShop()
        try db.execute("""
            INSERT INTO products(handle, title, tags, vendor, product_type, description, created_at, updated_at)
            VALUES ('a', 'Lamp', 'brass', 'Acme', 'Lighting', 'Warm glow', 0, 0)
            """)
        let weights = ["lamp": "A", "brass": "B", "acme": "C", "lighting": "C", "warm": "D", "glow": "D"]
        for (word, weight) in weights {
            for candidate in ["A", "B", "C", "D"] {
                #expect(try SchemaFixture.searchMatches(db, .postgres, "\(word):\(candidate)") == (candidate == weight ? 1 : 0),
                        "\(word) weighs \(weight), not \(candidate)")
            }
        }
        #expect(try SchemaFixture.searchMatches(db, .postgres, "lam:*") == 1, "prefixes match")
    }

    @Test(arguments: Backend.allCases)
    func checkoutTokensDiscountCodesAndTagsAreUnique(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        _ = try SchemaFixture.order(db, number: 1, token: "same")
        #expect { _ = try SchemaFixture.order(db, number: 2, token: "same") } throws: { ($0 as? DatabaseError)?.isUniqueViolation == true }
        try db.execute("INSERT INTO discount_codes(code, kind, value, created_at) VALUES ('SAVE10', 'percent', 10, 0)")
        #expect { try db.execute("INSERT INTO discount_codes(code, kind, value, created_at) VALUES ('save10', 'fixed', 5, 0)") }
            throws: { ($0 as? DatabaseError)?.isUniqueViolation == true }
        let ids = try SchemaFixture.product(db, stock: 0)
        try db.execute("INSERT INTO product_tags(product_id, tag) VALUES (?, 'Red')", ids.product)
        #expect { try db.execute("INSERT INTO product_tags(product_id, tag) VALUES (?, 'red')", ids.product) }
            throws: { ($0 as? DatabaseError)?.isUniqueViolation == true }
        _ = try SchemaFixture.user(db, email: "kim@example.com")
        #expect { _ = try SchemaFixture.user(db, email: "kim@example.com") } throws: { ($0 as? DatabaseError)?.isUniqueViolation == true }
        #expect(try db.scalarInt("SELECT count(*) FROM orders") == 1)
    }

    @Test(arguments: Backend.allCases)
    func constraintsRefuseBadRowsAndAcceptTheSameGoodOnes(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let order = try SchemaFixture.order(db)
        let bad = [
            "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('bad handle', 'x', 0, 0)",
            "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('Upper', 'x', 0, 0)",
            "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('a\\b', 'x', 0, 0)",
            "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('a?b', 'x', 0, 0)",
            "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('ok', '', 0, 0)",
            "INSERT INTO categories(handle, name) VALUES ('nhẫn', 'x')",
            "INSERT INTO users(email, created_at, updated_at) VALUES ('Upper@Case.com', 0, 0)",
            "INSERT INTO users(email, created_at, updated_at) VALUES ('@nobody', 0, 0)",
            "INSERT INTO users(email, role, created_at, updated_at) VALUES ('a@b.co', 'root', 0, 0)",
            "INSERT INTO outbox(kind, payload, created_at) VALUES ('OrderPlaced', '{not json', 0)",
            "INSERT INTO outbox(kind, payload, created_at) VALUES ('Nonsense', '{}', 0)",
            "INSERT INTO audit_log(actor_label, action, entity, detail, created_at) VALUES ('x', 'y', 'z', '', 0)",
            "INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, card_last4, created_at, updated_at) VALUES (\(order), 'charge', 'card', 'test', 'k', 100, 'USD', 'succeeded', '4242424242424242', 0, 0)",
            "INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, card_last4, created_at, updated_at) VALUES (\(order), 'charge', 'card', 'test', 'k', 100, 'USD', 'succeeded', '42a2', 0, 0)",
            "INSERT INTO orders(number, checkout_token, email, payment_method, currency, subtotal, total, ship_name, ship_line1, ship_city, ship_country, placed_at, updated_at) VALUES (9, 't9', 'k@x.co', 'card', 'EUR', 100, 150, 'K', 'L', 'C', 'FR', 0, 0)",
            "INSERT INTO carts(created_at, updated_at) VALUES (0, 0)",
            "INSERT INTO variants(product_id, price, created_at, updated_at) VALUES (999, 1, 0, 0)",
            "INSERT INTO recommender_inputs(id, orders, catalog) VALUES (2, 0, 0)",
            "UPDATE addresses SET country = 'fr'",
        ]
        try db.execute("INSERT INTO addresses(user_id, name, line1, city, country, created_at) VALUES (?, 'K', 'L', 'C', 'FR', 0)",
                       try SchemaFixture.user(db, email: "k@example.com"))
        for sql in bad {
            #expect(throws: DatabaseError.self, "\(sql)") { try db.execute(sql) }
        }
        let good = [
            "INSERT INTO products(handle, title, created_at, updated_at) VALUES ('nhẫn-1', 'Ring', 0, 0)",
            "INSERT INTO users(email, created_at, updated_at) VALUES ('élan@example.com', 0, 0)",
            "INSERT INTO outbox(kind, payload, created_at) VALUES ('OrderPlaced', '{\"order\": 1}', 0)",
            "INSERT INTO audit_log(actor_label, action, entity, created_at) VALUES ('x', 'y', 'z', 0)",
            "INSERT INTO payments(order_id, kind, method, gateway, idempotency_key, amount, currency, status, card_last4, created_at, updated_at) VALUES (\(order), 'charge', 'card', 'test', 'k', 100, 'USD', 'succeeded', '4242', 0, 0)",
        ]
        for sql in good {
            #expect(throws: Never.self, "\(sql)") { try db.execute(sql) }
        }
    }

    @Test(arguments: Backend.allCases)
    func deletingAProductTakesItsVariantsTagsImagesAndSearchRow(_ backend: Backend) throws {
        let base = try BackendDatabase(backend)
        let db = try base.openShop()
        let ids = try SchemaFixture.product(db, stock: 0)
        try db.execute("INSERT INTO product_tags(product_id, tag) VALUES (?, 'kitchen')", ids.product)
        try db.execute("INSERT INTO product_images(product_id, url) VALUES (?, 'https://x/y.png')", ids.product)
        try db.execute("DELETE FROM products WHERE id = ?", ids.product)
        #expect(try db.scalarInt("SELECT (SELECT count(*) FROM variants) + (SELECT count(*) FROM product_tags) + (SELECT count(*) FROM product_images)") == 0)
        #expect(try SchemaFixture.searchMatches(db, backend, "mug") == 0)

        let sold = try SchemaFixture.product(db, handle: "cup", stock: 2)
        #expect(throws: DatabaseError.self, "a variant with ledger rows keeps its product") {
            try db.execute("DELETE FROM products WHERE id = ?", sold.product)
        }
        #expect(try db.scalarInt("SELECT stock_total FROM products WHERE id = ?", sold.product) == 2)
    }
}
