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

    /// Reads the whole vocabulary of the search index, in the connection's dialect.
    static func load(_ db: any SQLConnection) throws -> SearchVocabulary {
        SearchVocabulary(try SearchDialects.of(db).vocabulary(db))
    }

    /// This vocabulary after products' indexed terms changed from each change's old terms to its new
    /// ones (empty for a product created or deleted): each distinct term of a text is one product.
    func applying(_ changes: [(old: Set<String>, new: Set<String>)]) -> SearchVocabulary {
        var counts = documents
        for change in changes {
            for word in change.old { counts[word, default: 0] -= 1 }
            for word in change.new { counts[word, default: 0] += 1 }
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
/// dialect's stamp (on SQLite the FTS5 records rewritten on every change to indexed text, from this
/// connection or any other) tells cheaply that nothing changed, so writes elsewhere (carts, orders,
/// prices) leave the cached vocabulary alone. After a change the cache applies the rows of
/// `search_text_changes` it has not applied yet (a few words per edited product): it lists the log's
/// ids from `window` below the newest it applied, so a row whose transaction committed after a newer
/// one (PostgreSQL takes ids before commit) is still applied, once. Only when it fell behind that
/// short log, or on first use, does it read the whole vocabulary, which costs a scan of the index.
/// Call it inside a read transaction, so the log and the index are seen as of one moment.
final class SearchVocabularyCache: @unchecked Sendable {
    /// The process-wide cache.
    static let shared = SearchVocabularyCache()
    /// More changes than this since the last look are read as a whole vocabulary instead.
    static let maximumChanges = 500
    /// How far below the newest applied row the log is listed for rows that committed late; the log
    /// keeps its newest 1,000 rows.
    static let window: Int64 = 1000

    private struct Entry {
        weak var database: (any SQLConnection)?
        let stamp: [[UInt8]]?
        /// The newest `search_text_changes` row the vocabulary includes.
        let position: Int64
        /// The rows from `position - window` up that the vocabulary includes.
        let applied: Set<Int64>
        let vocabulary: SearchVocabulary
        /// How many times the whole vocabulary was read for this connection.
        let fullReads: Int
    }

    private let lock = NSLock()
    private var entries: [ObjectIdentifier: Entry] = [:]

    /// The vocabulary of `db`'s search index, as of the current transaction.
    func vocabulary(for db: any SQLConnection) throws -> SearchVocabulary {
        let key = ObjectIdentifier(db)
        let dialect = SearchDialects.of(db)
        let stamp = try dialect.vocabularyStamp(db)
        let entry = lock.withLock { () -> Entry? in
            guard let entry = entries[key], entry.database === db else { return nil }
            return entry
        }
        if let entry, let stamp, entry.stamp == stamp { return entry.vocabulary }
        let log = try db.all("SELECT min(id), max(id) FROM search_text_changes") {
            (first: $0.isNull(0) ? nil : $0.int64(0), last: $0.isNull(1) ? Int64(0) : $0.int64(1))
        }
        let newest = log.first?.last ?? 0
        let oldest = log.first?.first
        let floor = (entry?.position ?? newest) - Self.window
        let listed = try db.all("SELECT id FROM search_text_changes WHERE id > ? ORDER BY id", floor) { $0.int64(0) }
        let fresh = entry.map { entry in listed.filter { !entry.applied.contains($0) } } ?? []
        var updated: Entry
        // A log that went backwards (a restored database) or lost rows this cache never saw is read whole.
        if let entry, newest >= entry.position, oldest.map({ $0 <= entry.position + 1 }) ?? true,
           fresh.count <= Self.maximumChanges {
            let changes = try dialect.changedTerms(db, ids: fresh)
            updated = Entry(database: db, stamp: stamp, position: max(entry.position, newest), applied: Set(listed),
                            vocabulary: changes.isEmpty ? entry.vocabulary : entry.vocabulary.applying(changes),
                            fullReads: entry.fullReads)
        } else {
            updated = Entry(database: db, stamp: stamp, position: newest, applied: Set(listed),
                            vocabulary: try SearchVocabulary.load(db), fullReads: (entry?.fullReads ?? 0) + 1)
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
