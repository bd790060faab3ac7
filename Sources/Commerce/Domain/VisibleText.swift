/// Untrusted text made safe to show on a terminal by anyone: control characters (C0, DEL, C1 — so
/// every escape sequence's introducer) become visible `\u{1b}` notation instead of reaching the terminal.
public enum VisibleText {
    /// `text` with each control character (other than tab and newline when `allowNewlines`) written as `\u{..}`.
    public static func of(_ text: String, allowNewlines: Bool = false) -> String {
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
