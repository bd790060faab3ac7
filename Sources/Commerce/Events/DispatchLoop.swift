import Foundation
import Synchronization

/// Runs a `Dispatcher` on a background thread with its own `Store` (a store is used from one thread
/// at a time). It dispatches until nothing is pending, then sleeps, waking when `PRAGMA data_version`
/// says another connection committed, and at least every `rescanMilliseconds` for retries that fell due.
///
/// Every shop session starts one, but only one loop per shop (per host on PostgreSQL, where row
/// locks share the events out between hosts) delivers at a time: it holds a lock file beside the
/// shop. The others hold no connection and only try the lock now and then, taking over when the
/// holder's process ends; fifty sessions used to run fifty dispatchers, each taking the writer lock
/// for every event to find another had delivered it.
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
        /// How often a loop whose lock another process holds tries to take it over, in milliseconds.
        public var takeOverMilliseconds = 1_000
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

    /// The lock file the delivering loop of the shop at `location` holds.
    static func lockPath(for location: StoreLocation) -> String {
        location.filePath.map { $0 + "-dispatch.lock" } ?? (location.sidecarFolder as NSString).appendingPathComponent("dispatch.lock")
    }

    /// Waits until this loop may deliver: it holds the shop's lock, or no lock file can be made (a
    /// read-only folder) and it delivers without one. `held` is false when the loop was stopped first.
    private func takeLock(location: StoreLocation, options: Options) -> (held: Bool, lock: FileLock?) {
        if location.filePath == nil {
            try? FileManager.default.createDirectory(atPath: location.sidecarFolder, withIntermediateDirectories: true)
        }
        while !isStopping {
            switch FileLock.take(Self.lockPath(for: location)) {
            case .taken(let lock): return (true, lock)
            case .unavailable: return (true, nil)
            case .heldElsewhere: _ = wakeUp.wait(timeout: .now() + .milliseconds(max(options.takeOverMilliseconds, 1)))
            }
        }
        return (false, nil)
    }

    private func run(location: StoreLocation, subscribers: [any EventSubscriber], options: Options) {
        defer { finished.signal() }
        // Delivering is background work: the session whose loop holds the lock renders mail for every
        // order in the shop, and must not take the cores from sessions drawing frames (per thread on Linux).
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        let (held, lock) = takeLock(location: location, options: options)
        defer { lock?.release() }
        guard held else { return }
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
