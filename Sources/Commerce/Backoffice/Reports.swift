/// The figures the back office reports: sales per day, best sellers, low stock, conversion and the
/// fulfilment backlog. Every query reads the summary tables the schema keeps by triggers
/// (`sales_daily`, `product_sales_daily`) or an index; none reads every order line. Staff only.
public struct Reports {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The longest period a report covers, in days.
    public static let maximumDays = 3_660

    /// Sales for each of the `days` days ending with the day of `now` (the store's clock when nil), oldest first.
    public func sales(days: Int, now: Int64? = nil, as caller: Caller) throws(CommerceError) -> SalesPeriod {
        try caller.require(.staff, to: "see sales reports")
        let days = try Reports.checked(days)
        let last = CivilDay(milliseconds: now ?? store.clock.now())
        return try period(from: last.adding(Int64(1 - days)), through: last)
    }

    /// The `limit` products that sold the most units in the `days` days ending today.
    public func topProducts(days: Int, limit: Int = 10, now: Int64? = nil,
                            as caller: Caller) throws(CommerceError) -> [TopProduct] {
        try caller.require(.staff, to: "see sales reports")
        let days = try Reports.checked(days)
        let first = CivilDay(milliseconds: now ?? store.clock.now()).adding(Int64(1 - days))
        // The window's rows are contiguous in the summary's key (day, product); summing them in a
        // dictionary is several times faster than SQLite's GROUP BY, which sorts them first.
        return try store.read {
            var totals: [Int64: (units: Int64, revenue: Int64)] = [:]
            try db.forEach("SELECT product_id, units, revenue FROM product_sales_daily WHERE day >= ?", values: [first.number]) { row in
                let product = row.int64(0)
                let sum = totals[product] ?? (0, 0)
                totals[product] = (sum.units + row.int64(1), sum.revenue + row.int64(2))
            }
            let best = totals.filter { $0.value.units > 0 }
                .sorted { ($0.value.units, $0.value.revenue, -$0.key) > ($1.value.units, $1.value.revenue, -$1.key) }
                .prefix(max(0, limit))
            return try best.compactMap { product, sum in
                try db.first("SELECT handle, title FROM products WHERE id = ?", product) { row in
                    TopProduct(productID: ProductID(product), handle: row.string(0), title: row.string(1),
                               units: Int(sum.units), revenue: store.money(sum.revenue))
                }
            }
        }
    }

    /// Variants of live products at or below their low-stock threshold, lowest stock first.
    public func lowStock(limit: Int = 20, as caller: Caller) throws(CommerceError) -> [LowStockItem] {
        try caller.require(.staff, to: "see stock reports")
        return try store.read {
            try db.all("""
                SELECT v.id, v.product_id, p.handle, p.title, v.sku, v.stock, v.low_stock_threshold
                FROM variants v \(db.dialect.indexHint("variants_low_stock")) JOIN products p ON p.id = v.product_id
                WHERE v.archived = 0 AND v.stock <= v.low_stock_threshold AND p.status <> 'archived'
                ORDER BY v.stock, v.id LIMIT ?
                """, max(0, limit)) { row in
                LowStockItem(variantID: VariantID(row.int64(0)), productID: ProductID(row.int64(1)), handle: row.string(2),
                             title: row.string(3), sku: row.optionalString(4), stock: row.int(5), threshold: row.int(6))
            }
        }
    }

    /// The most `lowStockCount` counts: a shop with more low variants than this reads "1000 or more".
    public static let lowStockCountLimit = 1_000

    /// How many variants of live products are at or below their threshold, counting up to
    /// `lowStockCountLimit` (each one counted reads its product, so the count stops there).
    public func lowStockCount(as caller: Caller) throws(CommerceError) -> Int {
        try caller.require(.staff, to: "see stock reports")
        return try store.read {
            Int(try db.scalarInt("""
                SELECT count(*) FROM (
                    SELECT 1 FROM variants v \(db.dialect.indexHint("variants_low_stock")) JOIN products p ON p.id = v.product_id
                    WHERE v.archived = 0 AND v.stock <= v.low_stock_threshold AND p.status <> 'archived' LIMIT ?) low
                """, Reports.lowStockCountLimit) ?? 0)
        }
    }

