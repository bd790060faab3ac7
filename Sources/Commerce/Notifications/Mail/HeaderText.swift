import Foundation

/// Header values as RFC 5322 and RFC 2047 want them: one line of cleaned text, encoded-words for
/// anything not ASCII, quoted strings for names with specials, folded to lines of at most 78 characters.
enum HeaderText {
    /// The longest a header line should be (RFC 5322 §2.1.1), without its CRLF.
    static let lineLimit = 78

    /// True for RFC 5322 `atext`: the characters a bare atom may hold.
    static func isAtext(_ character: Character) -> Bool {
        guard character.isASCII, let value = character.asciiValue else { return false }
        if character.isLetter || character.isNumber { return true }
        return "!#$%&'*+-/=?^_`{|}~".utf8.contains(value)
    }

    /// Unstructured text (a subject) as tokens: its words when all printable ASCII, else encoded-words.
    static func unstructured(_ text: String) -> [String] {
        let line = MailText.line(text)
        if line.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }) {
            // A word that looks like an encoded-word would be decoded by readers; encode it instead.
            if !line.contains("=?") { return line.split(separator: " ").map(String.init) }
        }
        return encodedWords(line)
    }

    /// A display name as tokens: bare atoms, else one quoted string (split at its spaces so it folds),
    /// else encoded-words when it holds anything but printable ASCII.
    static func phrase(_ name: String) -> [String] {
        let line = MailText.line(name)
        let words = line.split(separator: " ")
        if words.allSatisfy({ $0.allSatisfy(isAtext) }) { return words.map(String.init) }
        guard line.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7f }), !line.contains("=?") else {
            return encodedWords(line)
        }
        let escaped = line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ("\"" + escaped + "\"").split(separator: " ").map(String.init)
    }

    /// RFC 2047 B-encoded words (`=?utf-8?B?…?=`), each holding whole UTF-8 sequences so a reader can
    /// decode every word on its own, and at most 68 characters so the first fits after "Subject: ".
    /// A word ends after a space when one is near, so a reader that (wrongly) puts a space between
    /// encoded-words never splits a word of the text.
    static func encodedWords(_ text: String) -> [String] {
        let maxBytes = 42  // 56 base64 characters + 12 of framing = 68
        var words: [String] = []
        var chunk: [UInt8] = []
        var afterSpace = 0
        func emit(_ bytes: ArraySlice<UInt8>) {
            words.append("=?utf-8?B?" + Data(bytes).base64EncodedString() + "?=")
        }
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > maxBytes {
                let cut = afterSpace > maxBytes / 2 ? afterSpace : chunk.count
                emit(chunk[..<cut])
                chunk.removeFirst(cut)
                afterSpace = 0
            }
            chunk += bytes
            if scalar == " " { afterSpace = chunk.count }
        }
        if !chunk.isEmpty { emit(chunk[...]) }
        return words
    }

    /// `Name: tokens` folded before a token whenever the line would pass 78 characters; continuation
    /// lines start with a space. Lines end in CRLF.
    static func field(_ name: String, _ tokens: [String]) -> String {
        var result = name + ":"
        var lineLength = result.count
        for token in tokens {
            if lineLength + 1 + token.count > lineLimit && lineLength > name.count + 1 {
                result += "\r\n"
                lineLength = 0
            }
            result += " " + token
            lineLength += 1 + token.count
        }
        return result + "\r\n"
    }
}
