import Commerce

/// Makes untrusted text safe to print on a terminal: control characters and escape sequences become visible escapes.
enum Sanitize {
    /// The text with C0/C1 controls (other than tab and newline when `allowNewlines`) replaced by `\u{..}` notation.
    static func forTerminal(_ text: String, allowNewlines: Bool = false) -> String {
        VisibleText.of(text, allowNewlines: allowNewlines)
    }
}
