/// Untrusted text (names, product titles, addresses) made safe for a mail message.
enum MailText {
    /// True for characters that must never reach a message: C0 and C1 controls, DEL, and the Unicode
    /// line separators and bidirectional overrides that can disguise text.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1f, 0x7f...0x9f, 0x2028, 0x2029, 0x202a...0x202e, 0x2066...0x2069, 0xfeff: return true
        default: return false
        }
    }

    /// One line of text: unsafe characters (CR and LF included) become spaces, runs of spaces
    /// collapse to one, and the ends are trimmed. Used for every header value and every field in a body.
    static func line(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) || scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace { result.unicodeScalars.append(" ") }
            pendingSpace = false
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    /// `text` cut to at most `limit` characters, ending with "…" when cut.
    static func truncated(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(limit - 1, 0))) + "…"
    }
}
