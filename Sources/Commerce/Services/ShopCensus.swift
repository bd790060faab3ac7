/// A shop's counts and totals: rows in every table of its data, and the sums that must survive any copy
/// (money, stock, units). Two databases holding the same shop have equal censuses; `doctor` prints it
/// and `migrate-to` compares the source's with the copy's before it commits.
public struct ShopCensus: Sendable, Equatable {
    /// One figure: what it counts and its value.
    public struct Figure: Sendable, Equatable {
        /// What is counted ("rows in orders", "sum of orders.total").
        public let name: String
        /// Its value.
        public let value: Int64
    }

    /// Every figure, in a fixed order.
    public let figures: [Figure]

    /// Sums compared besides the row counts: the shop's money, stock and units.
    static let sums: [(table: String, column: String)] = [
        ("orders", "total"), ("orders", "refunded_total"), ("orders", "number"),
        ("order_lines", "quantity"), ("order_lines", "line_total"),
        ("payments", "amount"), ("variants", "stock"), ("inventory_ledger", "delta"),
        ("products", "units_sold"), ("products", "rating_sum"), ("reviews", "rating"),
        ("sales_daily", "revenue"), ("sales_daily", "refunds"), ("product_sales_daily", "units"),
    ]

    /// Counts and sums `db`'s shop, in one statement so the figures come from one moment.
    public init(database db: any SQLConnection) throws {
        var parts = ShopTables.copied.map { "SELECT 'rows in \($0.name)', count(*) FROM \(sqlIdentifier($0.name))" }
        parts += Self.sums.map {
            "SELECT 'sum of \($0.table).\($0.column)', coalesce(sum(\(sqlIdentifier($0.column))), 0) FROM \(sqlIdentifier($0.table))"
        }
        // The order of the branches is kept by reading the figures back by name.
        let values = try db.all(parts.joined(separator: " UNION ALL ")) { ($0.string(0), $0.int64(1)) }
        let byName = Dictionary(values, uniquingKeysWith: { first, _ in first })
        let names = ShopTables.copied.map { "rows in \($0.name)" } + Self.sums.map { "sum of \($0.table).\($0.column)" }
        figures = names.map { Figure(name: $0, value: byName[$0] ?? 0) }
    }

    /// The figure named `name`, or 0.
    public func value(_ name: String) -> Int64 { figures.first { $0.name == name }?.value ?? 0 }

    /// Each figure that differs from `other`'s, in words ("rows in orders: 12 here, 11 there").
    public func differences(from other: ShopCensus, here: String, there: String) -> [String] {
        zip(figures, other.figures).compactMap { mine, theirs in
            mine == theirs ? nil : "\(mine.name): \(mine.value) in \(here), \(theirs.value) in \(there)"
        }
    }

    /// True when the shop holds nothing a copy would overwrite: no row in any copied table besides those a
    /// new schema writes itself.
    var isEmptyShop: Bool {
        ShopTables.copied.filter { !$0.seededBySchema }.allSatisfy { value("rows in \($0.name)") == 0 }
    }
}
