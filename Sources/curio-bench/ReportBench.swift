@_spi(Storage) import Commerce
import Foundation

/// The back office's report queries at the synthetic store's size (`curio seed --products 100000
/// --orders 360000`), each beside an anchor from the same run: the scans of orders and order lines
/// the summary tables avoid. `CURIO_BENCH_STORE=PATH` uses an existing synthetic store instead of
/// generating one (it is only read).
func reportBenchRows() -> [BenchRow] {
    do {
        return try withTemporaryFolder { folder in
            let products = 100_000
            let orders = 360_000
            let path: String
            if let given = ProcessInfo.processInfo.environment["CURIO_BENCH_STORE"] {
                path = given
            } else {
                path = "\(folder)/reports.db"
                var options = DatabaseOptions()
                options.synchronous = .off
                let store = try Store(path: path, options: options)
                store.passwordHasher = .fast
                let report = try StoreGenerator.generate(into: store, products: products, orders: orders)
                FileHandle.standardError.write(Data("report bench: generated the store in \(String(format: "%.0f", report.seconds)) s\n".utf8))
            }
            return try ReportBench(path: path).rows()
        }
    } catch {
        return [("report bench failed: \(error)", "-", 0, 0, "-")]
    }
}

private struct ReportBench {
    let store: Store
    let size: String
    let caller = Caller.system
    let rounds = 30

    init(path: String) throws {
        var options = DatabaseOptions()
        options.readOnly = true
        store = try Store(path: path, options: options)
        let orders = try store.db.scalarInt("SELECT count(*) FROM orders") ?? 0
        let lines = try store.db.scalarInt("SELECT max(id) FROM order_lines") ?? 0
        let products = try store.db.scalarInt("SELECT count(*) FROM products") ?? 0
        size = "\(products / 1000)k products, \(orders / 1000)k orders, \(lines / 1000)k lines"
    }

    func rows() throws -> [BenchRow] {
        let reports = store.reports
        let now = Clock.millisecondsNow()
        let since = now - 30 * 86_400_000
        var rows: [BenchRow] = []
        rows.append(try measure("reports: dashboard open (30 days + previous 30, top 5, low stock, backlog)") {
            _ = try reports.dashboard(days: 30, now: now, as: caller)
        })
        rows.append(try measure("reports: sales per day, 30 days (sales_daily)") { _ = try reports.sales(days: 30, now: now, as: caller) })
        rows.append(try measure("anchor: sales per day, 30 days, from the orders") {
            _ = try store.db.all("""
                SELECT placed_at / 86400000, count(*), sum(total) FROM orders
                WHERE placed_at >= ? AND payment_status <> 'failed' GROUP BY 1
                """, since) { $0.int64(0) }
        })
        rows.append(try measure("reports: top 10 products, 30 days (product_sales_daily)") {
            _ = try reports.topProducts(days: 30, limit: 10, now: now, as: caller)
        })
        rows.append(try measure("anchor: top 10 products, 30 days, from the order lines", rounds: 5) {
            _ = try store.db.all("""
                SELECT l.product_id, sum(l.quantity) FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.placed_at >= ? AND o.payment_status <> 'failed' GROUP BY l.product_id ORDER BY 2 DESC LIMIT 10
                """, since) { $0.int64(0) }
        })
        rows.append(try measure("anchor: full scan of every order line (units per product)", rounds: 3) {
            _ = try store.db.all("SELECT product_id, sum(quantity) FROM order_lines GROUP BY product_id ORDER BY 2 DESC LIMIT 10") { $0.int64(0) }
        })
        rows.append(try measure("reports: low-stock list (20) and count (partial index)") {
            _ = try reports.lowStock(limit: 20, as: caller)
            _ = try reports.lowStockCount(as: caller)
        })
        rows.append(try measure("anchor: low stock by scanning every variant", rounds: 5) {
            _ = try store.db.all("""
                SELECT v.id FROM variants v NOT INDEXED JOIN products p ON p.id = v.product_id
                WHERE v.archived = 0 AND v.stock <= v.low_stock_threshold AND p.status <> 'archived' ORDER BY v.stock, v.id LIMIT 20
                """) { $0.int64(0) }
        })
        rows.append(try measure("reports: fulfilment backlog (status index)") { _ = try reports.backlog(as: caller) })
        rows.append(try measure("orders: queue counts per status (status index)") { _ = try store.orders.countsByStatus(as: caller) })
        rows.append(try measure("anchor: queue counts per status by reading every order", rounds: 5) {
            _ = try store.db.all("SELECT status, count(*) FROM orders NOT INDEXED GROUP BY status") { $0.string(0) }
        })
        rows.append(try measure("reports: conversion, 30 days (carts index + sales_daily)") {
            _ = try reports.conversion(days: 30, now: now, as: caller)
        })
        return rows
    }

    private func measure(_ name: String, rounds: Int? = nil, _ body: () throws -> Void) throws -> BenchRow {
        try body()  // warm the page cache, as an open back office has it
        var samples = Samples()
        let count = rounds ?? self.rounds
        for _ in 0..<count { samples.add(try measureMicros(body)) }
        let p50 = samples.percentile(0.5)
        return (name, size, p50, samples.percentile(0.99), perSecond(1e6 / max(p50, 1), unit: " queries/s"))
    }
}
