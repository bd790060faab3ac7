/// A typed row identifier: a `UserID` cannot be passed where a `ProductID` is expected.
public struct ID<Entity>: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The rowid in the entity's table.
    public let rawValue: Int64
    /// Wraps a rowid.
    public init(rawValue: Int64) { self.rawValue = rawValue }
    /// Wraps a rowid.
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}

extension ID: SQLBindable {
    public var sqlValue: SQLValue { .integer(rawValue) }
}

/// Tags that give each identifier its own type.
public enum Entity {
    public enum User {}
    public enum Address {}
    public enum Category {}
    public enum Product {}
    public enum Variant {}
    public enum Cart {}
    public enum Order {}
    public enum Payment {}
    public enum Review {}
    public enum DiscountCode {}
    public enum ShippingMethod {}
    public enum Event {}
    public enum Notification {}
}

/// Identifies a user account.
public typealias UserID = ID<Entity.User>
/// Identifies a saved address.
public typealias AddressID = ID<Entity.Address>
/// Identifies a category.
public typealias CategoryID = ID<Entity.Category>
/// Identifies a product.
public typealias ProductID = ID<Entity.Product>
/// Identifies a product variant (what is actually stocked and sold).
public typealias VariantID = ID<Entity.Variant>
/// Identifies a cart.
public typealias CartID = ID<Entity.Cart>
/// Identifies an order (its row, not its human number).
public typealias OrderID = ID<Entity.Order>
/// Identifies a payment or refund.
public typealias PaymentID = ID<Entity.Payment>
/// Identifies a review.
public typealias ReviewID = ID<Entity.Review>
/// Identifies a discount code.
public typealias DiscountCodeID = ID<Entity.DiscountCode>
/// Identifies a shipping method.
public typealias ShippingMethodID = ID<Entity.ShippingMethod>
/// Identifies an outbox event.
public typealias EventID = ID<Entity.Event>
/// Identifies a notification.
public typealias NotificationID = ID<Entity.Notification>
