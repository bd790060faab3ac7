/// Where an order is in its life; it moves only along `allowedTransitions`.
public enum OrderStatus: String, Sendable, CaseIterable, Codable {
    case pending = "PENDING"
    case processing = "PROCESSING"
    case shipped = "SHIPPED"
    case delivered = "DELIVERED"
    case cancelled = "CANCELLED"

    /// The one table of allowed moves: PENDING → PROCESSING → SHIPPED → DELIVERED, and
    /// cancellation from PENDING or PROCESSING. DELIVERED and CANCELLED are final.
    public static let allowedTransitions: [OrderStatus: [OrderStatus]] = [
        .pending: [.processing, .cancelled],
        .processing: [.shipped, .cancelled],
        .shipped: [.delivered],
        .delivered: [],
        .cancelled: [],
    ]

    /// The statuses this one may move to, in order.
    public var next: [OrderStatus] { OrderStatus.allowedTransitions[self] ?? [] }

    /// True when moving to `target` is allowed.
    public func canMove(to target: OrderStatus) -> Bool { next.contains(target) }

    /// Checks a move, throwing a message that names what is allowed instead.
    public func checkMove(to target: OrderStatus) throws(OrderTransitionError) {
        guard canMove(to: target) else { throw OrderTransitionError(from: self, to: target) }
    }

    /// True when no further move is possible.
    public var isFinal: Bool { next.isEmpty }
}

/// A refused order status change.
public struct OrderTransitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The order's current status.
    public let from: OrderStatus
    /// The status that was asked for.
    public let to: OrderStatus

    public var description: String {
        if from == to { return "the order is already \(from.rawValue)" }
        if from.isFinal { return "the order is \(from.rawValue); it cannot change any more" }
        let allowed = from.next.map(\.rawValue).joined(separator: " or ")
        return "an order that is \(from.rawValue) cannot become \(to.rawValue); it can become \(allowed)"
    }
}

/// Where an order's money is, separately from its fulfilment status.
public enum PaymentStatus: String, Sendable, CaseIterable, Codable {
    case pending
    case authorized
    case paid
    case partiallyRefunded = "partially_refunded"
    case refunded
    case failed

    /// Allowed moves of the payment status.
    public static let allowedTransitions: [PaymentStatus: [PaymentStatus]] = [
        .pending: [.authorized, .paid, .failed],
        .authorized: [.paid, .failed, .refunded],
        .paid: [.partiallyRefunded, .refunded],
        .partiallyRefunded: [.partiallyRefunded, .refunded],
        .refunded: [],
        .failed: [],
    ]

    /// True when moving to `target` is allowed.
    public func canMove(to target: PaymentStatus) -> Bool {
        (PaymentStatus.allowedTransitions[self] ?? []).contains(target)
    }
}
