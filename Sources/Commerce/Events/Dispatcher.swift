/// Hands each outbox event to each subscriber exactly once, recording every delivery in
/// `outbox_deliveries`; safe with several processes dispatching from one file at once.
///
/// Each event is delivered in its own transaction that first claims the event: SQLite's write lock, or
/// on PostgreSQL the event's row (`FOR UPDATE SKIP LOCKED`: an event another host is delivering is
/// skipped, and deliveries overlap with checkouts and each other). Then the delivery record is read
/// again (another process may have delivered the event meanwhile), the
/// subscriber runs in a savepoint, and its database changes commit together with the record. A
/// failure rolls back the subscriber's changes, is recorded (`failed`, attempts, last error) and is
/// retried after `DispatchPolicy`'s backoff until the attempt limit. Everything lives in the file,
/// so a restarted process carries on where the last one stopped.
public final class Dispatcher {
    /// The store the dispatcher reads and writes; use the dispatcher on that store's thread.
    public let store: Store
    /// The subscribers, each keyed by its name.
    public let subscribers: [any EventSubscriber]
    /// How failures are retried.
    public let policy: DispatchPolicy
    private let clock: @Sendable () -> Int64
    /// Per subscriber, the event id below which everything is finished (a cache; starts at 0).
    private var floors: [String: Int64] = [:]

    /// A dispatcher for `subscribers` on `store`; `clock` gives the time in ms (tests move it forward;
    /// nil: the store's clock).
    public init(store: Store, subscribers: [any EventSubscriber], policy: DispatchPolicy = DispatchPolicy(),
                clock: (@Sendable () -> Int64)? = nil) throws(CommerceError) {
        var names = Set<String>()
        for subscriber in subscribers {
            guard !subscriber.name.isEmpty else {
                throw .invalid(field: "subscriber name", reason: "must not be empty")
            }
            guard names.insert(subscriber.name).inserted else {
                throw .invalid(field: "subscriber name", reason: "two subscribers are named \"\(subscriber.name)\"")
            }
        }
        self.store = store
        self.subscribers = subscribers
        self.policy = policy
        let storeClock = store.clock
        self.clock = clock ?? { storeClock.now() }
    }

    private var ledger: DeliveryLedger { DeliveryLedger(db: store.db, policy: policy) }

    /// Delivers up to `limit` events that some subscriber has not seen (or should retry), oldest
    /// first, and reports what happened. Call it from the app loop, the CLI or `DispatchLoop`.
    @discardableResult
    public func dispatchPending(limit: Int = 100) throws(CommerceError) -> DispatchReport {
        let now = clock()
        let work = try store.read { () throws -> [(OutboxEvent, [Int])] in
            var byEvent: [EventID: (OutboxEvent, [Int])] = [:]
            for (index, subscriber) in subscribers.enumerated() {
                let floor = try ledger.floor(subscriber: subscriber.name, from: floors[subscriber.name] ?? 0)
                floors[subscriber.name] = floor
                for event in try ledger.pending(subscriber: subscriber.name, from: floor, now: now, limit: limit) {
                    byEvent[event.id, default: (event, [])].1.append(index)
                }
            }
            return byEvent.sorted { $0.key < $1.key }.prefix(max(limit, 0)).map(\.value)
        }
        var report = DispatchReport()
        for (event, indices) in work {
            report.add(try store.write(.rowLocked) { () throws -> DispatchReport in
                // Another process delivering this event holds its row: it is theirs (PostgreSQL; SQLite's
                // writer lock lets only one process in at a time, and the record is read again under it).
                guard try store.db.claimRow(of: "outbox", id: event.id.rawValue) else {
                    var skipped = DispatchReport()
                    skipped.alreadyHandled = indices.count
                    return skipped
                }
                return try deliver(event, to: indices)
            })
        }
        return report
    }

    /// Delivers one event to the subscribers at `indices`; runs inside the transaction that claimed it.
    private func deliver(_ event: OutboxEvent, to indices: [Int]) throws -> DispatchReport {
        var report = DispatchReport()
        let now = clock()
        for index in indices {
            let subscriber = subscribers[index]
            let previous = try ledger.attempt(event: event.id, subscriber: subscriber.name)
            if let previous, previous.delivered || !policy.isDue(attempts: previous.attempts, lastAttempt: previous.at, now: now) {
                report.alreadyHandled += 1
                continue
            }
            let attempts = (previous?.attempts ?? 0) + 1
            do {
                try store.db.transaction { try subscriber.handle(event, store: store) }
                try ledger.record(event: event.id, subscriber: subscriber.name, delivered: true, attempts: attempts,
                                  error: nil, at: now)
                report.delivered += 1
            } catch {
                let permanent = (error as? DeliveryError)?.isPermanent ?? false
                let giveUp = permanent || attempts >= policy.maxAttempts
                try ledger.record(event: event.id, subscriber: subscriber.name, delivered: false,
                                  attempts: giveUp ? max(attempts, policy.maxAttempts) : attempts,
                                  error: Dispatcher.message(error, permanent: permanent), at: now)
                if giveUp { report.gaveUp += 1 } else { report.failed += 1 }
                // Giving up loses a message for good, so staff see it among the System screen's errors.
                store.log?.write(giveUp ? "outbox.gave_up" : "outbox.delivery_failed", level: giveUp ? "error" : "warning",
                                 ["event": event.id.rawValue, "kind": event.kind.rawValue, "subscriber": subscriber.name,
                                  "attempts": attempts, "reason": Dispatcher.message(error, permanent: permanent)])
            }
        }
        return report
    }

    /// The error as stored in `last_error`: one line, at most 1000 characters.
    private static func message(_ error: Error, permanent: Bool) -> String {
        let text = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
        return String(((permanent ? "permanent: " : "") + text).prefix(1_000))
    }
}
