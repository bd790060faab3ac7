import Foundation

/// Content similarity: TF-IDF vectors over each product's category path, vendor, tags and title
/// words (folded to lower case without accents), compared by cosine.
///
/// Pruned as search engines prune, so a large catalogue builds in seconds: a term found in more than
/// `maximumDocumentShare` of a large catalogue is dropped (it says nothing), each term keeps only its
/// `postingsPerTerm` heaviest postings for finding candidates (an impact-ordered "champion list"; ties
/// spread by a fixed hash, not by id), and the best `rescored` candidates of each product are scored
/// exactly by cosine before its top `k` are kept. A catalogue below `prunedFrom` products is exact.
enum ContentSimilarity {
    /// Postings of one term scanned to find candidates.
    static let postingsPerTerm = 128
    /// Candidates per product whose cosine is computed exactly.
    static let rescored = 64
    /// Catalogues at least this large are pruned; smaller ones are cheap enough to compare exactly.
    static let prunedFrom = 5_000
    /// A term in more than this share of the catalogue is dropped (only once it has `minimumDropCount` products).
    static let maximumDocumentShare: Float = 0.5
    /// Catalogues below this size keep every term.
    static let minimumDropCount = 1_000
    /// Title words too common to say anything.
    static let stopWords: Set<String> = ["a", "an", "and", "the", "of", "for", "with", "in", "on", "to", "by", "x"]

    /// The best `k` content neighbours of every product in `catalog`.
    static func neighbours(_ catalog: RecommenderCatalog, k: Int) -> ItemNeighbours {
        let vectors = vectors(catalog)
        let pruned = catalog.count >= prunedFrom
        let transposed = vectors.transposed(columnCount: vectors.columns.map { Int($0) + 1 }.max() ?? 0)
        let postings = pruned ? championLists(transposed) : transposed
        return ItemNeighbours.build(itemCount: catalog.count, k: k) { item, scratch in
            let own = vectors.range(item)
            guard !own.isEmpty else { return }
            for position in own {
                let weight = vectors.values[position]
                for posting in postings.range(Int(vectors.columns[position])) where Int(postings.columns[posting]) != item {
                    scratch.add(postings.columns[posting], weight * postings.values[posting])
                }
            }
            if pruned { scratch.rescoreBest(rescored) { candidate in dot(vectors, item, Int(candidate)) } }
        }
    }

    /// Each term's postings cut to its `postingsPerTerm` heaviest, heaviest first (ties by a hash of item and term).
    static func championLists(_ postings: SparseRows) -> SparseRows {
        var offsets = [0]
        offsets.reserveCapacity(postings.rowCount + 1)
        var columns: [Int32] = [], values: [Float] = []
        for term in 0..<postings.rowCount {
            let range = postings.range(term)
            if range.count <= postingsPerTerm {
                columns += postings.columns[range]
                values += postings.values[range]
            } else {
                let salt = UInt64(term) &* 0x9E37_79B9_7F4A_7C15
                let best = range.sorted { a, b in
                    let x = postings.values[a], y = postings.values[b]
                    if x != y { return x > y }
                    return spread(UInt64(postings.columns[a]) ^ salt) < spread(UInt64(postings.columns[b]) ^ salt)
                }.prefix(postingsPerTerm)
                for position in best {
                    columns.append(postings.columns[position])
                    values.append(postings.values[position])
                }
            }
            offsets.append(columns.count)
        }
        return SparseRows(offsets: offsets, columns: columns, values: values)
    }

    /// A fixed bit mix (SplitMix64's finaliser), so ties are broken the same way in every build.
    @inline(__always)
    private static func spread(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The cosine of rows `a` and `b` (both L2-normalised, columns ascending).
    @inline(__always)
    static func dot(_ matrix: SparseRows, _ a: Int, _ b: Int) -> Float {
        var i = matrix.offsets[a], j = matrix.offsets[b]
        let endA = matrix.offsets[a + 1], endB = matrix.offsets[b + 1]
        var sum: Float = 0
        while i < endA && j < endB {
            let x = matrix.columns[i], y = matrix.columns[j]
            if x == y {
                sum += matrix.values[i] * matrix.values[j]
                i += 1
                j += 1
            } else if x < y {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// The L2-normalised TF-IDF vector of each product, as rows over term numbers (too common terms dropped).
    static func vectors(_ catalog: RecommenderCatalog) -> SparseRows {
        var termNumbers: [String: Int32] = [:]
        var rows: [Int32] = []
        var columns: [Int32] = []
        for item in 0..<catalog.count {
            for term in terms(of: item, in: catalog) {
                let number: Int32
                if let known = termNumbers[term] {
                    number = known
                } else {
                    number = Int32(termNumbers.count)
                    termNumbers[term] = number
                }
                rows.append(Int32(item))
                columns.append(number)
            }
        }
        var matrix = SparseRows.counting(rows: rows, columns: columns, rowCount: catalog.count)
        var documentFrequency = [Float](repeating: 0, count: termNumbers.count)
        for column in matrix.columns { documentFrequency[Int(column)] += 1 }
        let documents = Float(catalog.count)
        if catalog.count >= minimumDropCount {
            let cap = maximumDocumentShare * documents
            matrix = matrix.keepingColumns { documentFrequency[Int($0)] <= cap }
        }
        for row in 0..<matrix.rowCount {
            let range = matrix.range(row)
            var norm: Float = 0
            for position in range {
                let idf = log((1 + documents) / (1 + documentFrequency[Int(matrix.columns[position])])) + 1
                let weight = (1 + log(matrix.values[position])) * idf
                matrix.values[position] = weight
                norm += weight * weight
            }
            let scale = norm > 0 ? 1 / norm.squareRoot() : 0
            for position in range { matrix.values[position] *= scale }
        }
        return matrix
    }

    /// The terms of one product, prefixed by field so a vendor never matches a title word.
    static func terms(of item: Int, in catalog: RecommenderCatalog) -> [String] {
        var terms: [String] = []
        let category = catalog.productCategory[item]
        if category >= 0 {
            for ancestor in catalog.categoryChain(category) { terms.append("c:\(catalog.categoryIDs[Int(ancestor)])") }
        }
        let vendor = TextFolding.fold(catalog.vendors[item]).trimmingCharacters(in: .whitespaces)
        if !vendor.isEmpty { terms.append("v:\(vendor)") }
        for tag in catalog.tags[item] {
            let folded = TextFolding.fold(tag).trimmingCharacters(in: .whitespaces)
            if !folded.isEmpty { terms.append("t:\(folded)") }
        }
        for word in TextFolding.words(catalog.titles[item]) where !stopWords.contains(word) {
            terms.append("w:\(word)")
        }
        return terms
    }
}
