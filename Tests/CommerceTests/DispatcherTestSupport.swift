import Foundation
import Synchronization
import Testing
@testable import Commerce

/// A subscriber that writes one row per handled event into `test_handled` (a database side effect)
/// and counts calls in memory (seen across threads).
struct RecordingSubscriber: EventSubscriber {
    let name: String
    let calls: Calls

    final class Calls: Sendable {
        private let counts = Mutex<[Int64: Int]>([:])
        func add(_ id: EventID) { counts.withLock { $0[id.rawValue, default: 0] += 1 } }
        var all: [Int64: Int] { counts.withLock { $0 } }
    }

    init(name: String = "recorder", calls: Calls = Calls()) {
        self.name = name
        self.calls = calls
    }

    func handle(_ event: OutboxEvent, store: Store) throws {
        calls.add(event.id)
        try store.db.execute("INSERT INTO test_handled(event_id, subscriber) VALUES (?, ?)", event.id, name)
    }

    static func createTable(_ store: Store) throws {
        try store.db.executeScript("CREATE TABLE IF NOT EXISTS test_handled(event_id INTEGER NOT NULL, subscriber TEXT NOT NULL)")
    }
}

/// A subscriber that fails its first `failures` attempts per event with a temporary error.
struct FlakySubscriber: EventSubscriber {
    var name = "flaky"
    let failures: Int
    let calls = RecordingSubscriber.Calls()
    var permanent = false

    func handle(_ event: OutboxEvent, store: Store) throws {
        calls.add(event.id)
        try store.db.execute("INSERT INTO test_handled(event_id, subscriber) VALUES (?, ?)", event.id, name)
        if permanent { throw DeliveryError.permanent("the address is not an email address") }
        if (calls.all[event.id.rawValue] ?? 0) <= failures { throw DeliveryError.temporary("mail folder is full") }
    }
}

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let value: Mutex<Int64>
    init(_ start: Int64 = 1_750_000_000_000) { value = Mutex(start) }
    var now: Int64 { value.withLock { $0 } }
    func advance(_ milliseconds: Int64) { value.withLock { $0 += milliseconds } }
    var function: @Sendable () -> Int64 { { self.now } }
}

/// Emits `count` InventoryUpdated events, each in its own transaction.
func emitEvents(_ store: Store, count: Int, startingAt first: Int = 0) throws {
    for index in first..<(first + count) {
        try store.write { try store.outbox.emit(.inventoryUpdated, aggregateID: Int64(index), payload: ["variant_id": index, "stock": 3]) }
    }
}

/// The delivery row for one event and subscriber.
func deliveryRow(_ store: Store, event: Int64, subscriber: String) throws -> (status: String, attempts: Int, error: String?)? {
    try store.db.first("SELECT status, attempts, last_error FROM outbox_deliveries WHERE event_id = ? AND subscriber = ?",
                       event, subscriber) { ($0.string(0), $0.int(1), $0.optionalString(2)) }
}
