import Foundation

/// Low-level catalog writes shared by the product editor, the CSV importer and the seeders.
/// Every method runs inside the caller's transaction and checks nothing about roles.
struct CatalogWriter {
    let db: any SQLConnection
    /// The time written into rows, in milliseconds since the epoch.
    var now: Int64

    /// Replaces the product's rows in `product_tags` with `tags` (already normalised).
    func replaceTags(product: Int64, with tags: [String]) throws {
        try db.execute("DELETE FROM product_tags WHERE product_id = ?", product)
        for tag in tags {
            try db.execute("INSERT INTO product_tags(product_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING", product, tag)
        }
    }

    /// Appends a ledger row moving the variant's stock by `delta` (the ledger trigger applies it).
    /// A zero delta writes nothing.
    func recordStock(variant: Int64, delta: Int, reason: StockReason, note: String = "",
                     actor: UserID? = nil, order: Int64? = nil, at time: Int64? = nil) throws {
        guard delta != 0 else { return }
        try db.execute("""
            INSERT INTO inventory_ledger(variant_id, delta, reason, note, order_id, actor_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, variant, delta, reason.rawValue, note, order, actor, time ?? now)
    }

    /// The category at `path` (names from the root down), creating the missing ones.
    /// Names match case-insensitively. Returns the leaf and how many categories were created.
    func category(path: [String]) throws -> (id: CategoryID, created: Int) {
        var parent: Int64?
        var parentHandle = ""
        var created = 0
        for name in path {
            if let found = try db.first("""
                SELECT id, handle FROM categories WHERE parent_id IS NOT DISTINCT FROM ? AND lower(name) = lower(?) ORDER BY id LIMIT 1
                """, parent, name, map: { ($0.int64(0), $0.string(1)) }) {
                (parent, parentHandle) = found
                continue
            }
            let handle = try freeCategoryHandle(name: name, parentHandle: parentHandle)
            let position = try db.scalarInt("SELECT coalesce(max(position), 0) + 1 FROM categories WHERE parent_id IS NOT DISTINCT FROM ?", parent) ?? 1
            parent = try db.insert("INSERT INTO categories(parent_id, handle, name, position) VALUES (?, ?, ?, ?)",
                           parent, handle, name, position)
            parentHandle = handle
            created += 1
        }
        guard let leaf = parent else { throw CommerceError.invalid(field: "category", reason: "the category path is empty") }
        return (CategoryID(leaf), created)
    }

    /// A category handle not yet used: the name's slug, else prefixed by the parent's handle, else numbered.
    func freeCategoryHandle(name: String, parentHandle: String) throws -> String {
        let base = CatalogRules.slug(name).isEmpty ? "category" : CatalogRules.slug(name)
        var candidates = [base]
        if !parentHandle.isEmpty { candidates.append(parentHandle + "-" + base) }
        for candidate in candidates where try !categoryHandleTaken(candidate) { return candidate }
        let stem = candidates[candidates.count - 1]
        var number = 2
        while try categoryHandleTaken("\(stem)-\(number)") { number += 1 }
        return "\(stem)-\(number)"
    }

    private func categoryHandleTaken(_ handle: String) throws -> Bool {
        try db.scalarInt("SELECT 1 FROM categories WHERE handle = ?", handle) != nil
    }

    /// The names from the root down to `category`, for exports and breadcrumbs.
    func categoryPath(of category: Int64) throws -> [String] {
        var names: [String] = []
        var current: Int64? = category
        var guardCount = 0
        while let id = current, guardCount < 64 {
            guard let row = try db.first("SELECT name, parent_id FROM categories WHERE id = ?", id,
                                         map: { ($0.string(0), $0.optionalInt64(1)) }) else { break }
            names.insert(row.0, at: 0)
            current = row.1
            guardCount += 1
        }
        return names
    }
}
