import Foundation

/// A domain event as a service emits it: one case per `EventKind`, each with a typed payload whose
/// JSON keys are `EventContract`'s, so a writer cannot leave out or misname a field a reader relies on.
public enum DomainEvent: Sendable, Equatable {
    /// An order exists and is paid or due on delivery.
    case orderPlaced(OrderPlaced)
    /// An order moved status, or was refunded (`to` then equals the unchanged status).
    case orderStatusChanged(OrderStatusChanged)
    /// A checkout's card payment was declined.
    case paymentFailed(PaymentFailed)
    /// A variant fell to or below its low-stock threshold.
    case inventoryLow(InventoryLow)
    /// Staff changed a variant's stock.
    case inventoryUpdated(InventoryUpdated)
    /// An account was created (with an email, or by an SSH key).
    case userRegistered(UserRegistered)
    /// A review was posted or replaced.
    case reviewPosted(ReviewPosted)

    /// The kind stored in the outbox's `kind` column.
    public var kind: EventKind {
        switch self {
        case .orderPlaced: return .orderPlaced
        case .orderStatusChanged: return .orderStatusChanged
        case .paymentFailed: return .paymentFailed
        case .inventoryLow: return .inventoryLow
        case .inventoryUpdated: return .inventoryUpdated
        case .userRegistered: return .userRegistered
        case .reviewPosted: return .reviewPosted
        }
    }

    /// The row the event is about: the order, variant, user or review.
    public var aggregateID: Int64 {
        switch self {
        case .orderPlaced(let e): return e.orderID
        case .orderStatusChanged(let e): return e.orderID
        case .paymentFailed(let e): return e.orderID
        case .inventoryLow(let e): return e.variantID
        case .inventoryUpdated(let e): return e.variantID
        case .userRegistered(let e): return e.userID
        case .reviewPosted(let e): return e.reviewID
        }
    }

    /// The payload as the outbox stores it: a JSON object with sorted keys, absent optionals left out.
    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data: Data
        switch self {
        case .orderPlaced(let e): data = try encoder.encode(e)
        case .orderStatusChanged(let e): data = try encoder.encode(e)
        case .paymentFailed(let e): data = try encoder.encode(e)
        case .inventoryLow(let e): data = try encoder.encode(e)
        case .inventoryUpdated(let e): data = try encoder.encode(e)
        case .userRegistered(let e): data = try encoder.encode(e)
        case .reviewPosted(let e): data = try encoder.encode(e)
        }
        return String(decoding: data, as: UTF8.self)
    }
}
