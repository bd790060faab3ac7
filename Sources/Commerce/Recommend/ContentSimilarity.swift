import Foundation

/// Content similarity: TF-IDF vectors over each product's category path, vendor, tags and title
/// words (folded to lower case without accents), compared by cosine.
///
/// Pruned as search engines prune, so a large catalogue builds in seconds: a term found in more than
/// `maximumDocumentShare` of a large catalogue is dropped (it says nothing), each term keeps only its
/// `postingsPerTerm` heaviest postings for finding candidates (an impact-ordered "champion list"; ties
/// spread by a fixed hash, not by id), a product looks for candidates on the lists of its
/// `searchTerms` heaviest (rarest) terms only, and its best `rescored` candidates are scored exactly
/// by cosine over all its terms before its top `k` are kept. A catalogue below `prunedFrom` products
/// is exact. `ContentSimilarityTests` holds pruning to at least 0.92 of the exact neighbours' similarity.
enum ContentSimilarity {
    /// Postings of one term scanned to find candidates.
    static let postingsPerTerm = 128
    /// A product's heaviest terms whose postings are scanned for candidates.
    static let searchTerms = 4
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

    /// The best `k` content neighbours of every product in `catalog`, pruned from `prunedFrom`
    /// products unless `pruned` says otherwise.
    static func neighbours(_ catalog: RecommenderCatalog, k: Int, pruned: Bool? = nil) -> ItemNeighbours {
        let vectors = vectors(catalog)
        let pruned = pruned ?? (catalog.count >= prunedFrom)
        let transposed = vectors.transposed(columnCount: vectors.columns.map { Int($0) + 1 }.max() ?? 0)
        // Packed, so a candidate's row or a term's posting is one load (rescoring is cache misses).
        let rows = PackedRows(pruned ? vectors : SparseRows(offsets: [0], columns: [], values: []))
        let postings = PackedRows(pruned ? championLists(transposed) : transposed)
        return ItemNeighbours.build(itemCount: catalog.count, k: k) { item, scratch in
            let own = vectors.range(item)
            guard !own.isEmpty else { return }
            let floor = pruned && own.count > searchTerms ? own.map { vectors.values[$0] }.sorted(by: >)[searchTerms - 1] : 0
            for position in own where vectors.values[position] >= floor {
                let weight = vectors.values[position]
                for posting in postings.range(Int(vectors.columns[position])) {
                    let (candidate, value) = postings.entry(posting)
                    if Int(candidate) != item { scratch.add(candidate, weight * value) }
                }
            }
            if pruned {
                scratch.rescoreBest(rescored, touch: { rows.firstEntry(Int($0)) }) { candidate in rows.dot(item, Int(candidate)) }
            }
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

    /// The L2-normalised TF-IDF vector of each product, as rows over term numbers (too common terms
    /// dropped, and terms of a single product left out after normalising).
    static func vectors(_ catalog: RecommenderCatalog) -> SparseRows {
        var terms = TermNumbers(catalog)
        var rows: [Int32] = []
        var columns: [Int32] = []
        rows.reserveCapacity(catalog.count * 8)
        columns.reserveCapacity(catalog.count * 8)
        for item in 0..<catalog.count {
            terms.forEachTerm(of: item) { number in
                rows.append(Int32(item))
                columns.append(number)
            }
        }
        let termCount = terms.count
        var matrix = SparseRows.counting(rows: rows, columns: columns, rowCount: catalog.count)
        var documentFrequency = [Float](repeating: 0, count: termCount)
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
        // A term of one product never makes two products alike: it counts in that product's norm
        // (above) but is not stored, so every dot product is the same and the rows are shorter.
        return matrix.keepingColumns { documentFrequency[Int($0)] > 1 }
    }
}

/// Numbers the terms of a catalogue's products as they are first met. A product's terms are its
/// category and the category's ancestors, its vendor, its tags and its title words (folded, stop words
/// left out), each field numbered apart so a vendor never matches a title word. Each distinct vendor,
/// tag and category is folded once, not once per product.
private struct TermNumbers {
    let catalog: RecommenderCatalog
    private(set) var count = 0
    private var categories: [Int32: [Int32]] = [:]
    /// Vendor or tag as stored → its number (nil when it folds to nothing), per field.
    private var asStored: [Character: [String: Int32?]] = [:]
    /// Folded text → number, one table per field (the field prefix of `terms(of:in:)`).
    private var numbers: [Character: [String: Int32]] = [:]

    init(_ catalog: RecommenderCatalog) { self.catalog = catalog }

    /// Calls `body` with the number of each of `item`'s terms: category chain, vendor, tags, title words.
    mutating func forEachTerm(of item: Int, _ body: (Int32) -> Void) {
        let category = catalog.productCategory[item]
        if category >= 0 {
            if let known = categories[category] {
                known.forEach(body)
            } else {
                let chain = catalog.categoryChain(category).map { number("c", String(catalog.categoryIDs[Int($0)])) }
                categories[category] = chain
                chain.forEach(body)
            }
        }
        if let vendor = fieldNumber("v", catalog.vendors[item]) { body(vendor) }
        for tag in catalog.tags[item] {
            if let tag = fieldNumber("t", tag) { body(tag) }
        }
        for word in TextFolding.words(catalog.titles[item]) where !ContentSimilarity.stopWords.contains(word) {
            body(number("w", word))
        }
    }

    /// The number of a vendor or tag, by its text as stored (nil when it folds to nothing).
    private mutating func fieldNumber(_ field: Character, _ raw: String) -> Int32? {
        if let known = asStored[field]?[raw] { return known }
        let result = TermNumbers.folded(raw).map { number(field, $0) }
        asStored[field, default: [:]][raw] = result
        return result
    }

    /// The number of `field`'s term `text`, a new one the first time it is met.
    private mutating func number(_ field: Character, _ text: String) -> Int32 {
        if let known = numbers[field]?[text] { return known }
        let new = Int32(count)
        numbers[field, default: [:]][text] = new
        count += 1
        return new
    }

    /// `text` folded and trimmed of spaces, or nil when nothing is left.
    static func folded(_ text: String) -> String? {
        let folded = TextFolding.fold(text).trimmingCharacters(in: .whitespaces)
        return folded.isEmpty ? nil : folded
    }
}

/// Sparse rows with each entry's column and value in one 64-bit word, and 32-bit offsets: a row of a
/// few terms is one cache line, where `SparseRows` spreads it over three arrays.
private struct PackedRows: Sendable {
    private let offsets: [Int32]
    private let entries: [UInt64]

    init(_ rows: SparseRows) {
        offsets = rows.offsets.map { Int32($0) }
        entries = zip(rows.columns, rows.values).map { UInt64(UInt32(bitPattern: $0)) << 32 | UInt64($1.bitPattern) }
    }

    /// The storage positions of row `row`.
    @inline(__always)
    func range(_ row: Int) -> Range<Int> { Int(offsets[row])..<Int(offsets[row + 1]) }

    /// The column and value at `position`.
    @inline(__always)
    func entry(_ position: Int) -> (Int32, Float) {
        let word = entries[position]
        return (Int32(bitPattern: UInt32(truncatingIfNeeded: word >> 32)), Float(bitPattern: UInt32(truncatingIfNeeded: word)))
    }

    /// The first entry of row `row` (or 0): a load that brings the row into cache.
    @inline(__always)
    func firstEntry(_ row: Int) -> UInt64 {
        let start = Int(offsets[row])
        return start < Int(offsets[row + 1]) ? entries[start] : 0
    }

    /// The dot product of rows `a` and `b` (the cosine, rows being L2-normalised with columns ascending).
    @inline(__always)
    func dot(_ a: Int, _ b: Int) -> Float {
        var i = Int(offsets[a]), j = Int(offsets[b])
        let endA = Int(offsets[a + 1]), endB = Int(offsets[b + 1])
        var sum: Float = 0
        while i < endA && j < endB {
            let x = entries[i] >> 32, y = entries[j] >> 32
            if x == y {
                sum += Float(bitPattern: UInt32(truncatingIfNeeded: entries[i])) * Float(bitPattern: UInt32(truncatingIfNeeded: entries[j]))
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
}
