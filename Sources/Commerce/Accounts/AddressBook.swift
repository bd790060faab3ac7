/// A signed-in shopper's saved shipping addresses.
public struct AddressBook {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The caller's addresses, default first.
    public func list(as caller: Caller) throws(CommerceError) -> [Address] {
        let user = try caller.requireAccount(to: "see saved addresses")
        return try store.read {
            try db.all(AddressBook.select + " WHERE user_id = ? ORDER BY is_default DESC, id", user, map: AddressBook.address)
        }
    }

    /// Saves a new address for the caller (validated); the first one saved becomes the default.
    public func add(_ address: Address, as caller: Caller) throws(CommerceError) -> Address {
        let user = try caller.requireAccount(to: "save addresses")
        let a = try address.validated()
        return try store.write {
            let count = try db.scalarInt("SELECT count(*) FROM addresses WHERE user_id = ?", user) ?? 0
            guard count < 50 else { throw CommerceError.notAllowed("you can save at most 50 addresses") }
            let makeDefault = a.isDefault || count == 0
            if makeDefault { try db.execute("UPDATE addresses SET is_default = 0 WHERE user_id = ?", user) }
            let insertedID = try db.insert("""
                INSERT INTO addresses(user_id, label, name, company, line1, line2, city, region, postal_code, country, phone, is_default, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, user, a.label, a.name, a.company, a.line1, a.line2, a.city, a.region, a.postalCode, a.country, a.phone,
                makeDefault, store.clock.now())
            var saved = a
            saved.id = AddressID(insertedID)
            saved.isDefault = makeDefault
            return saved
        }
    }

    /// Replaces the fields of one of the caller's addresses.
    public func update(_ address: Address, as caller: Caller) throws(CommerceError) -> Address {
        let user = try caller.requireAccount(to: "change saved addresses")
        guard let id = address.id else { throw .notFound("that address has not been saved yet") }
        let a = try address.validated()
        try store.write {
            if a.isDefault { try db.execute("UPDATE addresses SET is_default = 0 WHERE user_id = ?", user) }
            try db.execute("""
                UPDATE addresses SET label = ?, name = ?, company = ?, line1 = ?, line2 = ?, city = ?, region = ?,
                    postal_code = ?, country = ?, phone = ?, is_default = CASE WHEN ? THEN 1 ELSE is_default END
                WHERE id = ? AND user_id = ?
                """, a.label, a.name, a.company, a.line1, a.line2, a.city, a.region, a.postalCode, a.country, a.phone,
                a.isDefault, id, user)
            if db.changes == 0 { throw CommerceError.notFound("no saved address \(id)") }
        }
        return a
    }

    /// Deletes one of the caller's addresses; if it was the default, the newest remaining one becomes default.
    public func remove(_ id: AddressID, as caller: Caller) throws(CommerceError) {
        let user = try caller.requireAccount(to: "delete saved addresses")
        try store.write {
            try db.execute("DELETE FROM addresses WHERE id = ? AND user_id = ?", id, user)
            if db.changes == 0 { throw CommerceError.notFound("no saved address \(id)") }
            if try db.scalarInt("SELECT 1 FROM addresses WHERE user_id = ? AND is_default = 1", user) == nil {
                try db.execute("UPDATE addresses SET is_default = 1 WHERE id = (SELECT max(id) FROM addresses WHERE user_id = ?)", user)
            }
        }
    }

    static let select = "SELECT id, label, name, company, line1, line2, city, region, postal_code, country, phone, is_default FROM addresses"

    static func address(_ row: Row) -> Address {
        Address(id: AddressID(row.int64(0)), label: row.string(1), name: row.string(2), company: row.string(3),
                line1: row.string(4), line2: row.string(5), city: row.string(6), region: row.string(7),
                postalCode: row.string(8), country: row.string(9), phone: row.string(10), isDefault: row.bool(11))
    }
}

extension Store {
    /// Saved addresses of this store's accounts.
    public var addresses: AddressBook { AddressBook(store: self) }
}
