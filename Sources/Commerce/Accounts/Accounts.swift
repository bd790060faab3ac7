import Foundation

/// A signed-in shopper or staff member.
public struct SignedIn: Sendable, Equatable {
    /// The account.
    public let user: UserProfile
    /// The caller to pass to services from now on.
    public var caller: Caller { user.caller }
}

/// Accounts: registration, sign-in with backoff, profiles, passwords, roles and saved addresses.
public struct Accounts {
    let store: Store
    /// The shortest password accepted.
    public static let minimumPasswordLength = 8

    init(store: Store) { self.store = store }

    private var db: any SQLConnection { store.db }
    private var hasher: PasswordHasher { store.passwordHasher }

    // MARK: Creating accounts

    /// Lets a shopper register with email, name and password; the new account is a customer.
    public func register(email: String, name: String, password: String) throws(CommerceError) -> SignedIn {
        let id = try createUser(email: email, name: name, password: password, role: .customer, by: .system)
        return SignedIn(user: try profile(id))
    }

    /// Creates an account with any role. Only admins (or the system) may create staff or admin accounts;
    /// `password` nil makes an account that cannot sign in with a password.
    public func createUser(email: String, name: String, password: String?, role: Role, by caller: Caller) throws(CommerceError) -> UserID {
        if role > .customer { try caller.require(.admin, to: "create \(role.rawValue) accounts") }
        else if caller != .system { try caller.require(.staff, to: "create accounts for others") }
        let email = try EmailAddress.normalize(email)
        let name = try Accounts.validName(name)
        let hash: String?
        if let password {
            try Accounts.checkPasswordRules(password, field: "password")
            hash = try hashing(password)
        } else {
            hash = nil
        }
        return try store.write {
            if try db.scalarInt("SELECT 1 FROM users WHERE email = ?", email) != nil {
                throw CommerceError.conflict("an account with this email already exists")
            }
            let now = store.clock.now()
            let insertedID = try db.insert("""
                INSERT INTO users(email, name, password_hash, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                """, email, name, hash, role.rawValue, now, now)
            let id = UserID(insertedID)
            try store.outbox.emit(.userRegistered(UserRegistered(userID: id.rawValue, email: email, name: name)))
            if caller != .system || role > .customer {
                try store.audit.record(caller, action: "user.create", entity: "user", entityID: id.rawValue,
                                       detail: ["email": email, "role": role.rawValue])
            }
            return id
        }
    }

    // MARK: Signing in

    /// Signs in with email and password. Failures never say whether the email exists; repeated failures
    /// on one email, and from one SSH key (`from`'s fingerprint), make further attempts wait
    /// (`.throttled`). The attempt is counted before the password is checked, in the same writer
    /// transaction that decides it may go ahead, so many sessions trying at once share the allowance.
    public func signIn(email: String, password: String, from origin: Caller? = nil) throws(CommerceError) -> SignedIn {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let keys = Accounts.throttleKeys("signin", account: "email:" + email, origin: origin)
        let throttle = Throttle(db: db)
        try store.write { try throttle.begin(keys, now: store.clock.now()) }
        let row = try store.read {
            try db.first("SELECT id, password_hash, disabled FROM users WHERE email = ?", email) { row in
                (id: UserID(row.int64(0)), hash: row.optionalString(1), disabled: row.bool(2))
            }
        }
        // Hash even when there is no such account, so the time taken does not tell.
        let matches = PasswordHasher.verify(password, against: row?.hash ?? Accounts.decoyHash)
        guard let row, row.hash != nil, matches else { throw .signInFailed }
        if row.disabled { throw .forbidden("this account is disabled; contact the shop") }
        try store.write {
            try throttle.succeed(keys.map(\.key))
            if let stored = row.hash, hasher.needsRehash(stored), hasher.logN >= PasswordHasher.standard.logN {
                try db.execute("UPDATE users SET password_hash = ? WHERE id = ?", try hasher.hash(password), row.id)
            }
        }
        return SignedIn(user: try profile(row.id))
    }

    /// The throttle keys of one kind of attempt: the account attacked (short waits) and, when the
    /// caller came with an SSH key, that key (long waits).
    static func throttleKeys(_ kind: String, account: String, origin: Caller?) -> [(key: String, policy: Throttle.Policy)] {
        var keys: [(key: String, policy: Throttle.Policy)] = [(key: "\(kind):\(account)", policy: .account)]
        if let fingerprint = origin?.keyFingerprint { keys.append((key: "\(kind):key:\(fingerprint)", policy: .origin)) }
        return keys
    }

    /// A fixed hash that no password matches, verified against when the email is unknown.
    static let decoyHash = "$scrypt$ln=15,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="

    // MARK: Profiles

    /// The profile of account `id`.
    public func profile(_ id: UserID) throws(CommerceError) -> UserProfile {
        guard let found = try store.read({ try db.first(Accounts.profileSelect + " WHERE id = ?", id, map: Accounts.profile) }) else {
            throw .notFound("no account with id \(id)")
        }
        return found
    }

