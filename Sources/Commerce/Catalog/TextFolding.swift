import Foundation

/// Folds text the way the search index's tokenizer (`unicode61 remove_diacritics 2`) does, so the
/// words of a query compare equal to the terms in the index: lower case, accents removed.
public enum TextFolding {
    /// The text in lower case with combining marks removed ("Crème Brûlée" → "creme brulee").
    public static func fold(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        for scalar in text.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        where scalar.properties.generalCategory != .nonspacingMark {
            result.append(scalar)
        }
        return String(result)
    }

    /// True for the characters the tokenizer keeps inside words: letters, digits and private-use
    /// characters. Everything else (spaces, punctuation, symbols, emoji) separates words.
    public static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    /// The folded words of `text`, in order, split wherever a non-word character stands.
    public static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in fold(text).unicodeScalars {
            if isWordCharacter(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(String(current)) }
        return words
    }
}
