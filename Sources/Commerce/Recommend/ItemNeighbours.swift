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

/// A dense accumulator for one item's candidate scores, reused across items of a chunk. Its storage is
/// allocated once per chunk and reached without bounds or uniqueness checks: it is the inner loop of
/// every neighbour build (about a thousand candidates per item at 100k products).
struct NeighbourScratch: ~Copyable {
    private let itemCount: Int
    /// Each item's sum, valid while its stamp is the current `epoch` (so clearing is one increment).
    private let slots: UnsafeMutablePointer<Slot>
    private var epoch: UInt32 = 1
    /// The candidates so far, each once, in the order first added.
    private let touched: UnsafeMutablePointer<Int32>
    private var touchedCount = 0
    /// Selection keys (`RankKey`) of the candidates, built when choosing the best.
    private let keys: UnsafeMutablePointer<UInt64>
    /// What `touch` read, kept so the reads are not optimised away.
    private var sink: UInt64 = 0

    init(itemCount: Int) {
        self.itemCount = itemCount
        let capacity = max(1, itemCount)
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Slot(stamp: 0, sum: 0), count: capacity)
        touched = .allocate(capacity: capacity)
        keys = .allocate(capacity: capacity)
    }

    deinit {
        slots.deallocate()
        touched.deallocate()
        keys.deallocate()
    }

    /// Adds `value` to `item`'s sum.
    @inline(__always)
    mutating func add(_ item: Int32, _ value: Float) {
        let index = Int(item)
        precondition(index >= 0 && index < itemCount, "neighbour candidate out of range")
        if slots[index].stamp == epoch {
            slots[index].sum += value
        } else {
            slots[index] = Slot(stamp: epoch, sum: value)
            touched[touchedCount] = item
            touchedCount += 1
        }
    }

    /// Replaces every touched item's sum with `transform(item, sum)` (for normalising).
    mutating func transform(_ body: (Int32, Float) -> Float) {
        for position in 0..<touchedCount {
            let item = touched[position]
            slots[Int(item)].sum = body(item, slots[Int(item)].sum)
        }
    }

    /// Keeps only the `count` touched items with the highest sums, each with its sum replaced by
    /// `exact(item)` (candidates found on pruned lists, scored exactly); all of them when fewer.
    /// `touch(item)` is called on every kept item before any `exact`: independent loads of the rows
    /// `exact` will read, so their cache misses overlap instead of coming one after another.
    mutating func rescoreBest(_ count: Int, touch: (Int32) -> UInt64 = { _ in 0 }, exact: (Int32) -> Float) {
        guard touchedCount > count else {
            for position in 0..<touchedCount {
                let item = touched[position]
                slots[Int(item)].sum = exact(item)
            }
            return
        }
        let chosen = selectBest(count, positiveOnly: false)
        clear()
        var touched: UInt64 = 0
        for position in 0..<chosen { touched ^= touch(RankKey.item(keys[position])) }
        sink ^= touched
        for position in 0..<chosen { add(RankKey.item(keys[position]), exact(RankKey.item(keys[position]))) }
    }

    /// The best `k` touched items with a positive sum, best first, ties by lower item; then clears.
    mutating func takeTop(_ k: Int) -> [(Int32, Float)] {
        let chosen = selectBest(k, positiveOnly: true)
        var best = UnsafeMutableBufferPointer(start: keys, count: chosen)
        best.sort(by: >)
        var top: [(Int32, Float)] = []
        top.reserveCapacity(chosen)
        for position in 0..<chosen {
            let item = RankKey.item(keys[position])
            top.append((item, slots[Int(item)].sum))
        }
        clear()
        return top
    }

    /// Puts the keys of the best `count` candidates (of those with a positive sum, when `positiveOnly`)
    /// first in `keys`, in no order, and returns how many there are.
    private mutating func selectBest(_ count: Int, positiveOnly: Bool) -> Int {
        var n = 0
        for position in 0..<touchedCount {
            let item = touched[position]
            let sum = slots[Int(item)].sum
            if !positiveOnly || sum > 0 {
                keys[n] = RankKey.make(item, sum)
                n += 1
            }
        }
        let chosen = min(max(0, count), n)
        if chosen > 0 && chosen < n { RankKey.partitionLargest(keys, count: n, keeping: chosen) }
        return chosen
    }

    /// Forgets the candidates and their sums.
    private mutating func clear() {
        touchedCount = 0
        if epoch == .max {
            for index in 0..<max(1, itemCount) { slots[index].stamp = 0 }
            epoch = 0
        }
        epoch += 1
    }
}

/// One item's entry in a `NeighbourScratch`: its sum and the epoch that sum belongs to, side by side
/// so an add touches one cache line.
private struct Slot {
    var stamp: UInt32
    var sum: Float
}

/// An (item, score) pair packed into one integer that orders as `TopK` ranks: a higher score is a
/// larger key, and of equal scores the lower item is the larger key.
enum RankKey {
    /// The key of `item` with `score`.
    @inline(__always)
    static func make(_ item: Int32, _ score: Float) -> UInt64 {
        let bits = score.bitPattern
        let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
        return UInt64(ordered) << 32 | UInt64(UInt32.max - UInt32(bitPattern: item))
    }

    /// The item of a key.
    @inline(__always)
    static func item(_ key: UInt64) -> Int32 { Int32(bitPattern: UInt32.max - UInt32(truncatingIfNeeded: key)) }

    /// Reorders `keys[0..<count]` so its first `keeping` entries are the largest (quickselect, in no order).
    static func partitionLargest(_ keys: UnsafeMutablePointer<UInt64>, count: Int, keeping: Int) {
        let target = keeping - 1
        var low = 0, high = count - 1
        while low < high {
            let a = keys[low], b = keys[low + (high - low) / 2], c = keys[high]
            let pivot = max(min(a, b), min(max(a, b), c))
            var i = low, j = high
            while i <= j {
                while keys[i] > pivot { i += 1 }
                while keys[j] < pivot { j -= 1 }
                if i <= j {
                    let swap = keys[i]
                    keys[i] = keys[j]
                    keys[j] = swap
                    i += 1
                    j -= 1
                }
            }
            if target <= j {
                high = j
            } else if target >= i {
                low = i
            } else {
                return
            }
        }
    }
}
