import Foundation

extension ProductEditor {
    /// Adds a variant to a product; its option values must not repeat another variant's.
    public func addVariant(to product: ProductID, _ draft: VariantDraft, by caller: Caller) throws(CommerceError) -> VariantID {
        try caller.require(.staff, to: "edit products")
        return try store.write {
            let names = try currentOptionNames(of: product)
            try validate(draft, optionCount: names.count)
            let position = Int(try db.scalarInt("SELECT coalesce(max(position), 0) + 1 FROM variants WHERE product_id = ?", product) ?? 1)
            return try insertVariant(draft, product: product.rawValue, position: position, caller: caller, writer: CatalogWriter(db: db, now: store.clock.now()))
        }
    }

    /// Changes the given fields of a variant.
    public func updateVariant(_ id: VariantID, _ changes: VariantChanges, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        if let price = changes.price { try check("price", CatalogRules.priceProblem(price)) }
        if let compare = changes.compareAtPrice, let compare { try check("compareAtPrice", CatalogRules.priceProblem(compare)) }
        if let sku = changes.sku, let sku { try check("sku", CatalogRules.skuProblem(sku)) }
        if let barcode = changes.barcode, let barcode { try check("barcode", CatalogRules.typedBarcodeProblem(barcode)) }
        if let grams = changes.grams, grams < 0 { throw .invalid(field: "grams", reason: "must be 0 or more (got \(grams))") }
        try store.write {
            guard let current = try db.first("SELECT product_id, price, compare_at_price FROM variants WHERE id = ?", id,
                                             map: { ($0.int64(0), $0.int64(1), $0.optionalInt64(2)) }) else {
                throw CommerceError.notFound("no variant with id \(id)")
            }
            let product = current.0
            // The "was" price is checked against the price the variant will have, whichever of the two changes.
            if changes.price != nil || changes.compareAtPrice != nil {
                let price = changes.price ?? store.money(current.1)
                if let compare = changes.compareAtPrice ?? current.2.map(store.money) {
                    try check("compareAtPrice", CatalogRules.compareAtProblem(compare, price: price))
                }
            }
            var sets: [String] = []
            var values: [SQLBindable?] = []
            var detail: [String: String] = [:]
            if let sku = changes.sku {
                if let sku { try requireFreeSKU(sku, except: id) }
                sets.append("sku = ?"); values.append(sku); detail["sku"] = sku ?? "none"
            }
            if let options = changes.options {
                let names = try currentOptionNames(of: ProductID(product))
                let cleaned = try validOptions(options, optionCount: names.count)
                try requireFreeOptions(cleaned, product: product, except: id)
                sets.append("option1 = ?, option2 = ?, option3 = ?")
                values += [cleaned.optionAt(0), cleaned.optionAt(1), cleaned.optionAt(2)]
                detail["options"] = cleaned.joined(separator: " / ")
            }
            if let price = changes.price {
                sets.append("price = ?"); values.append(price.minorUnits); detail["price"] = price.decimalString
            }
            if let compare = changes.compareAtPrice {
                sets.append("compare_at_price = ?"); values.append(compare?.minorUnits)
                detail["compareAtPrice"] = compare?.decimalString ?? "none"
            }
            if let barcode = changes.barcode {
                sets.append("barcode = ?"); values.append(barcode); detail["barcode"] = barcode ?? "none"
            }
            if let grams = changes.grams { sets.append("grams = ?, grams_milli = NULL"); values.append(grams); detail["grams"] = String(grams) }
            guard !sets.isEmpty else { return }
            sets.append("updated_at = ?")
            values.append(store.clock.now())
            try db.execute("UPDATE variants SET \(sets.joined(separator: ", ")) WHERE id = ?", values: values + [id])
            try store.audit.record(caller, action: "variant.update", entity: "variant", entityID: id.rawValue, detail: detail)
        }
    }

    /// Takes a variant off sale; it stays in order history.
    public func archiveVariant(_ id: VariantID, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        try store.write {
            guard try db.execute("UPDATE variants SET archived = 1, updated_at = ? WHERE id = ?", store.clock.now(), id) == 1 else {
                throw CommerceError.notFound("no variant with id \(id)")
            }
            try store.audit.record(caller, action: "variant.archive", entity: "variant", entityID: id.rawValue)
        }
    }

    /// Moves a variant's stock by `delta` units through the ledger (`restock` or `adjustment`).
    public func adjustStock(_ id: VariantID, by delta: Int, reason: StockReason = .adjustment, note: String = "",
                            by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        guard reason == .restock || reason == .adjustment else {
            throw .invalid(field: "reason", reason: "staff change stock by restock or adjustment; \(reason.rawValue) is written by its own service")
        }
        try check("delta", CatalogRules.stockDeltaProblem(delta))
        try check("note", CatalogRules.controlCharacterProblem(note))
        try store.write {
            try applyStockChange(id, by: delta, reason: reason, note: note, caller: caller)
        }
    }

    /// Sets a variant's stock to `target` units with one `adjustment` ledger row for the difference.
    /// The difference is taken inside the write transaction, so a sale by another process cannot slip in
    /// between reading the level and writing the row.
    public func setStock(_ id: VariantID, to target: Int, note: String = "", by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        try check("stock", CatalogRules.stockProblem(target))
        try check("note", CatalogRules.controlCharacterProblem(note))
        try store.write {
            guard let current = try db.scalarInt("SELECT stock FROM variants WHERE id = ?", id) else {
                throw CommerceError.notFound("no variant with id \(id)")
            }
            let (delta, overflow) = Int64(target).subtractingReportingOverflow(current)
            guard !overflow, let delta = Int(exactly: delta) else {
                throw CommerceError.invalid(field: "stock", reason: "cannot move the stock of \(current) to \(target) in one step")
            }
            if delta != 0 { try applyStockChange(id, by: delta, reason: .adjustment, note: note, caller: caller) }
        }
    }

