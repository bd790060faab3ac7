/// A change applied to many products at once.
public enum BulkAction: Sendable, Equatable {
    /// Sets the status (publish = active, draft, archive).
    case setStatus(ProductStatus)
    /// Changes every live variant's price by `percent` (−90 … +1000), rounded to the minor unit.
    case changePrice(percent: Int)
    /// Deletes products that were never sold or stocked (others must be archived instead).
    case delete
}

/// What undoes a bulk change: the exact values from before it, per product and variant.
public struct BulkUndo: Sendable, Equatable {
    /// Each product's status before.
    public let statuses: [ProductID: ProductStatus]
    /// Each variant's price before, in minor units.
    public let prices: [VariantID: Int64]
    /// Each deleted product's rows as they were.
    public let deleted: [DeletedProduct]
    /// True when nothing needs undoing.
    public var isEmpty: Bool { statuses.isEmpty && prices.isEmpty && deleted.isEmpty }

    init(statuses: [ProductID: ProductStatus] = [:], prices: [VariantID: Int64] = [:], deleted: [DeletedProduct] = []) {
        self.statuses = statuses
        self.prices = prices
        self.deleted = deleted
    }
}

/// A deleted product's rows — the product, its variants, tags, images and reviews — exactly as they
/// were, ids included, in the order they go back in.
public struct DeletedProduct: Sendable, Equatable {
    /// The product's id, kept.
    public let id: ProductID
    /// Its handle, for messages.
    public let handle: String
    let rows: [SavedRow]

    /// One row of one table: its column names and values.
    struct SavedRow: Sendable, Equatable {
        let table: String
        let columns: [String]
        let values: [SQLValue]
    }

    /// The tables a product's rows live in, parents first, with the column that names the product.
    /// (Only products never sold or stocked are deleted, so no ledger or order rows refer to them.)
    static let tables: [(table: String, key: String)] = [
        ("products", "id"), ("variants", "product_id"), ("product_tags", "product_id"),
        ("product_images", "product_id"), ("reviews", "product_id"),
    ]

    /// Reads product `id`'s rows from `db`.
    static func saved(_ id: ProductID, handle: String, from db: any SQLConnection) throws -> DeletedProduct {
        var rows: [SavedRow] = []
        for (table, key) in tables {
            try db.forEach("SELECT * FROM \(table) WHERE \(key) = ? ORDER BY 1, 2", values: [id]) { row in
                rows.append(SavedRow(table: table, columns: (0..<row.count).map { row.columnName($0) },
                                     values: (0..<row.count).map { row.value($0) }))
            }
        }
        return DeletedProduct(id: id, handle: handle, rows: rows)
    }
}

/// The outcome of a bulk change.
public struct BulkResult: Sendable, Equatable {
    /// Products changed.
    public let changed: Int
    /// Apply with `BulkProducts.undo` to put everything back.
    public let undo: BulkUndo
}

/// Bulk product actions for the back office: publish, draft, archive, change price by a percentage,
/// delete — in one transaction, with one audit entry per product holding before → after, and the
/// exact inverse for undo. Staff only.
public struct BulkProducts {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The most products one call changes.
    public static let maximumCount = 10_000

    /// Applies `action` to `products` (each must exist; duplicates count once).
    public func apply(_ action: BulkAction, to products: [ProductID], by caller: Caller) throws(CommerceError) -> BulkResult {
        try caller.require(.staff, to: "edit products")
        let ids = Array(Set(products)).sorted { $0.rawValue < $1.rawValue }
        guard !ids.isEmpty else { throw .invalid(field: "products", reason: "choose at least one product") }
        guard ids.count <= BulkProducts.maximumCount else {
            throw .invalid(field: "products", reason: "at most \(BulkProducts.maximumCount) at once (got \(ids.count))")
        }
        if case .changePrice(let percent) = action, !(-90...1000).contains(percent) || percent == 0 {
            throw .invalid(field: "percent", reason: "between -90 and 1000, not 0 (got \(percent))")
        }
        return try store.write {
            var statuses: [ProductID: ProductStatus] = [:]
            var prices: [VariantID: Int64] = [:]
            var repriced = Set<ProductID>()
            var deleted: [DeletedProduct] = []
            let now = store.clock.now()
            for id in ids {
                guard let product = try db.first("SELECT handle, status FROM products WHERE id = ?", id,
                                                 map: { ($0.string(0), ProductStatus(rawValue: $0.string(1)) ?? .draft) }) else {
                    throw CommerceError.notFound("no product with id \(id)")
                }
                switch action {
                case .setStatus(let status):
                    guard product.1 != status else { continue }
                    try db.execute("UPDATE products SET status = ?, updated_at = ? WHERE id = ?", status.rawValue, now, id)
                    statuses[id] = product.1
                    try store.audit.record(caller, action: "product.bulk_status", entity: "product", entityID: id.rawValue,
                                           detail: ["handle": product.0, "before": product.1.rawValue, "after": status.rawValue])
                case .changePrice(let percent):
                    let variants = try db.all("SELECT id, price FROM variants WHERE product_id = ? AND archived = 0 ORDER BY position, id",
                                              id) { (VariantID($0.int64(0)), $0.int64(1)) }
                    var before: [String] = []
                    var after: [String] = []
                    for (variant, price) in variants {
                        let changed = BulkProducts.priceChanged(price, percent: percent)
                        guard changed <= ShopSettings.maximumAmount else {
                            throw CommerceError.invalid(field: "percent", reason: "\(product.0) would cost more than \(store.money(ShopSettings.maximumAmount).formatted)")
                        }
                        try db.execute("UPDATE variants SET price = ?, updated_at = ? WHERE id = ?", changed, now, variant)
                        prices[variant] = price
                        repriced.insert(id)
                        before.append(store.money(price).decimalString)
                        after.append(store.money(changed).decimalString)
                    }
                    try store.audit.record(caller, action: "product.bulk_price", entity: "product", entityID: id.rawValue,
                                           detail: ["handle": product.0, "percent": String(percent),
                                                    "before": before.joined(separator: ", "), "after": after.joined(separator: ", ")])
                case .delete:
                    if try db.scalarInt("SELECT 1 FROM order_lines WHERE product_id = ? LIMIT 1", id) != nil
                        || db.scalarInt("SELECT 1 FROM inventory_ledger l JOIN variants v ON v.id = l.variant_id WHERE v.product_id = ? LIMIT 1", id) != nil {
                        throw CommerceError.notAllowed("\(product.0) has been sold or stocked, so its history keeps it; archive it instead")
                    }
                    deleted.append(try DeletedProduct.saved(id, handle: product.0, from: db))
                    try db.execute("DELETE FROM cart_lines WHERE variant_id IN (SELECT id FROM variants WHERE product_id = ?)", id)
                    try db.execute("DELETE FROM products WHERE id = ?", id)
                    try store.audit.record(caller, action: "product.delete", entity: "product", entityID: id.rawValue,
                                           detail: ["handle": product.0, "before": product.1.rawValue, "after": "deleted"])
                }
            }
            let changed: Int
            switch action {
            case .setStatus: changed = statuses.count
            case .changePrice: changed = repriced.count
            case .delete: changed = ids.count
            }
            return BulkResult(changed: changed, undo: BulkUndo(statuses: statuses, prices: prices, deleted: deleted))
        }
    }

