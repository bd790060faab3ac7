/// A customer in the back office's list: the account with how much they bought.
public struct CustomerSummary: Sendable, Equatable, Codable {
    /// The account.
    public let profile: UserProfile
    /// Orders placed (checkouts whose payment failed are left out).
    public let orders: Int
    /// What those orders came to, less refunds.
    public let lifetimeValue: Money
    /// When the latest order was placed, if any.
    public let lastOrderAt: Int64?
}

/// One customer in full: account, orders, lifetime value and saved addresses.
public struct CustomerDetail: Sendable, Equatable, Codable {
    /// The account and its totals.
    public let summary: CustomerSummary
    /// Their orders, newest first.
    public let orders: [OrderSummary]
    /// Saved addresses, default first.
    public let addresses: [Address]
}

/// A password made by staff for an account, shown once to hand over; it is stored only as a hash.
public struct OneTimePassword: Sendable, Equatable {
    /// The account it was set for.
    public let user: UserID
    /// The password in clear text; show it once and forget it.
    public let password: String
}
