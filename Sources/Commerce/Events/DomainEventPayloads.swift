/// The typed payloads of `DomainEvent`, one per kind; their keys are `EventContract`'s.

/// `OrderPlaced`: `{"order_id", "number", "email", "user_id"?}`.
public struct OrderPlaced: Codable, Sendable, Equatable {
    public var orderID: Int64, number: Int, email: String, userID: Int64?
    enum CodingKeys: String, CodingKey { case orderID = "order_id", number, email, userID = "user_id" }
}

/// `OrderStatusChanged`: `{"order_id", "number", "email", "from", "to"}`, with SHIPPED the carrier and
/// tracking number, with a refund (or a refunding cancellation) the amount in minor units.
public struct OrderStatusChanged: Codable, Sendable, Equatable {
    public var orderID: Int64, number: Int, email: String, from: String, to: String
    public var carrier: String? = nil, tracking: String? = nil, refundAmount: Int64? = nil
    enum CodingKeys: String, CodingKey {
        case orderID = "order_id", number, email, from, to, carrier, tracking, refundAmount = "refund_amount"
    }
}

/// `PaymentFailed`: `{"order_id", "number", "email", "reason"}` (a gateway code or a sentence).
public struct PaymentFailed: Codable, Sendable, Equatable {
    public var orderID: Int64, number: Int, email: String, reason: String
    enum CodingKeys: String, CodingKey { case orderID = "order_id", number, email, reason }
}

/// `InventoryLow`: `{"variant_id", "sku", "title", "stock", "threshold"}`.
public struct InventoryLow: Codable, Sendable, Equatable {
    public var variantID: Int64, sku: String, title: String, stock: Int64, threshold: Int64
    enum CodingKeys: String, CodingKey { case variantID = "variant_id", sku, title, stock, threshold }
}

/// `InventoryUpdated`: `{"variant_id", "stock", "delta", "reason"}` (a `StockReason`).
public struct InventoryUpdated: Codable, Sendable, Equatable {
    public var variantID: Int64, stock: Int64, delta: Int, reason: String
    enum CodingKeys: String, CodingKey { case variantID = "variant_id", stock, delta, reason }
}

/// `UserRegistered`: `{"user_id", "email", "name"}` for a sign-up, `{"user_id", "ssh_key"}` for an account an SSH key made.
public struct UserRegistered: Codable, Sendable, Equatable {
    public var userID: Int64, email: String? = nil, name: String? = nil, sshKey: String? = nil
    enum CodingKeys: String, CodingKey { case userID = "user_id", email, name, sshKey = "ssh_key" }
}

/// `ReviewPosted`: `{"review_id", "product_id", "user_id", "rating", "verified", "replaced"}`.
public struct ReviewPosted: Codable, Sendable, Equatable {
    public var reviewID: Int64, productID: Int64, userID: Int64, rating: Int, verified: Bool, replaced: Bool
    enum CodingKeys: String, CodingKey {
        case reviewID = "review_id", productID = "product_id", userID = "user_id", rating, verified, replaced
    }
}
