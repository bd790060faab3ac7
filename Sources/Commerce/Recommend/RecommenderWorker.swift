import Foundation

/// The background thread of a recommender opened on a file, at low priority. It serves the model
/// file beside the database (memory-mapped, shared by every process on the shop) and follows
/// `PRAGMA data_version`: availability is refreshed from the change log, and when orders or
/// products changed one process — whichever takes the build lock — builds a new model and writes
/// it atomically while the old one keeps serving; the others load it once it is there.
final class RecommenderWorker {
    private let location: StoreLocation
    private let modelPath: String
    private let configuration: RecommenderConfiguration
    private let shared: RecommenderShared
    private var store: Store?
    private var dataVersion: Int64 = -1
    /// The data the served model was fitted on.
    private var servedFingerprint: StoreFingerprint?
    /// The model file last loaded (or found unusable).
    private var loadedFile: ModelFileIdentity?
    private var fileIsUsable = false
    /// How long the build of the loaded model file took (it paces the next one, shop-wide).
    private var fileBuildTime: Duration = .zero
    private var stale = true
    /// When this process last built (paces builds while the file cannot be written).
    private var lastBuild: ContinuousClock.Instant?
    private var availability = AvailabilityFollower()
    /// When this process last pruned the availability change log.
    private var lastPrune: ContinuousClock.Instant?
    /// The least time between two prunes by one process (the builder looks after every build, a follower after changes).
    private static let pruneInterval: Duration = .seconds(60)
    /// Recorded orders waiting for the next model.
    private var waiting = 0

    private init(location: StoreLocation, configuration: RecommenderConfiguration, shared: RecommenderShared) {
        self.location = location
        modelPath = ModelFile.path(for: location)
        self.configuration = configuration
        self.shared = shared
    }

    /// Starts the worker thread; it ends when `shared` is stopped.
    static func start(location: StoreLocation, configuration: RecommenderConfiguration, shared: RecommenderShared) {
        let thread = Thread {
            RecommenderWorker(location: location, configuration: configuration, shared: shared).run()
        }
        thread.name = "curio-recommender"
        thread.start()
    }

    private func run() {
        // Building is background work: it yields the cores to sessions drawing frames. On Linux the
        // nice value is per thread, and `who` 0 is the calling thread.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        let retry: Duration = configuration.pollInterval ?? .seconds(2)
        if configuration.startDelay > .zero {
            _ = shared.wake.wait(timeout: .now() + .nanoseconds(Int(nanoseconds(configuration.startDelay))))
        }
        while !shared.isStopped {
            let forced = shared.takeRefreshRequest()
            waiting += shared.takePending().count
            do {
                try step(forced: forced || waiting > 0)
            } catch {
                shared.fail("recommender: \(error)")
                store = nil
            }
            let wait = shared.snapshot() == nil || waiting > 0 ? retry : configuration.pollInterval
            if let wait {
                _ = shared.wake.wait(timeout: .now() + .nanoseconds(Int(nanoseconds(wait))))
            } else {
                shared.wake.wait()
            }
        }
        if let store { availability.leave(store.db) }
    }

    /// One look: a new model file is loaded; a change of `data_version` refreshes availability and
    /// marks the model stale when orders or products changed; a stale model is rebuilt under the lock.
    private func step(forced: Bool) throws {
        let store = try self.store ?? Store(location: location)
        self.store = store
        try loadFileIfNew(store)
        if shared.snapshot() == nil { shared.stopLoading() }
        let version = try store.db.dataVersion()
        if version != dataVersion || forced {
            dataVersion = version
            if let model = shared.snapshot()?.model {
                if let changes = try availability.changes(store.db, catalog: model.catalog) {
                    for (item, available) in changes { shared.setAvailability(item: item, available: available) }
                } else {
                    shared.publish(available: try availability.all(store.db, catalog: model.catalog))
                }
                availability.report(store.db, now: configuration.now(storeClock: store.clock))
                pruneIfDue(store)
            }
            if try RecommenderSource.fingerprint(store.db) != servedFingerprint { stale = true }
        }
        // A model built after a recorded order's commit (a poll saw the commit before `record` queued
        // the order) already holds it: the order is learnt, so nothing waits for it any more.
        guard stale || !fileIsUsable else { finishWaiting(); return }
        guard shared.snapshot() == nil || rebuildIsDue(forced: forced) else { return }
        try buildUnderLock(store, forced: forced)
    }

