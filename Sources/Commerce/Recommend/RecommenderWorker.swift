import Foundation

/// The background thread of a recommender opened on a file: it opens its own `Store` (a connection
/// is used from one thread at a time), builds the first model, learns recorded orders, and polls
/// `PRAGMA data_version` to refresh availability and rebuild after other processes' writes.
final class RecommenderWorker {
    private let path: String
    private let configuration: RecommenderConfiguration
    private let shared: RecommenderShared
    private var engine: RecommenderEngine
    private var store: Store?
    private var dataVersion: Int64 = -1
    private var lastRebuild = ContinuousClock.now
    private var rebuildDue = true

    private init(path: String, configuration: RecommenderConfiguration, shared: RecommenderShared) {
        self.path = path
        self.configuration = configuration
        self.shared = shared
        engine = RecommenderEngine(configuration: configuration)
    }

    /// Starts the worker thread; it ends when `shared` is stopped.
    static func start(path: String, configuration: RecommenderConfiguration, shared: RecommenderShared) {
        let thread = Thread {
            RecommenderWorker(path: path, configuration: configuration, shared: shared).run()
        }
        thread.name = "curio-recommender"
        thread.start()
    }

    private func run() {
        let retry: Duration = configuration.pollInterval ?? .seconds(2)
        while !shared.isStopped {
            let forced = shared.takeRefreshRequest()
            learnRecordedOrders()
            do {
                try lookAtFile(forced: forced)
            } catch {
                shared.fail("recommender: \(error)")
                store = nil
                rebuildDue = true
            }
            let wait = rebuildDue && shared.snapshot() == nil ? retry : configuration.pollInterval
            if let wait {
                _ = shared.wake.wait(timeout: .now() + .nanoseconds(Int(nanoseconds(wait))))
            } else {
                shared.wake.wait()
            }
        }
    }

    /// Applies orders recorded in this process to the log and publishes the refit model.
    private func learnRecordedOrders() {
        let orders = shared.takePending()
        guard !orders.isEmpty else { return }
        if shared.snapshot() != nil, let model = engine.apply(orders) {
            shared.publish(model: model, available: nil)
        }
        shared.finished(orders.count)
    }

    /// Opens the store when needed; on a change of `data_version` (or when forced) refreshes
    /// availability and rebuilds when orders or products changed, at most once per minimum interval.
    private func lookAtFile(forced: Bool) throws {
        let store = try self.store ?? Store(path: path)
        self.store = store
        let version = try store.db.dataVersion()
        if version != dataVersion || forced {
            dataVersion = version
            if shared.snapshot() != nil {
                shared.publish(available: try engine.availability(from: store.db))
                if try engine.needsRebuild(store.db) { rebuildDue = true }
            }
        }
        let interval = ContinuousClock.now - lastRebuild
        guard rebuildDue, shared.snapshot() == nil || forced || interval >= configuration.minimumRebuildInterval else { return }
        let (model, available) = try engine.rebuild(from: store.db)
        shared.publish(model: model, available: available)
        lastRebuild = .now
        rebuildDue = false
    }

    private func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
