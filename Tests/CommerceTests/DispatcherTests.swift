import Foundation
import Synchronization
import Testing
@_spi(Storage) @testable import Commerce

@Suite struct DispatcherTests {
    @Test func deliversEachEventToEachSubscriberOnceAndRecordsIt() throws {
        let (store, _) = try makeStore()
        try RecordingSubscriber.createTable(store)
        try emitEvents(store, count: 5)
        let a = RecordingSubscriber(name: "a"), b = RecordingSubscriber(name: "b")
        let dispatcher = try Dispatcher(store: store, subscribers: [a, b])
        let first = try dispatcher.dispatchPending()
        #expect(first.delivered == 10)
        #expect(try dispatcher.dispatchPending() == DispatchReport())
        #expect(try store.db.scalarInt("SELECT count(*) FROM outbox_deliveries WHERE status = 'delivered' AND attempts = 1") == 10)
        #expect(a.calls.all.values.allSatisfy { $0 == 1 } && a.calls.all.count == 5)
        #expect(b.calls.all.count == 5)
    }

    @Test func limitBoundsAPassAndTheRestFollowsInOrder() throws {
        let (store, _) = try makeStore()
        try RecordingSubscriber.createTable(store)
        try emitEvents(store, count: 7)
        let dispatcher = try Dispatcher(store: store, subscribers: [RecordingSubscriber()])
        #expect(try dispatcher.dispatchPending(limit: 3).delivered == 3)
        #expect(try dispatcher.dispatchPending(limit: 3).delivered == 3)
        #expect(try dispatcher.dispatchPending(limit: 3).delivered == 1)
        let order = try store.db.all("SELECT event_id FROM test_handled ORDER BY seq") { $0.int64(0) }
        #expect(order == order.sorted() && order.count == 7)
    }

    @Test func duplicateOrEmptySubscriberNamesAreRefused() throws {
        let (store, _) = try makeStore()
        #expect(throws: CommerceError.self) { try Dispatcher(store: store, subscribers: [RecordingSubscriber(), RecordingSubscriber()]) }
        #expect(throws: CommerceError.self) { try Dispatcher(store: store, subscribers: [RecordingSubscriber(name: "")]) }
    }

    @Test func restartedDispatcherCarriesOnWithoutRedelivering() throws {
        let dir = TempDir()
        let calls = RecordingSubscriber.Calls()
        do {
            let (store, _) = try makeStore(dir)
            try RecordingSubscriber.createTable(store)
            try emitEvents(store, count: 6)
            let dispatcher = try Dispatcher(store: store, subscribers: [RecordingSubscriber(calls: calls)])
            #expect(try dispatcher.dispatchPending(limit: 4).delivered == 4)
        }
        let (reopened, _) = try makeStore(dir)
        try emitEvents(reopened, count: 2, startingAt: 6)
        let dispatcher = try Dispatcher(store: reopened, subscribers: [RecordingSubscriber(calls: calls)])
        #expect(try dispatcher.dispatchPending().delivered == 4)
        #expect(calls.all.count == 8 && calls.all.values.allSatisfy { $0 == 1 })
    }

    @Test func subscriberChangesRollBackWithAFailedAttempt() throws {
        let (store, _) = try makeStore()
        try RecordingSubscriber.createTable(store)
        try emitEvents(store, count: 1)
        let clock = TestClock()
        let flaky = FlakySubscriber(failures: 1)
        let dispatcher = try Dispatcher(store: store, subscribers: [flaky], clock: clock.function)
        let report = try dispatcher.dispatchPending()
        #expect(report.failed == 1 && report.delivered == 0)
        #expect(try store.db.scalarInt("SELECT count(*) FROM test_handled") == 0, "the failed attempt's insert was rolled back")
        let row = try deliveryRow(store, event: 1, subscriber: "flaky")
        #expect(row?.status == "failed" && row?.attempts == 1 && row?.error == "mail folder is full")
    }

    @Test func failuresAreRetriedWithDoublingBackoff() throws {
        let (store, _) = try makeStore()
        try RecordingSubscriber.createTable(store)
        try emitEvents(store, count: 1)
        let clock = TestClock()
        let policy = DispatchPolicy(maxAttempts: 5, baseDelayMilliseconds: 1_000, maxDelayMilliseconds: 60_000)
        let flaky = FlakySubscriber(failures: 2)
        let dispatcher = try Dispatcher(store: store, subscribers: [flaky], policy: policy, clock: clock.function)
        #expect(try dispatcher.dispatchPending().failed == 1)
        clock.advance(999)
        #expect(try dispatcher.dispatchPending().attempted == 0, "not due before 1 s")
        clock.advance(1)
        #expect(try dispatcher.dispatchPending().failed == 1)
        #expect(try deliveryRow(store, event: 1, subscriber: "flaky")?.attempts == 2)
        clock.advance(1_999)
        #expect(try dispatcher.dispatchPending().attempted == 0, "the second wait is 2 s")
        clock.advance(1)
        #expect(try dispatcher.dispatchPending().delivered == 1)
        let row = try deliveryRow(store, event: 1, subscriber: "flaky")
        #expect(row?.status == "delivered" && row?.attempts == 3 && row?.error == nil)
        #expect(try store.db.scalarInt("SELECT count(*) FROM test_handled") == 1)
    }

