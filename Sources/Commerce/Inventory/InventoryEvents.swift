/// Outbox events for stock changes: InventoryUpdated for staff changes, InventoryLow when a variant
/// falls to or below its low-stock threshold. Call inside the change's transaction.
struct InventoryEvents {
    let store: Store

    /// Emits InventoryLow when the variant went from above its threshold to at or below it.
    func lowStockIfCrossed(_ variant: VariantID, before: Int64, after: Int64) throws {
        guard let info = try store.db.first("""
            SELECT v.low_stock_threshold, v.sku, p.title FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?
            """, variant, map: { (threshold: $0.int64(0), sku: $0.string(1), title: $0.string(2)) }) else { return }
        if after <= info.threshold && before > info.threshold {
            try store.outbox.emit(.inventoryLow(InventoryLow(variantID: variant.rawValue, sku: info.sku, title: info.title,
                                                             stock: after, threshold: info.threshold)))
        }
    }

    /// Emits InventoryUpdated for a staff change, and InventoryLow when it crossed the threshold.
    func updated(_ variant: VariantID, before: Int64, delta: Int, reason: StockReason) throws {
        let (after, overflow) = before.addingReportingOverflow(Int64(delta))
        guard !overflow else {
            throw CommerceError.invalid(field: "delta", reason: "\(delta) cannot be added to the \(before) in stock")
        }
        try store.outbox.emit(.inventoryUpdated(InventoryUpdated(variantID: variant.rawValue, stock: after, delta: delta,
                                                                 reason: reason.rawValue)))
        try lowStockIfCrossed(variant, before: before, after: after)
    }
}

extension ProductEditor {
    /// Sets the stock level at or below which a variant counts as low (and staff are told); staff only.
    public func setLowStockThreshold(_ id: VariantID, to threshold: Int, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        guard (0...100_000).contains(threshold) else {
            throw .invalid(field: "low stock threshold", reason: "must be between 0 and 100000")
        }
        try store.write {
            try store.db.execute("UPDATE variants SET low_stock_threshold = ?, updated_at = ? WHERE id = ?",
                                 threshold, store.clock.now(), id)
            guard store.db.changes == 1 else { throw CommerceError.notFound("no variant with id \(id)") }
            try store.audit.record(caller, action: "variant.low_stock_threshold", entity: "variant", entityID: id.rawValue,
                                   detail: ["threshold": String(threshold)])
        }
    }
}
