import Dispatch
import Synchronization

/// What the query side and the background worker share, behind one lock: the published model and
/// availability, the orders recorded but not yet learnt, and the worker's wake-up signal.
final class RecommenderShared: Sendable {
    private struct State {
        var model: RecommenderModel?
        var available: [Bool] = []
        var status: RecommenderStatus = .warmingUp
        var pending: [RecordedOrder] = []
        /// Orders handed to the worker and not yet published in a model.
        var inFlight = 0
        var refreshRequested = false
        var stopped = false
        /// Models this process built itself (the others were loaded from the model file).
        var builds = 0
    }

    private let state = Mutex(State())
    /// Signalled to wake the worker early (an order recorded, a refresh asked for, a stop).
    let wake = DispatchSemaphore(value: 0)

    /// The model and availability serving queries, or nil while warming up.
    func snapshot() -> (model: RecommenderModel, available: [Bool])? {
        state.withLock { state in state.model.map { ($0, state.available) } }
    }

    /// The current status.
    var status: RecommenderStatus { state.withLock { $0.status } }

    /// True when a model is serving and no recorded order waits for it.
    var isCurrent: Bool { state.withLock { $0.model != nil && $0.pending.isEmpty && $0.inFlight == 0 } }

    /// Models this process built itself.
    var buildCount: Int { state.withLock { $0.builds } }

    /// Counts a model built by this process.
    func didBuild() { state.withLock { $0.builds += 1 } }

    /// True once the owner stopped the recommender.
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// Serves `model` from now on, with `available` (nil keeps the current table).
    func publish(model: RecommenderModel, available: [Bool]?) {
        state.withLock { state in
            state.model = model
            if let available { state.available = available }
            state.status = .ready(builtAt: model.builtAt, interactions: model.interactionCount)
        }
    }

    /// Replaces the availability table (its length follows the published model's catalog).
    func publish(available: [Bool]) {
        state.withLock { $0.available = available }
    }

    /// Says the shop's model file is being loaded (until a model serves or the file proves unusable).
    func startLoading() {
        state.withLock { state in if state.model == nil { state.status = .loading } }
    }

    /// Back to warming up when loading found no usable file (a model is built instead).
    func stopLoading() {
        state.withLock { state in if state.status == .loading { state.status = .warmingUp } }
    }

    /// Records a failed build; the previous model keeps serving.
    func fail(_ message: String) {
        state.withLock { $0.status = .failed(message) }
    }

    /// Queues an order for the worker and wakes it; ignored once stopped (or without a worker).
    func enqueue(_ order: RecordedOrder) {
        state.withLock { state in if !state.stopped { state.pending.append(order) } }
        wake.signal()
    }

    /// Takes the queued orders; they count as in flight until `finished(_:)`.
    func takePending() -> [RecordedOrder] {
        state.withLock { state in
            let orders = state.pending
            state.pending.removeAll()
            state.inFlight += orders.count
            return orders
        }
    }

    /// Marks `count` taken orders as learnt (or dropped).
    func finished(_ count: Int) {
        state.withLock { $0.inFlight -= count }
    }

    /// Asks for a look at the file at the next wake-up, and wakes the worker.
    func requestRefresh() {
        state.withLock { $0.refreshRequested = true }
        wake.signal()
    }

    /// True (once) when a refresh was asked for.
    func takeRefreshRequest() -> Bool {
        state.withLock { state in
            defer { state.refreshRequested = false }
            return state.refreshRequested
        }
    }

    /// Sets one product's availability in the published table.
    func setAvailability(product: ProductID, available: Bool) {
        state.withLock { state in
            guard let item = state.model?.catalog.index(ofProduct: product.rawValue), Int(item) < state.available.count else { return }
            state.available[Int(item)] = available
        }
    }

    /// Sets the availability of dense product `item` of the published model.
    func setAvailability(item: Int32, available: Bool) {
        state.withLock { state in
            guard Int(item) < state.available.count else { return }
            state.available[Int(item)] = available
        }
    }

    /// Stops the worker at its next wake-up.
    func stop() {
        state.withLock { $0.stopped = true }
        wake.signal()
    }
}
