/// An in-process consumer of outbox events. The dispatcher hands it each event exactly once.
///
/// `handle` runs inside the dispatcher's `BEGIN IMMEDIATE` transaction (as a savepoint): whatever it
/// writes through `store` commits together with the delivery record, or not at all. Side effects
/// outside the database must be idempotent, because a crash before the commit delivers the event again.
/// Throwing records a failed attempt that is retried with backoff; throw `DeliveryError.permanent` (or
/// `.badPayload`) when retrying cannot help.
public protocol EventSubscriber: Sendable {
    /// A stable name, recorded per event in `outbox_deliveries`; renaming it redelivers every event.
    var name: String { get }
    /// Acts on one event, using `store` (already inside the delivery transaction).
    func handle(_ event: OutboxEvent, store: Store) throws
}
