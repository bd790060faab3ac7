import Foundation

/// Staff's view of the shop's customers: list and search, one customer with orders, lifetime
/// value and addresses, and a password reset. Staff only; resetting a staff account's password is
/// for admins.
public struct Customers {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// Accounts whose email or name contains `filter`, newest first, with their order totals.
    public func list(matching filter: String = "", limit: Int = 200, as caller: Caller) throws(CommerceError) -> [CustomerSummary] {
        try caller.require(.staff, to: "list customers")
        let profiles = try store.accounts.list(matching: filter, limit: limit, as: caller)
        return try profiles.map { profile throws(CommerceError) in try summary(profile) }
    }

    /// One customer with their orders and saved addresses.
    public func detail(_ id: UserID, orderLimit: Int = 100, as caller: Caller) throws(CommerceError) -> CustomerDetail {
        try caller.require(.staff, to: "see customers")
        let profile = try store.accounts.profile(id)
        let reading = OrderReading(store: store)
        return CustomerDetail(
            summary: try summary(profile),
            orders: try store.read {
                try db.all(OrderReading.summarySelect + " WHERE o.user_id = ? ORDER BY o.placed_at DESC, o.id DESC LIMIT ?",
                           id, max(0, orderLimit), map: reading.summary)
            },
            addresses: try store.read {
                try db.all(AddressBook.select + " WHERE user_id = ? ORDER BY is_default DESC, id", id, map: AddressBook.address)
            })
    }

    /// Sets a new random password on account `id` and returns it once, for staff to hand over.
    /// Recorded in the audit log (without the password).
    public func resetPassword(_ id: UserID, by caller: Caller) throws(CommerceError) -> OneTimePassword {
        try caller.require(.staff, to: "reset passwords")
        let profile = try store.accounts.profile(id)
        if profile.role > .customer { try caller.require(.admin, to: "reset staff passwords") }
        let password = Customers.randomPassword()
        let hash: String
        do { hash = try store.passwordHasher.hash(password) } catch {
            throw .storage(DatabaseError(code: 1, message: "\(error)"))
        }
        try store.write {
            try db.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, store.clock.now(), id)
            try store.audit.record(caller, action: "user.reset_password", entity: "user", entityID: id.rawValue,
                                   detail: ["email": profile.email ?? "", "before": profile.hasPassword ? "password set" : "no password",
                                            "after": "one-time password set"])
        }
        return OneTimePassword(user: id, password: password)
    }

    private func summary(_ profile: UserProfile) throws(CommerceError) -> CustomerSummary {
        let found = try store.read {
            try db.first("""
                SELECT count(*), coalesce(sum(total - refunded_total), 0), max(placed_at)
                FROM orders WHERE user_id = ? AND payment_status <> 'failed'
                """, profile.id) { ($0.int(0), $0.int64(1), $0.optionalInt64(2)) }
        }
        let totals = found ?? (0, 0, nil)
        return CustomerSummary(profile: profile, orders: totals.0, lifetimeValue: store.money(totals.1), lastOrderAt: totals.2)
    }

    /// Sixteen characters from an alphabet without look-alikes (no 0/O, 1/l/I), from the system's CSPRNG.
    static func randomPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<16).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}

extension Store {
    /// The back office's customers of this store.
    public var customers: Customers { Customers(store: self) }
}
