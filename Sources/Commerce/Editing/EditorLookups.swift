extension ProductEditor {
    /// The category at `path` (names from the root down, matched case-insensitively), creating missing ones; staff only.
    public func ensureCategory(path: [String], by caller: Caller) throws(CommerceError) -> CategoryID {
        try caller.require(.staff, to: "edit products")
        let names = path.map { $0.trimmedText }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw .invalid(field: "category", reason: "give a path like \"Home > Kitchen\"") }
        for name in names { try check("category", CatalogRules.controlCharacterProblem(name)) }
        return try store.write {
            let (id, created) = try CatalogWriter(db: store.db, now: store.clock.now()).category(path: names)
            if created > 0 {
                try store.audit.record(caller, action: "category.create", entity: "category", entityID: id.rawValue,
                                       detail: ["path": names.joined(separator: " > ")])
            }
            return id
        }
    }

    /// Units of `variant` in stock now.
    public func stockLevel(of variant: VariantID) throws(CommerceError) -> Int {
        guard let stock = try store.read({ try store.db.scalarInt("SELECT stock FROM variants WHERE id = ?", variant) }) else {
            throw .notFound("no variant \(variant)")
        }
        return Int(stock)
    }
}

extension Catalog {
    /// How many products the shop has: active ones, or all of them (drafts and archived too; staff only).
    public func productCount(includingInactive: Bool = false, caller: Caller) throws(CommerceError) -> Int {
        if includingInactive { try caller.require(.staff, to: "count draft and archived products") }
        return Int(try store.read {
            try store.db.scalarInt("SELECT count(*) FROM products WHERE ? = 1 OR status = 'active'", includingInactive) ?? 0
        })
    }

    /// True when the shop has no products at all, in any status (one index probe, not a count).
    public func hasNoProducts(caller: Caller) throws(CommerceError) -> Bool {
        try store.read { try store.db.scalarInt("SELECT EXISTS (SELECT 1 FROM products)") ?? 0 } == 0
    }
}