    /// Puts back what `undo` holds (statuses, exact prices, deleted products with their ids), audited
    /// per product like the change. A deleted product whose id, handle or SKU was taken meanwhile cannot
    /// come back: nothing is undone then, and the error names it. Cart lines a delete removed stay removed.
    public func undo(_ undo: BulkUndo, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        guard !undo.isEmpty else { return }
        try store.write {
            let now = store.clock.now()
            for product in undo.deleted { try restore(product, by: caller) }
            for (id, status) in undo.statuses.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                guard let current = try db.scalarString("SELECT status FROM products WHERE id = ?", id) else { continue }
                try db.execute("UPDATE products SET status = ?, updated_at = ? WHERE id = ?", status.rawValue, now, id)
                try store.audit.record(caller, action: "product.bulk_status", entity: "product", entityID: id.rawValue,
                                       detail: ["before": current, "after": status.rawValue, "undo": "true"])
            }
            var byProduct: [Int64: (before: [String], after: [String])] = [:]
            for (variant, price) in undo.prices.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                guard let row = try db.first("SELECT product_id, price FROM variants WHERE id = ?", variant,
                                             map: { ($0.int64(0), $0.int64(1)) }) else { continue }
                try db.execute("UPDATE variants SET price = ?, updated_at = ? WHERE id = ?", price, now, variant)
                byProduct[row.0, default: ([], [])].before.append(store.money(row.1).decimalString)
                byProduct[row.0, default: ([], [])].after.append(store.money(price).decimalString)
            }
            for (product, change) in byProduct.sorted(by: { $0.key < $1.key }) {
                try store.audit.record(caller, action: "product.bulk_price", entity: "product", entityID: product,
                                       detail: ["before": change.before.joined(separator: ", "),
                                                "after": change.after.joined(separator: ", "), "undo": "true"])
            }
        }
    }

    /// Inserts a deleted product's rows again; its rating is counted again from its visible reviews
    /// (the reviews' trigger adds each one as it goes back in).
    private func restore(_ product: DeletedProduct, by caller: Caller) throws {
        for row in product.rows {
            let columns = row.columns.map(sqlIdentifier).joined(separator: ", ")
            let marks = Array(repeating: "?", count: row.values.count).joined(separator: ", ")
            do {
                try db.execute("INSERT INTO \(row.table) (\(columns)) VALUES (\(marks))", values: row.values)
            } catch let error as DatabaseError where error.isConstraint {
                throw CommerceError.notAllowed("\(product.handle) cannot come back: \(error.message) (a product made since may have its id, handle or a SKU); nothing was undone")
            }
        }
        try db.execute("""
            UPDATE products SET
                rating_sum = coalesce((SELECT sum(rating) FROM reviews WHERE product_id = ?1 AND hidden = 0), 0),
                rating_count = (SELECT count(*) FROM reviews WHERE product_id = ?1 AND hidden = 0)
            WHERE id = ?1
            """, product.id)
        try store.audit.record(caller, action: "product.restore", entity: "product", entityID: product.id.rawValue,
                               detail: ["handle": product.handle, "before": "deleted", "after": "restored", "undo": "true"])
    }

    /// `price` changed by `percent`, rounded half away from zero to the minor unit.
    static func priceChanged(_ price: Int64, percent: Int) -> Int64 {
        let scaled = price * Int64(100 + percent)
        return (scaled + 50) / 100
    }
}

extension Store {
    /// Bulk product actions of this store.
    public var bulkProducts: BulkProducts { BulkProducts(store: self) }
}
