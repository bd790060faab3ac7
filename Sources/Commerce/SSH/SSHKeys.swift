import Foundation

/// SSH keys as identities: the shopper connecting with a key is the account linked to its
/// fingerprint (made on first need), and staff keys are linked to staff accounts by an admin.
public struct SSHKeys {
    let store: Store
    private var db: any SQLConnection { store.db }

    init(store: Store) { self.store = store }

    /// The account of `key`, made on first need as a customer with no email and no password (the
    /// email is attached at the first checkout); the same key finds the same account next time.
    public func shopper(for key: SSHPublicKey, caller: Caller) throws(CommerceError) -> SignedIn {
        try caller.require(.admin, to: "sign in by SSH key")
        let fingerprint = key.fingerprint
        let id = try store.write { () throws -> UserID in
            let now = store.clock.now()
            if let found = try db.scalarInt("SELECT user_id FROM user_keys WHERE fingerprint = ?", fingerprint) {
                try db.execute("UPDATE user_keys SET last_used_at = ? WHERE fingerprint = ?", now, fingerprint)
                return UserID(found)
            }
            let insertedID = try db.insert("INSERT INTO users(email, name, password_hash, role, created_at, updated_at) VALUES (NULL, ?, NULL, 'customer', ?, ?)",
                           SSHKeys.accountName(fingerprint), now, now)
            let id = UserID(insertedID)
            try insertKey(key, user: id, now: now)
            try store.outbox.emit(.userRegistered(UserRegistered(userID: id.rawValue, sshKey: fingerprint)))
            return id
        }
        let profile = try store.accounts.profile(id)
        if profile.disabled { throw .forbidden("this account is disabled; contact the shop") }
        return SignedIn(user: profile)
    }

    /// The staff account `key` is linked to; `.forbidden` when it is linked to none, to a customer, or
    /// to a disabled account (the staff SSH account opens the back office only for these keys).
    public func staff(for key: SSHPublicKey, caller: Caller) throws(CommerceError) -> SignedIn {
        try caller.require(.admin, to: "check staff keys")
        let fingerprint = key.fingerprint
        let id = try store.read { try db.scalarInt("SELECT user_id FROM user_keys WHERE fingerprint = ?", fingerprint) }
        guard let id else { throw .forbidden("this key is not linked to a staff account") }
        let profile = try store.accounts.profile(UserID(id))
        guard profile.role >= .staff, !profile.disabled else { throw .forbidden("this key is not linked to a staff account") }
        try store.write { try db.execute("UPDATE user_keys SET last_used_at = ? WHERE fingerprint = ?", store.clock.now(), fingerprint) }
        return SignedIn(user: profile)
    }

    /// Links `key` to the account with `email`; admins only. A key already linked elsewhere is refused.
    public func link(_ key: SSHPublicKey, comment: String = "", toEmail email: String, by caller: Caller) throws(CommerceError) -> UserProfile {
        try caller.require(.admin, to: "link SSH keys to accounts")
        let user = try store.accounts.profile(email: email, as: caller)
        let comment = String(comment.unicodeScalars.filter { $0.value >= 0x20 && !(0x7f...0x9f).contains($0.value) }.prefix(200).map(Character.init))
        try store.write {
            if let owner = try db.scalarInt("SELECT user_id FROM user_keys WHERE fingerprint = ?", key.fingerprint) {
                if owner == user.id.rawValue { return }
                throw CommerceError.conflict("this key is already linked to another account")
            }
            try insertKey(key, user: user.id, comment: comment, now: store.clock.now())
            try store.audit.record(caller, action: "user.add_key", entity: "user", entityID: user.id.rawValue,
                                   detail: ["fingerprint": key.fingerprint, "type": key.type])
        }
        return user
    }

    /// The fingerprints linked to account `id`; the account itself or staff.
    public func fingerprints(of id: UserID, as caller: Caller) throws(CommerceError) -> [String] {
        if caller.userID != id { try caller.require(.staff, to: "see other people's keys") }
        return try store.read { try db.all("SELECT fingerprint FROM user_keys WHERE user_id = ? ORDER BY id", id) { $0.string(0) } }
    }

    private func insertKey(_ key: SSHPublicKey, user: UserID, comment: String = "", now: Int64) throws {
        try db.execute("""
            INSERT INTO user_keys(user_id, fingerprint, key_type, public_key, comment, created_at, last_used_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, user, key.fingerprint, key.type, key.base64, comment, now, now)
    }

    /// The display name of an account made for a key: "SSH SHA256:abcd1234" (the start of its fingerprint).
    static func accountName(_ fingerprint: String) -> String { "SSH " + fingerprint.prefix(15) }
}

extension Store {
    /// SSH keys as shopper and staff identities.
    public var sshKeys: SSHKeys { SSHKeys(store: self) }
}
