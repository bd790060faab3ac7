import Foundation

/// Kinds of domain events written to the outbox.
public enum EventKind: String, Sendable, CaseIterable, Codable {
    case orderPlaced = "OrderPlaced"
    case orderStatusChanged = "OrderStatusChanged"
    case paymentFailed = "PaymentFailed"
    case inventoryLow = "InventoryLow"
    case inventoryUpdated = "InventoryUpdated"
    case userRegistered = "UserRegistered"
    case reviewPosted = "ReviewPosted"
}

/// The transactional outbox: events written in the same transaction as the change they describe.
public struct Outbox {
    let store: Store

    /// Appends an event. Call inside the transaction of the change.
    @discardableResult
    public func emit(_ event: DomainEvent) throws -> EventID {
        try insert(event.kind, aggregateID: event.aggregateID, json: try event.json())
    }

    /// Appends an event with any payload at all: for tests that check how readers meet a payload
    /// no service writes (a missing field, a hostile value). Services emit a `DomainEvent`.
    @discardableResult
    func emitUntyped(_ kind: EventKind, aggregateID: Int64?, payload: [String: Any]) throws -> EventID {
        try insert(kind, aggregateID: aggregateID,
                   json: String(decoding: try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]), as: UTF8.self))
    }

    private func insert(_ kind: EventKind, aggregateID: Int64?, json: String) throws -> EventID {
        EventID(try store.db.insert("INSERT INTO outbox(kind, aggregate_id, payload, created_at) VALUES (?, ?, ?, ?)",
                                    kind.rawValue, aggregateID, json, store.clock.now()))
    }
}

extension Store {
    /// The event outbox of this store.
    public var outbox: Outbox { Outbox(store: self) }
}
