import Foundation

/// How co-occurrence counts become item-to-item similarity.
public enum CoOccurrenceWeighting: String, Sendable, CaseIterable, Codable {
    /// Shared contexts over the geometric mean of each item's contexts: |A∩B| / √(|A|·|B|).
    case cosine
    /// Okapi BM25 weights on the item × context matrix (long item rows and busy contexts count less),
    /// then the dot product of the weighted rows.
    case bm25
}

/// Item-to-item similarity from co-occurrence in contexts (orders, or a customer's whole history).
enum CoOccurrence {
    /// BM25 term-frequency saturation.
    static let k1: Float = 1.2
    /// BM25 length normalisation.
    static let b: Float = 0.75

    /// The best `k` neighbours of each of `itemCount` items, given a context × item matrix of counts.
    static func neighbours(contexts: SparseRows, itemCount: Int, weighting: CoOccurrenceWeighting,
                           k: Int) -> ItemNeighbours {
        let weighted = weigh(contexts, itemCount: itemCount, weighting: weighting)
        let byItem = weighted.transposed(columnCount: itemCount)
        let norms: [Float] = weighting == .cosine
            ? (0..<itemCount).map { Float(byItem.range($0).count).squareRoot() }
            : []
        return ItemNeighbours.build(itemCount: itemCount, k: k) { item, scratch in
            let contextRange = byItem.range(item)
            guard !contextRange.isEmpty else { return }
            for position in contextRange {
                let context = Int(byItem.columns[position])
                let own = byItem.values[position]
                for other in weighted.range(context) where Int(weighted.columns[other]) != item {
                    scratch.add(weighted.columns[other], own * weighted.values[other])
                }
            }
            if weighting == .cosine {
                let mine = norms[item]
                scratch.transform { other, sum in sum / (mine * norms[Int(other)]) }
            }
        }
    }

    /// The context × item matrix with each entry weighted: 1 for cosine, BM25 for bm25.
    static func weigh(_ contexts: SparseRows, itemCount: Int, weighting: CoOccurrenceWeighting) -> SparseRows {
        var result = contexts
        switch weighting {
        case .cosine:
            for index in result.values.indices { result.values[index] = 1 }
        case .bm25:
            var lengths = [Float](repeating: 0, count: itemCount)
            for (column, value) in zip(contexts.columns, contexts.values) { lengths[Int(column)] += value }
            let used = lengths.filter { $0 > 0 }
            let average = used.isEmpty ? 1 : used.reduce(0, +) / Float(used.count)
            let documents = Float(max(1, itemCount))
            for context in 0..<contexts.rowCount {
                let range = contexts.range(context)
                let idf = max(0, log(documents) - log1p(Float(range.count)))
                for position in range {
                    let frequency = contexts.values[position]
                    let norm = (1 - b) + b * lengths[Int(contexts.columns[position])] / average
                    result.values[position] = frequency * (k1 + 1) / (k1 * norm + frequency) * idf
                }
            }
        }
        return result
    }
}
