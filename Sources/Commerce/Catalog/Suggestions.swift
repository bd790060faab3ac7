import Foundation

/// The words of the search index with how many products use each, for "did you mean".
final class SearchVocabulary: Sendable {
    struct Term: Sendable {
        let text: String
        let scalars: [UInt32]
        let documents: Int
    }

    /// Terms by their length in Unicode scalars, so only lengths within reach are compared.
    let byLength: [Int: [Term]]
    /// Every term in ascending order, for prefix look-ups.
    let sorted: [String]
    /// Document counts by term.
    let documents: [String: Int]

    init(_ terms: [(String, Int)]) {
        var byLength: [Int: [Term]] = [:]
        var documents: [String: Int] = [:]
        for (text, count) in terms {
            let scalars = text.unicodeScalars.map(\.value)
            byLength[scalars.count, default: []].append(Term(text: text, scalars: scalars, documents: count))
            documents[text] = count
        }
        self.byLength = byLength
        self.documents = documents
        self.sorted = documents.keys.sorted()
    }

    /// Reads the vocabulary of the search index (`product_search_vocab`).
    static func load(_ db: any SQLConnection) throws -> SearchVocabulary {
        SearchVocabulary(try db.all("SELECT term, doc FROM product_search_vocab") { ($0.string(0), $0.int(1)) })
    }

    /// This vocabulary after products' searchable text changed from each change's old text to its
    /// new one (nil for a product created or deleted): each distinct word of a text is one product.
    func applying(_ changes: [(old: String?, new: String?)]) -> SearchVocabulary {
        var counts = documents
        for change in changes {
            for word in Set(change.old.map(TextFolding.words) ?? []) { counts[word, default: 0] -= 1 }
            for word in Set(change.new.map(TextFolding.words) ?? []) { counts[word, default: 0] += 1 }
        }
        return SearchVocabulary(counts.filter { $0.value > 0 }.map { ($0.key, $0.value) })
    }

    /// True when some term starts with `prefix`.
    func hasTerm(withPrefix prefix: String) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < prefix { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low].hasPrefix(prefix)
    }

    /// The most likely intended term for `word`: the nearest within reach (1 edit for words of up
    /// to 4 letters, 2 for longer ones), the one more products use on a tie, then alphabetical.
    func correction(for word: String) -> String? {
        let scalars = word.unicodeScalars.map(\.value)
        guard scalars.count >= 2 else { return nil }
        let limit = scalars.count <= 4 ? 1 : 2
        var best: (distance: Int, documents: Int, text: String)?
        for length in (scalars.count - limit)...(scalars.count + limit) {
            for term in byLength[length] ?? [] {
                guard let distance = EditDistance.distance(scalars, term.scalars, limit: best?.distance ?? limit) else { continue }
                if let current = best {
                    let better = distance < current.distance
                        || (distance == current.distance && (term.documents > current.documents
                            || (term.documents == current.documents && term.text < current.text)))
                    if !better { continue }
                }
                best = (distance, term.documents, term.text)
            }
        }
        return best?.text
    }

    /// The words with every one the index does not know replaced by its correction; nil when
    /// nothing changed. A last word typed as a prefix counts as known when some term starts with it.
    func corrected(_ expression: SearchExpression) -> SearchExpression? {
        var changed = false
        let words = expression.words.enumerated().map { index, word in
            let isPrefix = expression.prefixLast && index == expression.words.count - 1
            if documents[word] != nil || (isPrefix && hasTerm(withPrefix: word)) { return word }
            guard let fixed = correction(for: word) else { return word }
            changed = true
            return fixed
        }
        return changed ? SearchExpression(words: words, prefixLast: false) : nil
    }
}

/// One vocabulary per open connection, brought up to date only when the search index changed. The
/// stamp is the index's averages and structure records (`product_search_data` rows 1 and 10), which
/// FTS5 rewrites on every change to indexed text, from this connection or any other; writes
/// elsewhere (carts, orders, prices) leave the cached vocabulary alone. After a change the cache
/// applies the rows of `search_text_changes` written since it last looked (a few words per edited
/// product); only when it fell behind that short log, or on first use, does it read the whole
/// vocabulary, which costs a scan of the index. Call it inside a read transaction.
final class SearchVocabularyCache: @unchecked Sendable {
    /// The process-wide cache.
    static let shared = SearchVocabularyCache()
    /// More changes than this since the last look are read as a whole vocabulary instead.
    static let maximumChanges = 500

    private struct Entry {
        weak var database: (any SQLConnection)?
        let stamp: [[UInt8]]
        /// The last `search_text_changes` row the vocabulary includes.
        let position: Int64
        let vocabulary: SearchVocabulary
        /// How many times the whole vocabulary was read for this connection.
        let fullReads: Int
    }

    private let lock = NSLock()
    private var entries: [ObjectIdentifier: Entry] = [:]

    /// The vocabulary of `db`'s search index, as of the current transaction.
    func vocabulary(for db: any SQLConnection) throws -> SearchVocabulary {
        let key = ObjectIdentifier(db)
        let stamp = try db.all("SELECT block FROM product_search_data WHERE id IN (1, 10) ORDER BY id") { $0.bytes(0) }
        let entry = lock.withLock { () -> Entry? in
            guard let entry = entries[key], entry.database === db else { return nil }
            return entry
        }
        if let entry, entry.stamp == stamp { return entry.vocabulary }
        let log = try db.all("SELECT min(id), max(id) FROM search_text_changes") {
            (first: $0.isNull(0) ? nil : $0.int64(0), last: $0.isNull(1) ? Int64(0) : $0.int64(1))
        }
        let newest = log.first?.last ?? 0
        let oldest = log.first?.first
        var updated: Entry
        if let entry, newest - entry.position <= Int64(Self.maximumChanges),
           oldest.map({ $0 <= entry.position + 1 }) ?? true {
            let changes = try db.all("SELECT old_text, new_text FROM search_text_changes WHERE id > ? AND id <= ? ORDER BY id",
                                     entry.position, newest) {
                (old: $0.isNull(0) ? nil : $0.string(0), new: $0.isNull(1) ? nil : $0.string(1))
            }
            updated = Entry(database: db, stamp: stamp, position: newest,
                            vocabulary: changes.isEmpty ? entry.vocabulary : entry.vocabulary.applying(changes),
                            fullReads: entry.fullReads)
        } else {
            updated = Entry(database: db, stamp: stamp, position: newest, vocabulary: try SearchVocabulary.load(db),
                            fullReads: (entry?.fullReads ?? 0) + 1)
        }
        lock.withLock {
            entries = entries.filter { $0.value.database != nil }
            entries[key] = updated
        }
        return updated.vocabulary
    }

    /// How many times the whole vocabulary was read for `db` (tests check edits are applied instead).
    func fullReads(for db: any SQLConnection) -> Int {
        lock.withLock { entries[ObjectIdentifier(db)].map { $0.database === db ? $0.fullReads : 0 } ?? 0 }
    }
}
