import Foundation
import Synchronization
import Testing
@testable import Commerce

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
        let order = try store.db.all("SELECT event_id FROM test_handled ORDER BY rowid") { $0.int64(0) }
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
        let (store, _) = try makeStore()
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
