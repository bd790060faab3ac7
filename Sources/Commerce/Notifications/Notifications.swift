import Foundation

/// The in-app inbox: each account sees only the notifications addressed to it (staff see theirs,
/// such as low-stock alerts); staff may list everyone's.
public struct Notifications {
    let store: Store

    private var db: any SQLConnection { store.db }

    /// What an inbox leaves out: messages about a declined checkout, which was never an order
    /// (versions before this one sent them).
    static let shown = "kind <> 'payment_failed'"

    /// The caller's notifications, newest first; guests have none and are asked to sign in.
    public func inbox(as caller: Caller, limit: Int = 50) throws(CommerceError) -> [InboxItem] {
        let userID = try caller.requireAccount(to: "see your notifications")
        return try store.read {
            try db.all(InboxItem.select + " WHERE user_id = ? AND \(Notifications.shown) ORDER BY created_at DESC, id DESC LIMIT ?",
                       userID, max(limit, 0), map: InboxItem.map)
        }
    }

    /// How many of the caller's notifications are unread (0 for a guest).
    public func unreadCount(as caller: Caller) throws(CommerceError) -> Int {
        guard let userID = caller.userID else { return 0 }
        return try store.read {
            Int(try db.scalarInt("SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL AND \(Notifications.shown)",
                                 userID) ?? 0)
        }
    }

    /// Marks one of the caller's notifications read; another account's is `.notFound`, as if absent.
    public func markRead(_ id: NotificationID, as caller: Caller) throws(CommerceError) {
        let userID = try caller.requireAccount(to: "read notifications")
        try store.write {
            try db.execute("UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?",
                           store.clock.now(), id, userID)
            if db.changes == 0 { throw CommerceError.notFound("no notification \(id) in your inbox") }
        }
    }

    /// Marks all the caller's notifications read; returns how many were unread.
    @discardableResult
    public func markAllRead(as caller: Caller) throws(CommerceError) -> Int {
        let userID = try caller.requireAccount(to: "read notifications")
        return try store.write {
            try db.execute("UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL",
                           store.clock.now(), userID)
        }
    }

    /// Every notification, or those sent to `email`, newest first; staff only.
    public func list(email: String? = nil, limit: Int = 500, as caller: Caller) throws(CommerceError) -> [InboxItem] {
        try caller.require(.staff, to: "list everyone's notifications")
        return try store.read {
            if let email {
                return try db.all(InboxItem.select + " WHERE lower(email) = lower(?) ORDER BY created_at DESC, id DESC LIMIT ?",
                                  email.trimmingCharacters(in: .whitespacesAndNewlines), max(limit, 0), map: InboxItem.map)
            }
            return try db.all(InboxItem.select + " ORDER BY created_at DESC, id DESC LIMIT ?", max(limit, 0), map: InboxItem.map)
        }
    }
}

extension Store {
    /// The in-app notification inbox of this store.
    public var notifications: Notifications { Notifications(store: self) }
}