    // MARK: Internals

    /// Writes one staff stock change (ledger row, events, audit) after checking the level it leads to.
    /// The caller holds the write transaction and has checked the caller's role and the delta's size.
    private func applyStockChange(_ id: VariantID, by delta: Int, reason: StockReason, note: String, caller: Caller) throws {
        guard let stock = try db.scalarInt("SELECT stock FROM variants WHERE id = ?", id) else {
            throw CommerceError.notFound("no variant with id \(id)")
        }
        let (after, overflow) = stock.addingReportingOverflow(Int64(delta))
        guard !overflow, after >= 0 else {
            throw CommerceError.invalid(field: "delta", reason: overflow
                ? "\(delta) cannot be added to the \(stock) in stock"
                : "would make stock \(after); there are only \(stock) in stock")
        }
        guard after <= Int64(CatalogRules.maxStockQuantity) || delta < 0 else {
            throw CommerceError.invalid(field: "delta", reason: """
                would make stock \(after); stock may be at most \(CatalogRules.maxStockQuantity) units
                """)
        }
        try CatalogWriter(db: db, now: store.clock.now()).recordStock(variant: id.rawValue, delta: delta, reason: reason, note: note, actor: caller.userID)
        try InventoryEvents(store: store).updated(id, before: stock, delta: delta, reason: reason)
        try store.audit.record(caller, action: "stock.\(reason.rawValue)", entity: "variant", entityID: id.rawValue,
                               detail: ["delta": String(delta), "note": note])
    }

    func validate(_ draft: VariantDraft, optionCount: Int) throws(CommerceError) {
        try check("price", CatalogRules.priceProblem(draft.price))
        if let compare = draft.compareAtPrice { try check("compareAtPrice", CatalogRules.compareAtProblem(compare, price: draft.price)) }
        if let sku = draft.sku { try check("sku", CatalogRules.skuProblem(sku)) }
        if let barcode = draft.barcode { try check("barcode", CatalogRules.typedBarcodeProblem(barcode)) }
        if draft.grams < 0 { throw .invalid(field: "grams", reason: "must be 0 or more (got \(draft.grams))") }
        try check("stock", CatalogRules.stockProblem(draft.stock))
        _ = try validOptions(draft.options, optionCount: optionCount)
    }

    func validOptions(_ options: [String], optionCount: Int) throws(CommerceError) -> [String] {
        let cleaned = options.map(\.trimmedText)
        guard cleaned.count == optionCount else {
            throw .invalid(field: "options", reason: optionCount == 0
                ? "the product has no options; give no option values"
                : "the product has \(optionCount) option(s); give \(optionCount) value(s), not \(cleaned.count)")
        }
        if cleaned.contains("") { throw .invalid(field: "options", reason: "option values must not be blank") }
        for value in cleaned { try check("options", CatalogRules.optionValueProblem(value)) }
        return cleaned
    }

    func requireFreeSKU(_ sku: String, except id: VariantID?) throws {
        if let owner = try db.first("""
            SELECT v.id, p.handle FROM variants v JOIN products p ON p.id = v.product_id WHERE v.sku = ?
            """, sku, map: { ($0.int64(0), $0.string(1)) }), owner.0 != id?.rawValue {
            throw CommerceError.conflict("sku: \"\(sku)\" is already used by a variant of \"\(owner.1)\"; SKUs must be unique")
        }
    }

    func requireFreeOptions(_ options: [String], product: Int64, except id: VariantID?) throws {
        if let other = try db.scalarInt("""
            SELECT id FROM variants WHERE product_id = ? AND coalesce(option1, '') = ? AND coalesce(option2, '') = ?
              AND coalesce(option3, '') = ?
            """, product, options.optionAt(0) ?? "", options.optionAt(1) ?? "", options.optionAt(2) ?? ""), other != id?.rawValue {
            throw CommerceError.conflict("options: another variant of this product already has \(options.isEmpty ? "no options" : options.joined(separator: " / "))")
        }
    }

    /// Inserts a validated variant with its opening stock; the caller holds the transaction.
    func insertVariant(_ draft: VariantDraft, product: Int64, position: Int, caller: Caller, writer: CatalogWriter) throws -> VariantID {
        let options = draft.options.map(\.trimmedText)
        if let sku = draft.sku { try requireFreeSKU(sku, except: nil) }
        try requireFreeOptions(options, product: product, except: nil)
        let id = try db.insert("""
            INSERT INTO variants(product_id, sku, option1, option2, option3, position, price, compare_at_price, barcode, grams,
                                 created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, values: [product, draft.sku, options.optionAt(0), options.optionAt(1), options.optionAt(2), position, draft.price.minorUnits,
                          draft.compareAtPrice?.minorUnits, draft.barcode, draft.grams, writer.now, writer.now])
        try writer.recordStock(variant: id, delta: draft.stock, reason: .restock, note: "opening stock", actor: caller.userID)
        try store.audit.record(caller, action: "variant.create", entity: "variant", entityID: id,
                               detail: ["product_id": String(product), "sku": draft.sku ?? "", "price": draft.price.decimalString])
        return VariantID(id)
    }
}
