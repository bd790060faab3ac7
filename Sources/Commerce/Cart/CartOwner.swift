/// Whose cart a caller means: a signed-in account's, or a guest's by token.
enum CartOwner: Equatable {
    case user(UserID)
    case guest(String)

    /// The owner for `caller`; the system and empty tokens have no cart.
    init(_ caller: Caller) throws(CommerceError) {
        if let user = caller.userID {
            self = .user(user)
        } else if let token = caller.guestToken {
            self = .guest(try CartOwner.validToken(token))
        } else {
            throw .signInRequired("sign in or browse as a guest to use a cart")
        }
    }

    /// A guest token as stored: non-empty, at most 128 characters, printable ASCII.
    static func validToken(_ token: String) throws(CommerceError) -> String {
        guard !token.isEmpty, token.utf8.count <= 128, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw .invalid(field: "guest token", reason: "must be 1 to 128 printable characters without spaces")
        }
        return token
    }

    /// The cart's id, or nil when the owner has none yet.
    func cartID(in db: any SQLConnection) throws -> Int64? {
        switch self {
        case .user(let id): return try db.scalarInt("SELECT id FROM carts WHERE user_id = ?", id)
        case .guest(let token): return try db.scalarInt("SELECT id FROM carts WHERE guest_token = ?", token)
        }
    }

    /// The cart's id, creating an empty cart (dated `now`) first when the owner has none. Call inside a write transaction.
    func ensureCart(in db: any SQLConnection, now: Int64) throws -> Int64 {
        if let id = try cartID(in: db) { return id }
        switch self {
        case .user(let id):
            return try db.insert("INSERT INTO carts(user_id, created_at, updated_at) VALUES (?, ?, ?)", id, now, now)
        case .guest(let token):
            return try db.insert("INSERT INTO carts(guest_token, created_at, updated_at) VALUES (?, ?, ?)", token, now, now)
        }
    }
}
