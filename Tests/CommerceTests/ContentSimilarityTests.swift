import Foundation
import Testing
@testable import Commerce

/// Content similarity's pruning (champion lists, rescoring) against the exact comparison, and the
/// shortcuts its term numbering takes, on a catalogue with planted structure.
@Suite("Recommend: content similarity")
struct ContentSimilarityTests {
    /// `count` products in 8 departments of 4 sections, with 30 vendors, 40 tags and 60 title words,
    /// each product drawing from its department's share of them (so neighbours have structure).
    static func catalog(count: Int) -> RecommenderCatalog {
        var catalog = RecommenderCatalog()
        var rng = SplitMix64(seed: 11)
        for department in 0..<8 {
            catalog.appendCategory(id: Int64(department * 5 + 1), handle: "d\(department)", name: "D\(department)")
            for section in 0..<4 {
                catalog.appendCategory(id: Int64(department * 5 + section + 2), handle: "d\(department)s\(section)", name: "S")
            }
        }
        for department in 0..<8 {
            for section in 0..<4 { catalog.setParent(of: Int64(department * 5 + section + 2), to: Int64(department * 5 + 1)) }
        }
        for product in 0..<count {
            let department = product % 8, section = rng.int(0...3)
            func pick(_ pool: Int) -> Int { rng.chance(0.7) ? department * (pool / 8) + rng.int(0...(pool / 8 - 1)) : rng.int(0...(pool - 1)) }
            let title = "Word\(pick(60)) word\(pick(60)) Word\(pick(60)) \(product)"
            catalog.appendProduct(id: Int64(product + 1), handle: "p\(product)", title: title, vendor: "Vendor \(pick(30))",
                                  category: Int64(department * 5 + section + 2), tags: ["tag\(pick(40))", "tag\(pick(40))"])
        }
        return catalog
    }

    @Test("pruned neighbours keep most of the exact neighbours' similarity")
    func prunedNeighboursAreCloseToExact() {
        let catalog = Self.catalog(count: 6_000)
        #expect(catalog.count >= ContentSimilarity.prunedFrom)
        let k = 10
        let exact = ContentSimilarity.neighbours(catalog, k: k, pruned: false)
        let pruned = ContentSimilarity.neighbours(catalog, k: k, pruned: true)
        // The exact similarity pruning found, as a share of the best possible, over every product.
        var found: Double = 0, best: Double = 0
        for item in 0..<catalog.count {
            best += exact.range(item).reduce(0) { $0 + Double(exact.scores[$1]) }
            found += pruned.range(item).reduce(0) { $0 + Double(pruned.scores[$1]) }
        }
        let share = found / best
        #expect(share >= 0.92, "pruning kept \(share) of the exact neighbours' similarity")
        #expect(share <= 1.0001)
    }
}
