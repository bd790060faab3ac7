import Commerce
import Foundation

/// Reports for staff from the summary tables: sales per day and low stock.
enum ReportCommands {
    static let all: [Command] = [sales, stock]

    static let sales = Command(
        path: ["report", "sales"],
        summary: "orders, revenue, refunds and average order value per day",
        details: """
            One line per UTC day for the last N days (default 30, today last), then the totals. Orders whose
            payment failed are not counted; refunds count on the day they went out. --json prints {"days":
            [{"day", "orders", "revenue", "refunds", "averageOrderValue"}], "orders", "revenue", "refunds",
            "averageOrderValue"}.
            """,
        options: [OptionSpec(name: "--days", value: "N", help: "how many days, 1 to \(Reports.maximumDays) (default 30)"), OptionSpec.json()],
        run: { context, arguments in
            let days = try arguments.value("--days").map { text -> Int in
                guard let n = Int(text), (1...Reports.maximumDays).contains(n) else {
                    throw UsageError(message: "--days must be a whole number from 1 to \(Reports.maximumDays)")
                }
                return n
            } ?? 30
            let store = try context.openStore()
            let period = try store.reports.sales(days: days, as: context.actor)
            if arguments.has("--json") {
                context.out(try JSONOutput.encode(SalesJSON(period)) + "\n")
                return 0
            }
            var rows = period.days.map { [$0.day.description, String($0.orders), $0.revenue.formatted, $0.refunds.formatted,
                                          $0.averageOrderValue.formatted] }
            rows.append(["total", String(period.orders), period.revenue.formatted, period.refunds.formatted,
                         period.averageOrderValue.formatted])
            context.out(TextTable.render(header: ["DAY", "ORDERS", "REVENUE", "REFUNDS", "AOV"], rows: rows))
            return 0
        })

    static let stock = Command(
        path: ["report", "stock"],
        summary: "variants at or below their low-stock threshold, lowest first",
        details: """
            --low lists the variants of products on sale or in draft whose stock is at or below their
            low-stock threshold, lowest first. --json prints [{"variantID", "productID", "handle", "title",
            "sku", "stock", "threshold"}].
            """,
        options: [
            OptionSpec(name: "--low", value: nil, help: "list the variants running low", required: true),
            OptionSpec(name: "--limit", value: "N", help: "at most N variants (default 100)"),
            OptionSpec.json(),
        ],
        run: { context, arguments in
            let limit = try arguments.value("--limit").map { text -> Int in
                guard let n = Int(text), n > 0 else { throw UsageError(message: "--limit must be a positive number") }
                return n
            } ?? 100
            let store = try context.openStore()
            let items = try store.reports.lowStock(limit: limit, as: context.actor)
            if arguments.has("--json") {
                context.out(try JSONOutput.encode(items) + "\n")
                return 0
            }
            guard !items.isEmpty else {
                context.out("No variant is at or below its low-stock threshold.\n")
                return 0
            }
            let total = try store.reports.lowStockCount(as: context.actor)
            context.out(TextTable.render(header: ["SKU", "PRODUCT", "STOCK", "THRESHOLD"], rows: items.map {
                [$0.sku ?? "-", $0.title, String($0.stock), String($0.threshold)]
            }))
            if total > items.count {
                let more = total >= Reports.lowStockCountLimit ? "at least \(total - items.count)" : String(total - items.count)
                context.out("… and \(more) more (--limit N shows more).\n")
            }
            return 0
        })

    /// `report sales --json`: the days and the period's totals.
    private struct SalesJSON: Encodable {
        struct Day: Encodable {
            let day: String
            let orders: Int
            let revenue: Money
            let refunds: Money
            let averageOrderValue: Money
        }
        let days: [Day]
        let orders: Int
        let revenue: Money
        let refunds: Money
        let averageOrderValue: Money

        init(_ period: SalesPeriod) {
            days = period.days.map { Day(day: $0.day.description, orders: $0.orders, revenue: $0.revenue, refunds: $0.refunds,
                                         averageOrderValue: $0.averageOrderValue) }
            orders = period.orders
            revenue = period.revenue
            refunds = period.refunds
            averageOrderValue = period.averageOrderValue
        }
    }
}
