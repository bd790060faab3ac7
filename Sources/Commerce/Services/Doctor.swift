/// The outcome of one consistency check.
public struct DoctorCheck: Sendable, Equatable {
    /// What was checked, in words.
    public let name: String
    /// Problems found; empty when the check passed.
    public let problems: [String]
    /// True when nothing was wrong.
    public var passed: Bool { problems.isEmpty }
}

/// Checks a database file for damage and for broken invariants of the shop's data.
public struct Doctor {
    private let db: any SQLConnection
    /// How many example rows each failed check reports.
    public var exampleLimit = 5

    /// A doctor for the open database.
    public init(database: any SQLConnection) { self.db = database }

    /// Runs every check, in order, and returns all results (it does not stop at the first failure).
    public func run() throws -> [DoctorCheck] {
        var results: [DoctorCheck] = []
        results.append(contentsOf: try db.engineChecks(limit: exampleLimit))
        results.append(try schemaRecorded())
        for invariant in Doctor.invariants {
            results.append(try check(invariant.name, invariant.sql))
        }
        results.append(try searchIndex())
        return results
    }

    private func schemaRecorded() throws -> DoctorCheck {
        let version = try db.schemaVersion()
        let recorded = try db.scalarInt("SELECT max(version) FROM schema_migrations") ?? 0
        let problems = version == recorded ? [] : ["schema version \(version) but migrations recorded up to \(recorded)"]
        return DoctorCheck(name: "schema migrations recorded (version \(version))", problems: problems)
    }

    private func searchIndex() throws -> DoctorCheck {
        let problems = try SearchDialects.of(db).indexProblems(db, limit: exampleLimit)
        return DoctorCheck(name: "search index matches the catalog",
                           problems: problems.map { "\($0) (rebuild it with: curio doctor --repair-search)" })
    }

    /// The shop's counts and totals, which two databases holding the same shop agree on.
    public func census() throws -> ShopCensus { try ShopCensus(database: db) }

    /// Rebuilds the full-text index from the products table.
    public func rebuildSearchIndex() throws {
        try SearchDialects.of(db).rebuildIndex(db)
    }

    private func check(_ name: String, _ sql: String) throws -> DoctorCheck {
        let problems = try db.all(sql + " LIMIT \(exampleLimit)") { $0.string(0) }
        return DoctorCheck(name: name, problems: problems)
    }

