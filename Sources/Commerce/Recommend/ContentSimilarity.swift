import Foundation

/// Content similarity: TF-IDF vectors over each product's category path, vendor, tags and title
/// words (folded to lower case without accents), compared by cosine.
enum ContentSimilarity {
    /// Postings scanned per product before the commonest terms are only added to found candidates.
    static let scanBudget = 2_048
    /// Title words too common to say anything.
    static let stopWords: Set<String> = ["a", "an", "and", "the", "of", "for", "with", "in", "on", "to", "by", "x"]

    /// The best `k` content neighbours of every product in `catalog`.
    static func neighbours(_ catalog: RecommenderCatalog, k: Int) -> ItemNeighbours {
        let vectors = vectors(catalog)
        let postings = vectors.transposed(columnCount: vectors.columns.map { Int($0) + 1 }.max() ?? 0)
        return ItemNeighbours.build(itemCount: catalog.count, k: k) { item, scratch in
            let own = vectors.range(item)
            guard !own.isEmpty else { return }
            // Rarest terms first: they find the closest products cheaply.
            let terms = own.sorted {
                let a = postings.range(Int(vectors.columns[$0])).count, b = postings.range(Int(vectors.columns[$1])).count
                return a != b ? a < b : vectors.columns[$0] < vectors.columns[$1]
            }
            var scanned = 0
            var skipped: [Int] = []
            for position in terms {
                let term = Int(vectors.columns[position])
                let list = postings.range(term)
                guard scanned == 0 || scanned + list.count <= scanBudget else {
                    skipped.append(position)
                    continue
                }
                let weight = vectors.values[position]
                for posting in list.prefix(scanBudget) where Int(postings.columns[posting]) != item {
                    scratch.add(postings.columns[posting], weight * postings.values[posting])
                }
                scanned += list.count
            }
            // Common terms still count for the candidates found: walk the term's postings or look the
            // term up in each candidate's vector, whichever is shorter, so every found score is exact.
            for position in skipped {
                let term = vectors.columns[position]
                let weight = vectors.values[position]
                let list = postings.range(Int(term))
                if list.count <= 4 * scratch.touched.count {
                    for posting in list { scratch.addIfTouched(postings.columns[posting], weight * postings.values[posting]) }
                } else {
                    for candidate in scratch.touched {
                        if let value = lookup(vectors, row: Int(candidate), term: term) { scratch.add(candidate, weight * value) }
                    }
                }
            }
        }
    }

    /// The L2-normalised TF-IDF vector of each product, as rows over term numbers.
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

    /// The value of `term` in `row`, found by binary search (columns are ascending).
    private static func lookup(_ matrix: SparseRows, row: Int, term: Int32) -> Float? {
        var low = matrix.offsets[row], high = matrix.offsets[row + 1]
        while low < high {
            let middle = (low + high) / 2
            if matrix.columns[middle] < term { low = middle + 1 } else { high = middle }
        }
        return low < matrix.offsets[row + 1] && matrix.columns[low] == term ? matrix.values[low] : nil
    }
}
