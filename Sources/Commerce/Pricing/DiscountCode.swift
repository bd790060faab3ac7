/// A discount code as staff see it.
public struct DiscountCode: Sendable, Hashable, Identifiable {
    /// The code's row.
    public let id: DiscountCodeID
    /// The code shoppers type, upper case ("WELCOME10").
    public let code: String
    /// What it takes off.
    public let value: DiscountValue
    /// The subtotal a cart needs before the code applies.
    public let minimumSubtotal: Money
    /// When it starts to work (ms since the epoch), or nil for at once.
    public let startsAt: Int64?
    /// When it stops working (ms since the epoch), or nil for never.
    public let expiresAt: Int64?
    /// How many orders may use it, or nil for any number.
    public let usageLimit: Int?
    /// How many orders have used it.
    public let usedCount: Int
    /// False once staff deactivated it.
    public let active: Bool

    /// The code as the totals price it.
    public var discount: Discount { Discount(code: code, value: value) }

    static let select = """
        SELECT id, code, kind, value, min_subtotal, starts_at, expires_at, usage_limit, used_count, active FROM discount_codes
        """

    init(row: Row, currency: Currency) {
        id = DiscountCodeID(row.int64(0))
        code = row.string(1)
        value = row.string(2) == "percent" ? .percent(row.int(3)) : .fixed(Money(minorUnits: row.int64(3), currency: currency))
        minimumSubtotal = Money(minorUnits: row.int64(4), currency: currency)
        startsAt = row.optionalInt64(5)
        expiresAt = row.optionalInt64(6)
        usageLimit = row.optionalInt64(7).map { Int($0) }
        usedCount = row.int(8)
        active = row.bool(9)
    }
}

/// What staff fill in to create a discount code.
public struct DiscountCodeDraft: Sendable, Hashable {
    /// The code: 3 to 32 of A-Z, 0-9, "-" and "_" (lower case is upper-cased).
    public var code: String
    /// A percentage 1...100 or a fixed amount above zero.
    public var value: DiscountValue
    /// The subtotal a cart needs before the code applies (0 for none).
    public var minimumSubtotal: Money?
    /// When it starts to work (ms since the epoch), or nil for at once.
    public var startsAt: Int64?
    /// When it stops working (ms since the epoch), or nil for never.
    public var expiresAt: Int64?
    /// How many orders may use it, or nil for any number.
    public var usageLimit: Int?

    /// A draft with a code and a value; the other fields default to no limits.
    public init(code: String, value: DiscountValue) {
        self.code = code
        self.value = value
    }
}