    /// Invariants as queries that return one line per violation.
    static let invariants: [(name: String, sql: String)] = [
        ("a generated store finished seeding", """
            SELECT 'seeding stopped before it finished (state ' || value || '); run: curio seed --products N --orders M --force'
            FROM settings WHERE key = 'seed_state' AND value <> 'complete'
            """),
        ("stock equals the inventory ledger for every variant", """
            SELECT 'variant ' || v.id || coalesce(' (' || v.sku || ')', '') || ': stock ' || v.stock
                   || ' but the ledger sums to ' || coalesce(l.total, 0)
            FROM variants v LEFT JOIN (SELECT variant_id, sum(delta) AS total FROM inventory_ledger GROUP BY variant_id) l
              ON l.variant_id = v.id
            WHERE v.stock <> coalesce(l.total, 0)
            """),
        ("no negative stock", """
            SELECT 'variant ' || id || ': stock ' || stock FROM variants WHERE stock < 0
            """),
        ("product price and stock caches match their variants", """
            SELECT 'product ' || p.handle || ': cached price ' || p.price_min || '..' || p.price_max
                   || ', stock ' || p.stock_total || ' but variants give ' || coalesce(v.lo, 0) || '..'
                   || coalesce(v.hi, 0) || ', stock ' || coalesce(v.stock, 0)
            FROM products p LEFT JOIN (
                SELECT product_id, min(price) AS lo, max(price) AS hi, sum(stock) AS stock
                FROM variants WHERE archived = 0 GROUP BY product_id) v ON v.product_id = p.id
            WHERE p.price_min <> coalesce(v.lo, 0) OR p.price_max <> coalesce(v.hi, 0)
               OR p.stock_total <> coalesce(v.stock, 0)
            """),
        ("product ratings match their reviews", """
            SELECT 'product ' || p.handle || ': rating ' || p.rating_sum || '/' || p.rating_count
                   || ' but reviews give ' || coalesce(r.total, 0) || '/' || coalesce(r.n, 0)
            FROM products p LEFT JOIN (SELECT product_id, sum(rating) AS total, count(*) AS n FROM reviews WHERE hidden = 0 GROUP BY product_id) r
              ON r.product_id = p.id
            WHERE p.rating_sum <> coalesce(r.total, 0) OR p.rating_count <> coalesce(r.n, 0)
            """),
        ("every order has lines", """
            SELECT 'order #' || o.number || ' has no lines'
            FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id)
            """),
        ("order totals equal their lines plus shipping and tax minus discount", """
            SELECT 'order #' || o.number || ': subtotal ' || o.subtotal || ' but lines sum to ' || l.total
                   || ', total ' || o.total
            FROM orders o JOIN (SELECT order_id, sum(line_total) AS total FROM order_lines GROUP BY order_id) l
              ON l.order_id = o.id
            WHERE o.subtotal <> l.total
               OR o.total <> o.subtotal - o.discount_total + o.shipping_total + o.tax_total
            """),
        ("payment status matches refunds", """
            SELECT 'order #' || o.number || ': payment ' || o.payment_status || ', refunded ' || o.refunded_total
                   || ' of ' || o.total || ', refund records sum to ' || coalesce(r.total, 0)
            FROM orders o LEFT JOIN (
                SELECT order_id, sum(amount) AS total FROM payments
                WHERE kind = 'refund' AND status = 'succeeded' GROUP BY order_id) r ON r.order_id = o.id
            WHERE o.refunded_total <> coalesce(r.total, 0)
               OR (o.payment_status = 'refunded' AND o.refunded_total <> o.total)
               OR (o.payment_status = 'partially_refunded' AND NOT (o.refunded_total > 0 AND o.refunded_total < o.total))
               OR (o.payment_status NOT IN ('refunded', 'partially_refunded') AND o.refunded_total <> 0)
            """),
        ("cancelled orders have their stock back", """
            SELECT 'order #' || o.number || ': cancelled but ' || -sum(l.delta) || ' units are still taken'
            FROM orders o JOIN inventory_ledger l ON l.order_id = o.id
            WHERE o.status = 'CANCELLED'
            GROUP BY o.id HAVING sum(l.delta) <> 0
            """),
        ("shipped and delivered card orders are paid", """
            SELECT 'order #' || number || ': ' || status || ' but its card payment is ' || payment_status
            FROM orders
            WHERE status IN ('SHIPPED', 'DELIVERED') AND payment_method = 'card'
              AND payment_status NOT IN ('paid', 'partially_refunded', 'refunded')
            """),
        ("sales summaries match the orders and refunds", """
            SELECT 'day ' || day || ': summary has ' || so || ' orders, ' || sr || ' revenue, ' || sf
                   || ' refunds but the orders give ' || o || ', ' || r || ', ' || f
            FROM (SELECT day, sum(so) AS so, sum(sr) AS sr, sum(sf) AS sf, sum(o) AS o, sum(r) AS r, sum(f) AS f FROM (
                SELECT day, orders AS so, revenue AS sr, refunds AS sf, 0 AS o, 0 AS r, 0 AS f FROM sales_daily
                UNION ALL SELECT placed_at / 86400000, 0, 0, 0, count(*), sum(total), 0 FROM orders
                    WHERE payment_status <> 'failed' GROUP BY 1
                UNION ALL SELECT updated_at / 86400000, 0, 0, 0, 0, 0, sum(amount) FROM payments
                    WHERE kind = 'refund' AND status = 'succeeded' GROUP BY 1) parts GROUP BY day) totals
            WHERE so <> o OR sr <> r OR sf <> f
            """),
        ("product sales summaries match the order lines", """
            SELECT 'day ' || day || ', product ' || product_id || ': summary has ' || su || ' units, ' || sr
                   || ' revenue but the lines give ' || u || ', ' || r
            FROM (SELECT day, product_id, sum(su) AS su, sum(sr) AS sr, sum(u) AS u, sum(r) AS r FROM (
                SELECT day, product_id, units AS su, revenue AS sr, 0 AS u, 0 AS r FROM product_sales_daily
                UNION ALL SELECT o.placed_at / 86400000, l.product_id, 0, 0, sum(l.quantity), sum(l.line_total)
                    FROM order_lines l JOIN orders o ON o.id = l.order_id
                    WHERE o.payment_status <> 'failed' AND l.product_id IS NOT NULL GROUP BY 1, 2) parts
                GROUP BY day, product_id) totals
            WHERE su <> u OR sr <> r
            """),
        ("units sold match the ledger", """
            SELECT 'product ' || p.handle || ': units sold ' || p.units_sold || ' but the ledger gives ' || coalesce(s.n, 0)
            FROM products p LEFT JOIN (
                SELECT v.product_id, -sum(l.delta) AS n FROM inventory_ledger l JOIN variants v ON v.id = l.variant_id
                WHERE l.reason IN ('sale', 'cancellation', 'return') GROUP BY v.product_id) s ON s.product_id = p.id
            WHERE p.units_sold <> CASE WHEN coalesce(s.n, 0) > 0 THEN coalesce(s.n, 0) ELSE 0 END
            """),
    ]
}
