/// Keeps the best `capacity` (item, score) pairs seen: higher score first, ties to the lower item,
/// so every ranking in the recommender is deterministic.
struct TopK {
    private let capacity: Int
    /// A heap with the worst kept pair at the root.
    private var heap: [(item: Int32, score: Float)] = []

    /// An empty selection that keeps at most `capacity` pairs.
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        heap.reserveCapacity(self.capacity)
    }

    /// True when `a` ranks below `b`.
    @inline(__always)
    static func worse(_ a: (item: Int32, score: Float), _ b: (item: Int32, score: Float)) -> Bool {
        a.score < b.score || (a.score == b.score && a.item > b.item)
    }

    /// Offers a pair.
    mutating func insert(_ item: Int32, _ score: Float) {
        guard capacity > 0 else { return }
        let pair = (item: item, score: score)
        if heap.count < capacity {
            heap.append(pair)
            siftUp(heap.count - 1)
        } else if TopK.worse(heap[0], pair) {
            heap[0] = pair
            siftDown(0)
        }
    }

    /// The kept pairs, best first.
    func sortedBestFirst() -> [(Int32, Float)] {
        heap.sorted { TopK.worse($1, $0) }.map { ($0.item, $0.score) }
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard TopK.worse(heap[child], heap[parent]) else { return }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var worst = parent
            if left < heap.count && TopK.worse(heap[left], heap[worst]) { worst = left }
            if right < heap.count && TopK.worse(heap[right], heap[worst]) { worst = right }
            if worst == parent { return }
            heap.swapAt(parent, worst)
            parent = worst
        }
    }
}
