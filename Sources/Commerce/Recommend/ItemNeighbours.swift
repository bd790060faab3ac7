import Dispatch

/// The top neighbours of every item, best first, ties broken by the lower item (lower product id).
struct ItemNeighbours: Sendable, Equatable {
    /// Where each item's neighbours start; one more entry than there are items.
    let offsets: FlatArray<Int32>
    /// The neighbours, item by item.
    let items: FlatArray<Int32>
    /// Their scores, in step with `items`.
    let scores: FlatArray<Float>

    /// Neighbour lists from plain arrays.
    init(offsets: [Int32], items: [Int32], scores: [Float]) {
        self.init(offsets: FlatArray(offsets), items: FlatArray(items), scores: FlatArray(scores))
    }

    /// Neighbour lists over flat storage (a model file).
    init(offsets: FlatArray<Int32>, items: FlatArray<Int32>, scores: FlatArray<Float>) {
        self.offsets = offsets
        self.items = items
        self.scores = scores
    }

    /// No neighbours for any of `itemCount` items.
    static func empty(itemCount: Int) -> ItemNeighbours {
        ItemNeighbours(offsets: [Int32](repeating: 0, count: itemCount + 1), items: [], scores: [])
    }

    /// Number of items covered.
    var itemCount: Int { offsets.count - 1 }

    /// The storage positions of `item`'s neighbours.
    @inline(__always)
    func range(_ item: Int) -> Range<Int> { Int(offsets[item])..<Int(offsets[item + 1]) }

    /// Neighbour lists for items `0..<itemCount` computed by `score` in parallel chunks, each item's list
    /// cut to the best `k`. `score(item, scratch)` fills the scratch with candidates for that item.
    static func build(itemCount: Int, k: Int,
                      score: @Sendable (Int, inout NeighbourScratch) -> Void) -> ItemNeighbours {
        let chunkCount = max(1, min(64, itemCount / 64))
        let chunkSize = (itemCount + chunkCount - 1) / max(1, chunkCount)
        var chunks = [NeighbourChunk?](repeating: nil, count: chunkCount)
        chunks.withUnsafeMutableBufferPointer { results in
            let slots = ChunkSlots(buffer: results)
            DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                let lower = chunk * chunkSize
                let upper = min(itemCount, lower + chunkSize)
                var scratch = NeighbourScratch(itemCount: itemCount)
                var result = NeighbourChunk()
                for item in lower..<max(lower, upper) {
                    score(item, &scratch)
                    let top = scratch.takeTop(k)
                    result.counts.append(Int32(top.count))
                    for (candidate, value) in top {
                        result.items.append(candidate)
                        result.scores.append(value)
                    }
                }
                slots.buffer[chunk] = result
            }
        }
        var offsets: [Int32] = [0]
        offsets.reserveCapacity(itemCount + 1)
        var items: [Int32] = []
        var scores: [Float] = []
        for chunk in chunks {
            guard let chunk else { continue }
            for count in chunk.counts { offsets.append((offsets.last ?? 0) + count) }
            items += chunk.items
            scores += chunk.scores
        }
        while offsets.count < itemCount + 1 { offsets.append(offsets.last ?? 0) }
        return ItemNeighbours(offsets: offsets, items: items, scores: scores)
    }
}

/// The result slots of a parallel build. Each iteration writes only its own slot and the buffer
/// outlives the `concurrentPerform` call, so sharing it across the iterations is safe.
private struct ChunkSlots: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<NeighbourChunk?>
}

/// One parallel chunk's neighbour lists.
private struct NeighbourChunk {
    var counts: [Int32] = []
    var items: [Int32] = []
    var scores: [Float] = []
}

/// A dense accumulator for one item's candidate scores, reused across items of a chunk.
struct NeighbourScratch {
    private var sums: [Float]
    private var seen: [Bool]
    private(set) var touched: [Int32] = []

    init(itemCount: Int) {
        sums = [Float](repeating: 0, count: itemCount)
        seen = [Bool](repeating: false, count: itemCount)
    }

    /// Adds `value` to `item`'s sum.
    @inline(__always)
    mutating func add(_ item: Int32, _ value: Float) {
        let index = Int(item)
        if !seen[index] {
            seen[index] = true
            touched.append(item)
        }
        sums[index] += value
    }

    /// Adds `value` to `item`'s sum only when it is already a candidate.
    @inline(__always)
    mutating func addIfTouched(_ item: Int32, _ value: Float) {
        if seen[Int(item)] { sums[Int(item)] += value }
    }

    /// The current sum of `item`.
    @inline(__always)
    func sum(_ item: Int32) -> Float { sums[Int(item)] }

    /// Replaces every touched item's sum with `transform(item, sum)` (for normalising).
    mutating func transform(_ body: (Int32, Float) -> Float) {
        for item in touched { sums[Int(item)] = body(item, sums[Int(item)]) }
    }

    /// Keeps only the `count` touched items with the highest sums, each with its sum replaced by
    /// `exact(item)` (candidates found on pruned lists, scored exactly); all of them when fewer.
    mutating func rescoreBest(_ count: Int, exact: (Int32) -> Float) {
        guard touched.count > count else {
            for item in touched { sums[Int(item)] = exact(item) }
            return
        }
        var heap = TopK(capacity: count)
        for item in touched {
            heap.insert(item, sums[Int(item)])
            sums[Int(item)] = 0
            seen[Int(item)] = false
        }
        touched.removeAll(keepingCapacity: true)
        for (item, _) in heap.sortedBestFirst() { add(item, exact(item)) }
    }

    /// The best `k` touched items with a positive sum, best first, ties by lower item; then clears.
    mutating func takeTop(_ k: Int) -> [(Int32, Float)] {
        var heap = TopK(capacity: k)
        for item in touched {
            let value = sums[Int(item)]
            if value > 0 { heap.insert(item, value) }
            sums[Int(item)] = 0
            seen[Int(item)] = false
        }
        touched.removeAll(keepingCapacity: true)
        return heap.sortedBestFirst()
    }
}
