/// The payload each event kind carries: what writers of the outbox put in (as a typed `DomainEvent`),
/// and what subscribers may rely on. Payloads carry identifiers and the facts of the change; everything else (order lines,
/// totals, addresses, names) is read from the database by id when the event is handled.
///
/// - `OrderPlaced`: `{"order_id", "number", "email", "user_id"?}`
/// - `OrderStatusChanged`: `{"order_id", "number", "from", "to", "email"}`, `to` one of PROCESSING,
///   SHIPPED, DELIVERED, CANCELLED; with SHIPPED also `"carrier"`, `"tracking"`. A refund is an
///   `OrderStatusChanged` with `"refund_amount"` (minor units, in the order's currency) and `to`
///   equal to the unchanged status (`from` may then be omitted); a cancellation may carry
///   `"refund_amount"` too.
/// - `PaymentFailed`: `{"order_id", "number", "email", "reason"}`; `reason` is a gateway code
///   (`card_declined`, `insufficient_funds`, `expired_card`, `incorrect_cvc`, `processing_error` …)
///   or a sentence. For staff and `doctor`: the shopper was told at checkout, so it notifies nobody.
/// - `InventoryLow`: `{"variant_id", "sku", "title", "stock", "threshold"}`
/// - `InventoryUpdated`: `{"variant_id", "stock", "delta", "reason"}` (no notification).
/// - `UserRegistered`: `{"user_id", "email", "name"}`, or `{"user_id", "ssh_key"}` for an account an SSH key made.
/// - `ReviewPosted`: `{"review_id", "product_id", "user_id", "rating", "verified", "replaced"}` (no notification).
///
/// Ids and amounts are JSON integers (digit strings are accepted too); the rest are strings.
///
/// Sequences the notification subscriber reads as one change (see `OrderEventHistory`): a checkout
/// with a PaymentFailed was never an order, so it gets neither a confirmation nor a cancellation
/// message; a refund event immediately followed (next id) by the order's CANCELLED change is told in the
/// cancellation message instead of its own.
public enum EventContract {
    /// The order's row id.
    public static let orderID = "order_id"
    /// The order's human number (1001 for #1001).
    public static let number = "number"
    /// The email the message goes to.
    public static let email = "email"
    /// The account's row id.
    public static let userID = "user_id"
    /// The account holder's display name.
    public static let name = "name"
    /// The status before a change.
    public static let from = "from"
    /// The status after a change.
    public static let to = "to"
    /// The carrier of a shipped order.
    public static let carrier = "carrier"
    /// The tracking number of a shipped order.
    public static let tracking = "tracking"
    /// The amount refunded, in minor units.
    public static let refundAmount = "refund_amount"
    /// Why a payment failed: a gateway code or a sentence.
    public static let reason = "reason"
    /// The variant's row id.
    public static let variantID = "variant_id"
    /// The variant's SKU.
    public static let sku = "sku"
    /// The product (and variant) title.
    public static let title = "title"
    /// Units in stock now.
    public static let stock = "stock"
    /// The low-stock threshold that was crossed.
    public static let threshold = "threshold"
}
