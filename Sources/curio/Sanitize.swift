/// Makes untrusted text safe to print on a terminal: control characters and escape sequences become visible escapes.
enum Sanitize {
    /// The text with C0/C1 controls (other than tab and newline when `allowNewlines`) replaced by `\u{..}` notation.
    static func forTerminal(_ text: String, allowNewlines: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            let isControl = value < 0x20 || value == 0x7f || (0x80...0x9f).contains(value)
            if !isControl || (allowNewlines && (scalar == "\n" || scalar == "\t")) {
                result.unicodeScalars.append(scalar)
            } else {
                result += "\\u{" + String(value, radix: 16) + "}"
            }
        }
        return result
    }
}
