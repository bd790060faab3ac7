/// Why a stock level changed: the `reason` of an inventory ledger row.
public enum StockReason: String, Sendable, CaseIterable, Codable {
    /// Units sold in an order.
    case sale
    /// Units given back when an order was cancelled.
    case cancellation
    /// New units received.
    case restock
    /// A correction after counting (damage, loss, a miscount).
    case adjustment
    /// Stock set by a CSV import.
    case `import`
    /// Units a customer sent back.
    case `return`
}