    /// The profile for `email`; staff only, or the account itself.
    public func profile(email: String, as caller: Caller) throws(CommerceError) -> UserProfile {
        let email = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard let found = try store.read({ try db.first(Accounts.profileSelect + " WHERE email = ?", email, map: Accounts.profile) }) else {
            throw .notFound("no account with email \(email)")
        }
        if found.id != caller.userID { try caller.require(.staff, to: "look up other accounts") }
        return found
    }

    /// Changes the caller's own display name.
    public func updateName(_ name: String, as caller: Caller) throws(CommerceError) -> UserProfile {
        let id = try caller.requireAccount(to: "change your name")
        let name = try Accounts.validName(name)
        try store.write { try db.execute("UPDATE users SET name = ?, updated_at = ? WHERE id = ?", name, store.clock.now(), id) }
        return try profile(id)
    }

    /// Changes the caller's password after checking the current one.
    public func changePassword(current: String, new: String, as caller: Caller) throws(CommerceError) {
        let id = try caller.requireAccount(to: "change your password")
        let stored = try store.read { try db.scalarString("SELECT password_hash FROM users WHERE id = ?", id) }
        guard let stored, PasswordHasher.verify(current, against: stored) else {
            throw .invalid(field: "current password", reason: "is not right")
        }
        try Accounts.checkPasswordRules(new, field: "new password")
        let hash = try hashing(new)
        try store.write { try db.execute("UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?", hash, store.clock.now(), id) }
    }

    /// Every account, newest first, optionally filtered by a piece of email or name; staff only.
    public func list(matching filter: String = "", limit: Int = 500, as caller: Caller) throws(CommerceError) -> [UserProfile] {
        try caller.require(.staff, to: "list accounts")
        let pattern = "%" + filter.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try store.read {
            try db.all(Accounts.profileSelect + " WHERE coalesce(email, '') LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\' ORDER BY id DESC LIMIT ?2",
                       pattern, limit, map: Accounts.profile)
        }
    }

    // MARK: Roles and access

    /// Gives account `id` a new role; admins only, and the last admin cannot stop being one.
    public func setRole(_ id: UserID, to role: Role, by caller: Caller) throws(CommerceError) {
        try caller.require(.admin, to: "change roles")
        let current = try profile(id)
        if current.role == role { return }
        try store.write {
            if current.role == .admin, try db.scalarInt("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0") ?? 0 <= 1 {
                throw CommerceError.notAllowed("\(current.email ?? current.name) is the last admin; make someone else admin first")
            }
            try db.execute("UPDATE users SET role = ?, updated_at = ? WHERE id = ?", role.rawValue, store.clock.now(), id)
            try store.audit.record(caller, action: "user.set_role", entity: "user", entityID: id.rawValue,
                                   detail: ["from": current.role.rawValue, "to": role.rawValue])
        }
    }

    /// Disables or re-enables account `id`. Staff may do this to customers; only admins to staff and admins.
    public func setDisabled(_ id: UserID, _ disabled: Bool, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "disable accounts")
        let current = try profile(id)
        if current.role > .customer { try caller.require(.admin, to: "disable staff accounts") }
        if current.id == caller.userID && disabled { throw .notAllowed("you cannot disable your own account") }
        if current.disabled == disabled { return }
        try store.write {
            if disabled, current.role == .admin,
               try db.scalarInt("SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0") ?? 0 <= 1 {
                throw CommerceError.notAllowed("\(current.email ?? current.name) is the last admin and cannot be disabled")
            }
            try db.execute("UPDATE users SET disabled = ?, updated_at = ? WHERE id = ?", disabled, store.clock.now(), id)
            try store.audit.record(caller, action: disabled ? "user.disable" : "user.enable", entity: "user", entityID: id.rawValue)
        }
    }

    // MARK: Helpers

    private func hashing(_ password: String) throws(CommerceError) -> String {
        do { return try hasher.hash(password) } catch {
            throw .storage(DatabaseError(code: 1, message: "\(error)"))
        }
    }

    static func validName(_ name: String) throws(CommerceError) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw .invalid(field: "name", reason: "required") }
        guard trimmed.count <= 100 else { throw .invalid(field: "name", reason: "longer than 100 characters") }
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) else {
            throw .invalid(field: "name", reason: "must not contain control characters")
        }
        return trimmed
    }

    static func checkPasswordRules(_ password: String, field: String) throws(CommerceError) {
        guard password.count >= minimumPasswordLength else {
            throw .invalid(field: field, reason: "at least \(minimumPasswordLength) characters")
        }
        guard password.utf8.count <= 1024 else { throw .invalid(field: field, reason: "at most 1024 bytes") }
    }

    static let profileSelect = "SELECT id, email, name, role, disabled, password_hash IS NOT NULL, created_at FROM users"

    static func profile(_ row: Row) -> UserProfile {
        UserProfile(id: UserID(row.int64(0)), email: row.optionalString(1), name: row.string(2),
                    role: Role(rawValue: row.string(3)) ?? .customer, disabled: row.bool(4),
                    hasPassword: row.bool(5), createdAt: row.int64(6))
    }
}

extension Store {
    /// Accounts of this store.
    public var accounts: Accounts { Accounts(store: self) }
}
