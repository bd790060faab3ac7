/// Reads what the recommender learns from out of a shop's database, each with one streaming query.
enum RecommenderSource {
    /// Every product (any status) and category, in id order.
    static func catalog(_ db: any SQLConnection) throws -> RecommenderCatalog {
        var catalog = RecommenderCatalog()
        var parents: [(Int64, Int64?)] = []
        try db.forEach("SELECT id, parent_id, handle, name FROM categories ORDER BY id") { row in
            catalog.appendCategory(id: row.int64(0), handle: row.string(2), name: row.string(3))
            parents.append((row.int64(0), row.optionalInt64(1)))
        }
        for (child, parent) in parents { catalog.setParent(of: child, to: parent) }
        var tags: [Int64: [String]] = [:]
        try db.forEach("SELECT product_id, tag FROM product_tags ORDER BY product_id, tag") { row in
            tags[row.int64(0), default: []].append(row.string(1))
        }
        try db.forEach("SELECT id, handle, title, vendor, category_id FROM products ORDER BY id") { row in
            let id = row.int64(0)
            catalog.appendProduct(id: id, handle: row.string(1), title: row.string(2), vendor: row.string(3),
                                  category: row.optionalInt64(4), tags: tags[id] ?? [])
        }
        return catalog
    }

    /// For each product of `catalog`: true when it is active, shown in the shop and has stock.
    static func availability(_ db: any SQLConnection, catalog: RecommenderCatalog) throws -> [Bool] {
        var available = [Bool](repeating: false, count: catalog.count)
        try db.forEach("SELECT id, status = 'active' AND published = 1 AND stock_total > 0 FROM products") { row in
            if let item = catalog.indexOfProduct[row.int64(0)] { available[Int(item)] = row.bool(1) }
        }
        return available
    }

    /// The purchases of every order that was not cancelled, in order of placement (order id).
    static func purchases(_ db: any SQLConnection, catalog: RecommenderCatalog) throws -> CustomerLog {
        var log = CustomerLog(itemCount: catalog.count)
        var current: (order: Int64, customer: CustomerKey, at: Int64)?
        var items: [Int32] = []
        try db.forEach("""
            SELECT o.id, o.user_id, o.email, o.placed_at, l.product_id
            FROM orders o JOIN order_lines l ON l.order_id = o.id
            WHERE o.status <> 'CANCELLED' AND l.product_id IS NOT NULL
            ORDER BY o.id, l.id
            """) { row in
            let order = row.int64(0)
            if current?.order != order {
                if let current { log.appendOrder(customer: current.customer, at: current.at, items: items) }
                let customer: CustomerKey = row.optionalInt64(1).map { .account($0) } ?? .email(row.string(2).lowercased())
                current = (order, customer, row.int64(3))
                items.removeAll(keepingCapacity: true)
            }
            if let item = catalog.indexOfProduct[row.int64(4)] { items.append(item) }
        }
        if let current { log.appendOrder(customer: current.customer, at: current.at, items: items) }
        return log
    }

    /// A cheap summary that changes when orders or the catalog change (not on stock moves alone):
    /// the trigger-kept counters of schema 4 and the newest order id, each one indexed read.
    static func fingerprint(_ db: any SQLConnection) throws -> StoreFingerprint {
        try db.first("""
            SELECT orders, catalog, (SELECT coalesce(max(id), 0) FROM orders) FROM recommender_inputs WHERE id = 1
            """) { row in
            StoreFingerprint(orders: [row.int64(0), row.int64(2)], catalog: [row.int64(1)])
        } ?? StoreFingerprint(orders: [], catalog: [])
    }
}

/// What the recommender last read: changes in `orders` call for a refit, in `catalog` also for new content similarity.
struct StoreFingerprint: Equatable, Sendable {
    let orders: [Int64]
    let catalog: [Int64]
}