    @Test func givesUpAtTheAttemptLimitAndOnPermanentErrors() throws {
        let (store, folder) = try makeStore()  // kept: the log lives in it
        try RecordingSubscriber.createTable(store)
        try emitEvents(store, count: 1)
        let clock = TestClock()
        let policy = DispatchPolicy(maxAttempts: 3, baseDelayMilliseconds: 10, maxDelayMilliseconds: 15)
        #expect(policy.delay(afterAttempts: 1) == 10 && policy.delay(afterAttempts: 2) == 15)
        let stubborn = FlakySubscriber(failures: 100)
        var refused = FlakySubscriber(failures: 0)
        refused.name = "refused"
        refused.permanent = true
        let dispatcher = try Dispatcher(store: store, subscribers: [stubborn, refused], policy: policy, clock: clock.function)
        var total = DispatchReport()
        for _ in 0..<10 {
            total.add(try dispatcher.dispatchPending())
            clock.advance(100)
        }
        #expect(total.failed == 2 && total.gaveUp == 2 && total.delivered == 0)
        #expect(stubborn.calls.all[1] == 3, "three attempts, then no more")
        #expect(refused.calls.all[1] == 1, "a permanent error is not retried")
        let row = try deliveryRow(store, event: 1, subscriber: "refused")
        #expect(row?.status == "failed" && row?.attempts == 3 && row?.error == "permanent: the address is not an email address")
        #expect(try deliveryRow(store, event: 1, subscriber: "flaky")?.attempts == 3)
        // Giving up loses the message, so each one is an error staff see; a retry is only a warning.
        let log = try #require(store.log?.path)
        let gaveUp = LogTail(path: log).newest(10, level: "error")
        #expect(gaveUp.map(\.event) == ["outbox.gave_up", "outbox.gave_up"])
        #expect(Set(gaveUp.compactMap { $0.detail.contains("subscriber=refused") ? "refused" : $0.detail.contains("subscriber=flaky") ? "flaky" : nil })
                == ["refused", "flaky"])
        #expect(LogTail(path: log).newest(10, level: "warning").map(\.event) == ["outbox.delivery_failed", "outbox.delivery_failed"])
        withExtendedLifetime(folder) {}
    }

    @Test func aRetryDueInSQLIsDueInSwift() throws {
        let (store, _) = try makeStore()
        let policy = DispatchPolicy(maxAttempts: 40, baseDelayMilliseconds: 7, maxDelayMilliseconds: 1 << 40)
        try emitEvents(store, count: 1)
        let ledger = DeliveryLedger(db: store.db, policy: policy)
        for attempts in [1, 2, 5, 12, 31, 35] {
            try ledger.record(event: EventID(1), subscriber: "s", delivered: false, attempts: attempts, error: "x", at: 0)
            let delay = policy.delay(afterAttempts: attempts)
            #expect(try ledger.pending(subscriber: "s", from: 0, now: delay - 1, limit: 9).isEmpty)
            #expect(try ledger.pending(subscriber: "s", from: 0, now: delay, limit: 9).count == 1)
            #expect(!policy.isDue(attempts: attempts, lastAttempt: 0, now: delay - 1) && policy.isDue(attempts: attempts, lastAttempt: 0, now: delay))
        }
    }
}

// MARK: - Subscribers, clock and helpers shared by the dispatcher tests

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
        try RecordingSubscriber.record(event, subscriber: name, store: store)
    }

    /// `seq` numbers the rows in the order they were written, on either backend (PostgreSQL has no rowid).
    static func createTable(_ store: Store) throws {
        try store.db.executeScript("""
            CREATE TABLE IF NOT EXISTS test_handled(event_id INTEGER NOT NULL, subscriber TEXT NOT NULL, seq INTEGER NOT NULL)
            """)
    }

    /// Writes the row for `event` handled by `subscriber`, numbered after the rows before it.
    static func record(_ event: OutboxEvent, subscriber: String, store: Store) throws {
        try store.db.execute("""
            INSERT INTO test_handled(event_id, subscriber, seq)
            VALUES (?, ?, (SELECT coalesce(max(seq), 0) + 1 FROM test_handled))
            """, event.id, subscriber)
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
        try RecordingSubscriber.record(event, subscriber: name, store: store)
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
        try store.write { try store.outbox.emitUntyped(.inventoryUpdated, aggregateID: Int64(index), payload: ["variant_id": index, "stock": 3]) }
    }
}

/// The delivery row for one event and subscriber.
func deliveryRow(_ store: Store, event: Int64, subscriber: String) throws -> (status: String, attempts: Int, error: String?)? {
    try store.db.first("SELECT status, attempts, last_error FROM outbox_deliveries WHERE event_id = ? AND subscriber = ?",
                       event, subscriber) { ($0.string(0), $0.int(1), $0.optionalString(2)) }
}
