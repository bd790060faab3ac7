import Foundation
import Synchronization

/// Runs a `Dispatcher` on a background thread with its own `Store` (a store is used from one thread
/// at a time). It dispatches until nothing is pending, then sleeps, waking when `PRAGMA data_version`
/// says another connection committed, and at least every `rescanMilliseconds` for retries that fell due.
public final class DispatchLoop: Sendable {
    private let stopRequested = Mutex(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// The settings of a loop.
    public struct Options: Sendable {
        /// How often to look at `PRAGMA data_version` while idle, in milliseconds.
        public var pollMilliseconds = 200
        /// How often to scan anyway while idle (for retries whose backoff ended), in milliseconds.
        public var rescanMilliseconds = 5_000
        /// Events per dispatch pass.
        public var batchSize = 100
        /// The retry policy.
        public var policy = DispatchPolicy()
        /// Called (on the loop's thread) with each pass that did something.
        public var onReport: @Sendable (DispatchReport) -> Void = { _ in }
        /// Called (on the loop's thread) with each failure to open the store or to dispatch; the loop carries on.
        public var onError: @Sendable (Error) -> Void = { _ in }
        /// Default options.
        public init() {}
    }

    private init() {}

    /// Starts a loop over the SQLite database at `path`, delivering to `subscribers`.
    public static func start(databasePath path: String, subscribers: [any EventSubscriber],
                             options: Options = Options()) -> DispatchLoop {
        start(location: .file(path), subscribers: subscribers, options: options)
    }

    /// Starts a loop over the shop at `location`, delivering to `subscribers`.
    public static func start(location: StoreLocation, subscribers: [any EventSubscriber],
                             options: Options = Options()) -> DispatchLoop {
        let loop = DispatchLoop()
        let thread = Thread { loop.run(location: location, subscribers: subscribers, options: options) }
        thread.name = "curio-dispatch"
        thread.start()
        return loop
    }

    /// Asks the loop to stop and waits until its thread has finished its current pass and exited.
    public func stop() {
        let first = stopRequested.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        wakeUp.signal()
        finished.wait()
        finished.signal()
    }

    private var isStopping: Bool { stopRequested.withLock { $0 } }

    private func run(location: StoreLocation, subscribers: [any EventSubscriber], options: Options) {
        defer { finished.signal() }
        let dispatcher: Dispatcher
        do {
            dispatcher = try Dispatcher(store: try Store(location: location), subscribers: subscribers, policy: options.policy)
        } catch {
            options.onError(error)
            return
        }
        let db = dispatcher.store.db
        while !isStopping {
            do {
                let report = try dispatcher.dispatchPending(limit: options.batchSize)
                if report.attempted + report.alreadyHandled > 0 {
                    options.onReport(report)
                    continue
                }
                try idle(db: db, options: options)
            } catch {
                options.onError(error)
                _ = wakeUp.wait(timeout: .now() + .milliseconds(options.rescanMilliseconds))
            }
        }
    }

    /// Sleeps until another connection commits, the rescan interval passes, or `stop` is called.
    private func idle(db: any SQLConnection, options: Options) throws {
        let version = try db.dataVersion()
        let deadline = monotonicNanoseconds() + UInt64(max(options.rescanMilliseconds, 1)) * 1_000_000
        while monotonicNanoseconds() < deadline {
            if wakeUp.wait(timeout: .now() + .milliseconds(max(options.pollMilliseconds, 1))) == .success { return }
            if try db.dataVersion() != version { return }
        }
    }
}