    /// Orders waiting for staff, by what they wait for.
    public func backlog(as caller: Caller) throws(CommerceError) -> FulfilmentBacklog {
        try caller.require(.staff, to: "see the fulfilment queue")
        return try store.read {
            func count(_ status: OrderStatus) throws -> Int {
                Int(try db.scalarInt("SELECT count(*) FROM orders WHERE status = ?", status.rawValue) ?? 0)
            }
            let unpaid = Int(try db.scalarInt("""
                SELECT count(*) FROM orders WHERE status = 'PENDING' AND payment_method = 'card' AND payment_status <> 'paid'
                """) ?? 0)
            return FulfilmentBacklog(readyToProcess: try count(.pending) - unpaid, awaitingPayment: unpaid,
                                     toShip: try count(.processing), inTransit: try count(.shipped))
        }
    }

    /// Carts created against orders placed in the `days` days ending today.
    public func conversion(days: Int, now: Int64? = nil, as caller: Caller) throws(CommerceError) -> Conversion {
        try caller.require(.staff, to: "see sales reports")
        let days = try Reports.checked(days)
        let last = CivilDay(milliseconds: now ?? store.clock.now())
        return try conversion(from: last.adding(Int64(1 - days)), through: last)
    }

    /// The dashboard: the `days` days ending today and the `days` before them, best sellers,
    /// low stock and the backlog.
    public func dashboard(days: Int = 30, topLimit: Int = 5, lowStockLimit: Int = 5,
                          now: Int64? = nil, as caller: Caller) throws(CommerceError) -> DashboardReport {
        try caller.require(.staff, to: "see the dashboard")
        let days = try Reports.checked(days)
        let last = CivilDay(milliseconds: now ?? store.clock.now())
        let first = last.adding(Int64(1 - days))
        let previousFirst = first.adding(Int64(-days))
        let both = try period(from: previousFirst, through: last)
        return DashboardReport(
            current: SalesPeriod(days: Array(both.days.suffix(days))),
            previous: SalesPeriod(days: Array(both.days.prefix(days))),
            conversion: try conversion(from: first, through: last),
            previousConversion: try conversion(from: previousFirst, through: first.adding(-1)),
            topProducts: try topProducts(days: days, limit: topLimit, now: now, as: caller),
            lowStock: try lowStock(limit: lowStockLimit, as: caller),
            lowStockCount: try lowStockCount(as: caller),
            backlog: try backlog(as: caller))
    }

    // MARK: Internals

    private static func checked(_ days: Int) throws(CommerceError) -> Int {
        guard (1...maximumDays).contains(days) else {
            throw .invalid(field: "days", reason: "must be between 1 and \(maximumDays) (got \(days))")
        }
        return days
    }

    private func period(from first: CivilDay, through last: CivilDay) throws(CommerceError) -> SalesPeriod {
        let rows = try store.read {
            try db.all("SELECT day, orders, revenue, refunds FROM sales_daily WHERE day BETWEEN ? AND ?",
                       first.number, last.number) { ($0.int64(0), ($0.int(1), $0.int64(2), $0.int64(3))) }
        }
        let byDay = Dictionary(rows, uniquingKeysWith: { a, _ in a })
        var days: [DailySales] = []
        var day = first
        while day <= last {
            let row = byDay[day.number] ?? (0, 0, 0)
            days.append(DailySales(day: day, orders: row.0, revenue: store.money(row.1), refunds: store.money(row.2)))
            day = day.adding(1)
        }
        return SalesPeriod(days: days)
    }

    private func conversion(from first: CivilDay, through last: CivilDay) throws(CommerceError) -> Conversion {
        try store.read {
            let carts = try db.scalarInt("SELECT count(*) FROM carts WHERE created_at >= ? AND created_at < ?",
                                         first.startMilliseconds, last.adding(1).startMilliseconds) ?? 0
            let orders = try db.scalarInt("SELECT coalesce(sum(orders), 0) FROM sales_daily WHERE day BETWEEN ? AND ?",
                                          first.number, last.number) ?? 0
            return Conversion(carts: Int(carts), orders: Int(orders))
        }
    }
}

extension Store {
    /// The back office's reports of this store.
    public var reports: Reports { Reports(store: self) }
}
