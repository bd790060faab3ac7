/// A role an account has; each includes what the ones before it may do.
public enum Role: String, Sendable, CaseIterable, Codable, Comparable {
    case customer
    case staff
    case admin

    private var rank: Int {
        switch self {
        case .customer: return 0
        case .staff: return 1
        case .admin: return 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }
}

/// Who is calling a service. Every service call takes one, and staff-only calls check it.
public struct Caller: Sendable, Hashable, CustomStringConvertible {
    /// The signed-in account, or nil for a guest or the system itself.
    public let userID: UserID?
    /// What the caller may do.
    public let role: Role
    /// How the caller appears in timelines and the audit log (an email, "guest", "system").
    public let label: String
    /// A guest's cart token, for shoppers who have not signed in.
    public let guestToken: String?
    /// The SSH key fingerprint the session connected with, if any: failures are also throttled per key.
    public private(set) var keyFingerprint: String? = nil

    /// A signed-in account.
    public static func user(_ id: UserID, role: Role, label: String) -> Caller {
        Caller(userID: id, role: role, label: label, guestToken: nil)
    }

    /// A shopper who has not signed in, known by the token of their cart.
    public static func guest(token: String) -> Caller {
        Caller(userID: nil, role: .customer, label: "guest", guestToken: token)
    }

    /// Curio itself (CLI maintenance, seeding, background jobs): may do anything.
    public static let system = Caller(userID: nil, role: .admin, label: "system", guestToken: nil)

    /// True for staff and admins.
    public var isStaff: Bool { role >= .staff }

    /// Throws `.forbidden` unless the caller has at least `role`; `action` says what was refused.
    public func require(_ role: Role, to action: String) throws(CommerceError) {
        guard self.role >= role else {
            throw .forbidden("only \(role == .admin ? "admins" : "staff") can \(action)")
        }
    }

    /// The caller's account, or `.signInRequired` for a guest.
    public func requireAccount(to action: String) throws(CommerceError) -> UserID {
        guard let userID else { throw .signInRequired("sign in to \(action)") }
        return userID
    }

    /// The same caller, connected with the SSH key whose fingerprint is `fingerprint`.
    public func connected(by fingerprint: String?) -> Caller {
        var caller = self
        caller.keyFingerprint = fingerprint
        return caller
    }

    public var description: String { label }
}
