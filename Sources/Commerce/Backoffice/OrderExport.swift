/// Which orders to export; nil fields match everything.
public struct OrderExportFilter: Sendable, Equatable {
    /// Only orders with this status.
    public var status: OrderStatus?
    /// Placed at or after this time (ms since the epoch).
    public var since: Int64?
    /// Placed before this time (ms since the epoch).
    public var until: Int64?
    /// Every order.
    public init(status: OrderStatus? = nil, since: Int64? = nil, until: Int64? = nil) {
        self.status = status
        self.since = since
        self.until = until
    }
}

/// One order as exported: the fields a spreadsheet or accounting tool wants.
public struct OrderExportRow: Sendable, Equatable, Codable {
    /// The order number.
    public let number: Int
    /// When it was placed (ms since the epoch).
    public let placedAt: Int64
    /// The contact email.
    public let email: String
    /// Fulfilment status.
    public let status: OrderStatus
    /// Payment status.
    public let paymentStatus: PaymentStatus
    /// "card" or "cod".
    public let paymentMethod: String
    /// Units ordered.
    public let items: Int
    /// Sum of the lines.
    public let subtotal: Money
    /// Discount taken off.
    public let discount: Money
    /// Shipping charged.
    public let shipping: Money
    /// Tax charged.
    public let tax: Money
    /// What the shopper paid.
    public let total: Money
    /// Refunded so far.
    public let refunded: Money
    /// The recipient.
    public let shipName: String
    /// The destination country.
    public let shipCountry: String
    /// The carrier, once shipped.
    public let carrier: String?
    /// The tracking number, once shipped.
    public let trackingNumber: String?

    /// The column names, in the order of `cells`.
    public static let columns = ["number", "placed_at", "email", "status", "payment_status", "payment_method", "items",
                                 "subtotal", "discount", "shipping", "tax", "total", "refunded", "ship_name", "ship_country",
                                 "carrier", "tracking_number"]
    /// The row's cells as text (amounts as decimals, times as ISO 8601 UTC).
    public var cells: [String] {
        [String(number), ExportTime.iso(placedAt), email, status.rawValue, paymentStatus.rawValue, paymentMethod, String(items),
         subtotal.decimalString, discount.decimalString, shipping.decimalString, tax.decimalString, total.decimalString,
         refunded.decimalString, shipName, shipCountry, carrier ?? "", trackingNumber ?? ""]
    }
}

/// One customer as exported.
public struct CustomerExportRow: Sendable, Equatable, Codable {
    /// The account.
    public let id: UserID
    /// The contact email.
    public let email: String?
    /// The display name.
    public let name: String
    /// The role.
    public let role: Role
    /// True when it may not sign in.
    public let disabled: Bool
    /// When it was made (ms since the epoch).
    public let createdAt: Int64
    /// Orders placed (failed payments left out).
    public let orders: Int
    /// What those orders came to, less refunds.
    public let lifetimeValue: Money

    /// The column names, in the order of `cells`.
    public static let columns = ["id", "email", "name", "role", "disabled", "created_at", "orders", "lifetime_value"]
    /// The row's cells as text.
    public var cells: [String] {
        [String(id.rawValue), email ?? "", name, role.rawValue, disabled ? "true" : "false", ExportTime.iso(createdAt),
         String(orders), lifetimeValue.decimalString]
    }
}

/// Exports of orders and customers, streamed row by row so a large shop needs little memory. Staff only.
public struct DataExport {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// Calls `each` for every order matching `filter`, oldest first.
    public func orders(_ filter: OrderExportFilter = OrderExportFilter(), as caller: Caller,
                       each: (OrderExportRow) throws -> Void) throws(CommerceError) {
        try caller.require(.staff, to: "export orders")
        try store.read {
            try db.forEach("""
                SELECT o.number, o.placed_at, o.email, o.status, o.payment_status, o.payment_method,
                       (SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE order_id = o.id),
                       o.subtotal, o.discount_total, o.shipping_total, o.tax_total, o.total, o.refunded_total,
                       o.ship_name, o.ship_country, o.carrier, o.tracking_number
                FROM orders o
                WHERE (CAST(?1 AS TEXT) IS NULL OR o.status = ?1) AND o.placed_at >= coalesce(CAST(?2 AS BIGINT), -9223372036854775807)
                  AND o.placed_at < coalesce(CAST(?3 AS BIGINT), 9223372036854775807)
                ORDER BY o.placed_at, o.id
                """, values: [filter.status?.rawValue, filter.since, filter.until]) { row in
                try each(OrderExportRow(
                    number: row.int(0), placedAt: row.int64(1), email: row.string(2),
                    status: OrderStatus(rawValue: row.string(3)) ?? .pending, paymentStatus: PaymentStatus(rawValue: row.string(4)) ?? .pending,
                    paymentMethod: row.string(5), items: row.int(6), subtotal: store.money(row.int64(7)), discount: store.money(row.int64(8)),
                    shipping: store.money(row.int64(9)), tax: store.money(row.int64(10)), total: store.money(row.int64(11)),
                    refunded: store.money(row.int64(12)), shipName: row.string(13), shipCountry: row.string(14),
                    carrier: row.optionalString(15), trackingNumber: row.optionalString(16)))
            }
        }
    }

    /// Calls `each` for every customer account, oldest first, with their order count and lifetime value.
    public func customers(as caller: Caller, each: (CustomerExportRow) throws -> Void) throws(CommerceError) {
        try caller.require(.staff, to: "export customers")
        try store.read {
            try db.forEach("""
                SELECT u.id, u.email, u.name, u.role, u.disabled, u.created_at,
                       (SELECT count(*) FROM orders o WHERE o.user_id = u.id AND o.payment_status <> 'failed'),
                       (SELECT coalesce(sum(total - refunded_total), 0) FROM orders o WHERE o.user_id = u.id AND o.payment_status <> 'failed')
                FROM users u WHERE u.role = 'customer' ORDER BY u.id
                """, values: []) { row in
                try each(CustomerExportRow(
                    id: UserID(row.int64(0)), email: row.optionalString(1), name: row.string(2),
                    role: Role(rawValue: row.string(3)) ?? .customer, disabled: row.bool(4), createdAt: row.int64(5),
                    orders: row.int(6), lifetimeValue: store.money(row.int64(7))))
            }
        }
    }
}

/// Times in exports: ISO 8601 in UTC to the second.
public enum ExportTime {
    /// "2026-03-01T14:05:09Z".
    public static func iso(_ milliseconds: Int64) -> String {
        let day = CivilDay(milliseconds: milliseconds)
        let inDay = (milliseconds - day.startMilliseconds) / 1000
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(day)T\(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60))Z"
    }
}

/// A cell for a spreadsheet: text starting with `=`, `+`, `-`, `@`, a tab or a carriage return is
/// prefixed with `'`, so a spreadsheet shows it as text instead of running it as a formula.
public enum SpreadsheetCell {
    /// `text`, made inert.
    public static func safe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) else { return text }
        return "'" + text
    }

    /// One CSV record (RFC 4180 quoting) of `cells`, each made inert first.
    public static func csvRecord(_ cells: [String]) -> String {
        cells.map { CSVWriter.escape(safe($0)) }.joined(separator: ",") + "\n"
    }
}

extension Store {
    /// Order and customer exports of this store.
    public var dataExport: DataExport { DataExport(store: self) }
}
