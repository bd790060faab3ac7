import Foundation

/// One row of a product's stock ledger: which variant moved, by how much and why.
public struct StockMovement: Sendable, Equatable {
    /// The ledger row's id (newer rows have larger ids).
    public let id: Int64
    /// The variant whose stock moved.
    public let variant: VariantID
    /// The variant as staff know it: its SKU, else its option values, else "default".
    public let variantLabel: String
    /// Units added (positive) or taken (negative).
    public let delta: Int
    /// Why the stock moved.
    public let reason: StockReason
    /// The note given with the change ("" when none).
    public let note: String
    /// The order it belongs to (a sale or a cancellation), when there is one.
    public let orderNumber: Int?
    /// Who made the change (an email or name) when one was recorded; nil for system changes.
    public let actor: String?
    /// When (ms since the epoch).
    public let at: Int64
}

/// Reads a product's stock ledger for staff, newest first. Staff only.
public struct StockHistory {
    let store: Store
    private var db: any SQLConnection { store.db }

    /// The most rows one call returns.
    public static let maximumLimit = 500

    /// The newest `limit` ledger rows of every variant of `product` (archived variants too), newest first.
    public func movements(of product: ProductID, limit: Int = 100, as caller: Caller) throws(CommerceError) -> [StockMovement] {
        try caller.require(.staff, to: "see the stock ledger")
        let limit = min(max(0, limit), Self.maximumLimit)
        return try store.read {
            guard try db.scalarInt("SELECT 1 FROM products WHERE id = ?", product) != nil else {
                throw CommerceError.notFound("no product with id \(product)")
            }
            return try db.all("""
                SELECT l.id, l.variant_id, v.sku, v.option1, v.option2, v.option3, l.delta, l.reason, l.note,
                       o.number, coalesce(u.email, u.name), l.created_at
                FROM variants v JOIN inventory_ledger l ON l.variant_id = v.id
                LEFT JOIN orders o ON o.id = l.order_id
                LEFT JOIN users u ON u.id = l.actor_id
                WHERE v.product_id = ?
                ORDER BY l.id DESC LIMIT ?
                """, product, limit) { row in
                let options = [row.optionalString(3), row.optionalString(4), row.optionalString(5)].compactMap { $0 }.filter { !$0.isEmpty }
                let label = row.optionalString(2) ?? (options.isEmpty ? "default" : options.joined(separator: " / "))
                return StockMovement(id: row.int64(0), variant: VariantID(row.int64(1)), variantLabel: label, delta: row.int(6),
                                     reason: StockReason(rawValue: row.string(7)) ?? .adjustment, note: row.string(8),
                                     orderNumber: row.optionalInt64(9).map { Int($0) }, actor: row.optionalString(10), at: row.int64(11))
            }
        }
    }
}

extension Store {
    /// A product's stock ledger for staff.
    public var stockHistory: StockHistory { StockHistory(store: self) }
}
