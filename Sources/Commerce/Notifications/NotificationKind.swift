/// What a notification tells its reader; stored in `notifications.kind`.
public enum NotificationKind: String, Sendable, Codable, CaseIterable {
    /// The order was placed: lines and totals.
    case orderConfirmation = "order_confirmation"
    /// The order left the warehouse: carrier and tracking number.
    case orderShipped = "order_shipped"
    /// The order arrived.
    case orderDelivered = "order_delivered"
    /// The order was cancelled (with the refund, if any).
    case orderCancelled = "order_cancelled"
    /// Money went back to the shopper.
    case orderRefunded = "order_refunded"
    /// The card was refused. No longer sent (a declined checkout is told at checkout and is not an
    /// order); kept so rows written by earlier versions still read, and left out of inboxes.
    case paymentFailed = "payment_failed"
    /// A new account was registered.
    case welcome
    /// A variant fell to its low-stock threshold; sent to staff.
    case lowStock = "low_stock"
}

/// One message to one recipient, before it becomes a mail message and an inbox row.
struct NotificationDraft: Sendable, Equatable {
    let kind: NotificationKind
    /// The account the message belongs to in the in-app inbox; nil for a guest's email.
    let userID: UserID?
    let email: String
    let name: String
    let subject: String
    /// Plain text with "\n" line breaks.
    let body: String
}
