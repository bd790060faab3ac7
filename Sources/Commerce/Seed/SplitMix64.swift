/// A small, fast, seeded pseudo-random generator (SplitMix64), so generated data is the same on every run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that always produces the same sequence for the same seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A whole number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// An element of a non-empty array, chosen uniformly.
    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }

    /// An index chosen with probability proportional to `weights` (which must not all be zero).
    public mutating func weightedIndex(_ cumulative: [Double]) -> Int {
        let target = Double.random(in: 0..<(cumulative.last ?? 1), using: &self)
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

/// Running totals of weights, for `SplitMix64.weightedIndex`.
func cumulativeWeights(_ weights: [Double]) -> [Double] {
    var total = 0.0
    return weights.map { total += $0; return total }
}
