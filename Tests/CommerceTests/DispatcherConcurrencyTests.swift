import Foundation
import Synchronization
import Testing
@_spi(Storage) @testable import Commerce

@Suite struct DispatcherConcurrencyTests {
    /// While one connection holds an event (delivering it), another connection's dispatcher skips that
    /// event and delivers the rest on PostgreSQL; on SQLite it waits for the writer lock instead.
    @Test func anEventAnotherConnectionIsDeliveringIsSkippedWhereDeliveriesOverlap() throws {
        let dir = TempDir()
        let (store, _) = try makeStore(dir)
        try RecordingSubscriber.createTable(store)
        try emitEvents(store, count: 2)
        let ids = try store.db.all("SELECT id FROM outbox ORDER BY id") { $0.int64(0) }
        var options = DatabaseOptions()
        options.busyTimeoutMilliseconds = 300
        let other = try Store(location: store.location, options: options)
        let calls = RecordingSubscriber.Calls()
        let dispatcher = try Dispatcher(store: other, subscribers: [RecordingSubscriber(calls: calls)])
        let meanwhile = try store.db.transaction(.rowLocked) { () throws -> DispatchReport? in
            #expect(try store.db.claimRow(of: "outbox", id: ids[0]))
            return try? dispatcher.dispatchPending()
        }
        switch testBackend {
        case .postgres:
            #expect(meanwhile?.delivered == 1 && meanwhile?.alreadyHandled == 1)
            #expect(calls.all == [ids[1]: 1])
        case .sqlite:
            #expect(meanwhile == nil, "the dispatcher waited for the writer lock and gave up")
        }
        while try dispatcher.dispatchPending().attempted > 0 {}
        #expect(calls.all == [ids[0]: 1, ids[1]: 1], "each event delivered once")
        withExtendedLifetime(dir) {}
    }

    /// Two dispatchers on two connections (threads with their own `Store`) race over the same events
    /// while a third connection keeps emitting; every event is handled exactly once.
    @Test func twoDispatchersOnTwoConnectionsDeliverEachEventExactlyOnce() throws {
        let dir = TempDir()
        let (store, _) = try makeStore(dir)
        try RecordingSubscriber.createTable(store)
        try emitEvents(store, count: 150)
        let location = store.location
        let calls = RecordingSubscriber.Calls()
        let reports = Mutex<[DispatchReport]>([])
        let failures = Mutex<[String]>([])
        let total = 250
        let group = DispatchGroup()
        for worker in 0..<3 {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let own = try Store(location: location)
                    if worker == 2 {
                        try emitEvents(own, count: total - 150, startingAt: 150)
                        return
                    }
                    let dispatcher = try Dispatcher(store: own, subscribers: [RecordingSubscriber(calls: calls)])
                    var report = DispatchReport()
                    let deadline = Date().addingTimeInterval(60)
                    while Date() < deadline {
                        report.add(try dispatcher.dispatchPending(limit: 7))
                        if try own.db.scalarInt("SELECT count(*) FROM outbox_deliveries") == Int64(total) { break }
                    }
                    reports.withLock { $0.append(report) }
                } catch {
                    failures.withLock { $0.append("worker \(worker): \(error)") }
                }
            }.start()
        }
        group.wait()
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        let all = reports.withLock { $0 }
        #expect(all.count == 2)
        #expect(all.reduce(0) { $0 + $1.delivered } == total)
        #expect(calls.all.count == total && calls.all.values.allSatisfy { $0 == 1 }, "each event handled by one dispatcher, once")
        #expect(try store.db.scalarInt("SELECT count(*) FROM test_handled") == Int64(total))
        #expect(try store.db.scalarInt("SELECT count(DISTINCT event_id) FROM test_handled") == Int64(total))
    }

    @Test func backgroundLoopWakesWhenAnotherConnectionCommits() throws {
        let dir = TempDir()
        let (store, _) = try makeStore(dir)
        try RecordingSubscriber.createTable(store)
        let calls = RecordingSubscriber.Calls()
        var options = DispatchLoop.Options()
        options.pollMilliseconds = 10
        options.rescanMilliseconds = 60_000
        let errors = Mutex<[String]>([])
        options.onError = { error in errors.withLock { $0.append("\(error)") } }
        let loop = DispatchLoop.start(location: store.location, subscribers: [RecordingSubscriber(calls: calls)], options: options)
        defer { loop.stop() }
        Thread.sleep(forTimeInterval: 0.1)
        try emitEvents(store, count: 3)
        let deadline = Date().addingTimeInterval(10)
        while calls.all.count < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(calls.all.count == 3, "the loop saw the commit long before its 60 s rescan")
        loop.stop()
        #expect(errors.withLock { $0 }.isEmpty)
        try emitEvents(store, count: 1, startingAt: 3)
        Thread.sleep(forTimeInterval: 0.1)
        #expect(calls.all.count == 3, "a stopped loop delivers nothing more")
    }

    /// Every session starts a loop, but one per shop delivers: the others wait for its lock and take
    /// over when it stops.
    @Test func oneLoopPerShopDeliversAndAnotherTakesOverWhenItStops() throws {
        let dir = TempDir()
        let (store, _) = try makeStore(dir)
        try RecordingSubscriber.createTable(store)
        var options = DispatchLoop.Options()
        options.pollMilliseconds = 10
        options.takeOverMilliseconds = 20
        let first = RecordingSubscriber.Calls(), second = RecordingSubscriber.Calls()
        let firstLoop = DispatchLoop.start(location: store.location, subscribers: [RecordingSubscriber(calls: first)], options: options)
        Thread.sleep(forTimeInterval: 0.1)
        let secondLoop = DispatchLoop.start(location: store.location, subscribers: [RecordingSubscriber(calls: second)], options: options)
        defer { secondLoop.stop() }
        try emitEvents(store, count: 5)
        var deadline = Date().addingTimeInterval(10)
        while first.all.count < 5 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(first.all.count == 5 && first.all.values.allSatisfy { $0 == 1 })
        #expect(second.all.isEmpty, "the loop without the lock delivered nothing")
        firstLoop.stop()
        try emitEvents(store, count: 2, startingAt: 5)
        deadline = Date().addingTimeInterval(10)
        while second.all.count < 2 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(second.all.count == 2, "the waiting loop took over once the first one stopped")
        #expect(first.all.count == 5)
        // A subscriber runs inside the delivery's transaction, so the record commits just after it.
        deadline = Date().addingTimeInterval(10)
        while try store.db.scalarInt("SELECT count(*) FROM outbox_deliveries") != 7 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(try store.db.scalarInt("SELECT count(*) FROM outbox_deliveries") == 7)
    }
}
