import Foundation

/// What a shopper typed, turned into a safe FTS5 MATCH expression or PostgreSQL tsquery text.
///
/// The text is never handed to FTS5 as syntax: its words are extracted (see `TextFolding.words`)
/// and each becomes a quoted FTS5 string, so quotes, parentheses, `AND`/`OR`/`NOT`/`NEAR`, `*`,
/// `-`, `:`, `^` and emoji are all literal text. Words are ANDed; the last one matches as a prefix
/// (search as you type) unless the text ends with a separator, as in "red shoe ".
public struct SearchExpression: Sendable, Hashable {
    /// At most this many words are used; the rest of a very long query is ignored.
    public static let maximumWords = 16
    /// Words are cut to this many characters.
    public static let maximumWordLength = 64

    /// The folded words, in the order typed.
    public let words: [String]
    /// True when the last word matches as a prefix.
    public let prefixLast: Bool

    /// Parses what the user typed; never fails.
    public init(_ text: String) {
        let all = TextFolding.words(text)
        words = all.prefix(Self.maximumWords).map { String($0.unicodeScalars.prefix(Self.maximumWordLength)) }
        let endsInWord = text.unicodeScalars.last.map(TextFolding.isWordCharacter) ?? false
        prefixLast = endsInWord && all.count <= Self.maximumWords
    }

    /// Builds an expression from words that are already folded, for a corrected query.
    init(words: [String], prefixLast: Bool) {
        self.words = words
        self.prefixLast = prefixLast
    }

    /// True when the text held no word at all (only spaces, punctuation or emoji): nothing can match.
    public var isEmpty: Bool { words.isEmpty }

    /// The MATCH expression (`"red" "shoe"*`), or nil when there are no words.
    public var matchExpression: String? {
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            let quoted = "\"" + word.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            return prefixLast && index == words.count - 1 ? quoted + "*" : quoted
        }.joined(separator: " ")
    }

    /// The `to_tsquery` text (`'red' & 'shoe':*`), or nil when there are no words: the same words ANDed,
    /// the last a prefix as in `matchExpression`. Bound as a value, never spliced into SQL. Each word is
    /// one quoted operand with `'` doubled and `\` escaped, so `&|!:*()<->` are literal; the search
    /// configuration then splits it as it split the indexed text (a word it splits becomes a phrase).
    public var textSearchQuery: String? {
        guard !words.isEmpty else { return nil }
        return words.enumerated().map { index, word in
            let escaped = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''")
            let quoted = "'" + escaped + "'"
            return prefixLast && index == words.count - 1 ? quoted + ":*" : quoted
        }.joined(separator: " & ")
    }

    /// The words joined by spaces, as a query a user could type again.
    public var text: String { words.joined(separator: " ") }
}