    /// Whether a stale model may be rebuilt now. The pace is the shop's, not this process's: it is
    /// measured from when the model file was written, so however many sessions are open, a steady
    /// stream of orders costs at most `rebuildShare` of one core (after a 3 s build the next starts
    /// 27 s after it was written), and never less than `minimumRebuildInterval` apart. Orders placed
    /// in this process (`forced`) wait only for the minimum interval.
    private func rebuildIsDue(forced: Bool) -> Bool {
        let least = configuration.minimumRebuildInterval
        guard fileIsUsable, let file = loadedFile else {
            return forced || lastBuild.map { ContinuousClock.now - $0 >= least } ?? true
        }
        let share = min(1, max(0.01, configuration.rebuildShare))
        let paced = forced ? Duration.zero : fileBuildTime * ((1 - share) / share)
        let wait = max(least, min(paced, .seconds(600)))
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let age = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec) - file.modified
        // A file from the future (the clock was set back) is no reason to stop learning.
        return age < 0 || age >= nanoseconds(wait)
    }

    /// Serves the model file when it changed since the last look and can be trusted.
    private func loadFileIfNew(_ store: Store) throws {
        let identity = ModelFileIdentity(path: modelPath)
        guard identity != loadedFile || identity == nil && fileIsUsable else { return }
        loadedFile = identity
        fileIsUsable = false
        guard identity != nil else { return }
        do {
            let (model, fingerprint, buildTime) = try ModelFile.read(modelPath)
            fileIsUsable = true
            fileBuildTime = buildTime
            try serve(model, fingerprint: fingerprint, store)
        } catch {
            // Damaged, half written by an older build, or of another format: built again, never read.
        }
    }

    private func serve(_ model: RecommenderModel, fingerprint: StoreFingerprint, _ store: Store) throws {
        let available = try availability.all(store.db, catalog: model.catalog)
        shared.publish(model: model, available: available)
        servedFingerprint = fingerprint
        stale = try RecommenderSource.fingerprint(store.db) != fingerprint
        if !stale { finishWaiting() }
    }

    /// Builds and writes a new model when this process gets the lock; otherwise another process is
    /// building and its file is loaded when it appears.
    private func buildUnderLock(_ store: Store, forced: Bool) throws {
        // A PostgreSQL shop's model lives in the host's sidecar folder, which nothing may have made yet;
        // without it the lock file cannot be opened and every process would wait for a builder forever.
        if location.filePath == nil {
            try FileManager.default.createDirectory(atPath: (modelPath as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
        }
        // A folder where no lock file can be made (read-only) cannot be shared either: build alone.
        let lock: FileLock?
        switch FileLock.take(modelPath + ".lock") {
        case .taken(let taken): lock = taken
        case .heldElsewhere: return
        case .unavailable: lock = nil
        }
        defer { lock?.release() }
        lastBuild = .now
        // Another process may have written a current model while this one waited for the lock, or
        // one so recent that the next build is not due yet.
        try loadFileIfNew(store)
        guard stale || !fileIsUsable else { return }
        guard shared.snapshot() == nil || rebuildIsDue(forced: forced) else { return }
        var engine = RecommenderEngine(configuration: configuration, reusingContentOf: shared.snapshot()?.model)
        let started = ContinuousClock.now
        let (built, _) = try engine.rebuild(from: store.db)
        let buildTime = ContinuousClock.now - started
        shared.didBuild()
        guard let fingerprint = engine.fingerprint else { return }
        do {
            try ModelFile.write(built, fingerprint: fingerprint, buildTime: buildTime, to: modelPath)
            loadedFile = nil
            try loadFileIfNew(store)
        } catch {
            shared.fail("recommender: \(error)")
        }
        if !fileIsUsable {
            // The file could not be written (a read-only folder): this process serves its own build.
            try serve(built, fingerprint: fingerprint, store)
            fileIsUsable = true
        }
        pruneIfDue(store)
    }

    /// Prunes the availability change log when it holds many rows this process has read, at most
    /// once per `pruneInterval`.
    private func pruneIfDue(_ store: Store) {
        guard let cursor = availability.cursor else { return }
        if let lastPrune, ContinuousClock.now - lastPrune < Self.pruneInterval { return }
        guard (try? AvailabilityLogPruning.isDue(store.db, cursor: cursor)) == true else { return }
        prune(store)
    }

    /// Prunes the change log; a failure (a read-only file, a busy writer) leaves it for the next time.
    private func prune(_ store: Store) {
        lastPrune = .now
        _ = try? AvailabilityLogPruning.prune(store.db, now: configuration.now(storeClock: store.clock))
    }

    private func finishWaiting() {
        shared.finished(waiting)
        waiting = 0
    }

    private func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}
