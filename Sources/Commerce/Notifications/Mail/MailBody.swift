/// A plain-text body laid out for mail: wrapped to 76 characters, CRLF line endings.
enum MailBody {
    /// The width body lines are wrapped to (RFC 5322 recommends at most 78).
    static let width = 76

    /// `text` (lines separated by "\n") with unsafe characters dropped and trailing spaces trimmed;
    /// a line that fits is kept as it is, a longer one is wrapped at spaces to `width` characters
    /// (continuation lines keep its indentation, words longer than a line are cut). CRLF line endings.
    static func crlf(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var safe = ""
            safe.unicodeScalars.append(contentsOf: line.unicodeScalars.filter { !MailText.isUnsafe($0) })
            lines += wrap(safe)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func wrap(_ line: String) -> [String] {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        if line.count <= width { return [line] }
        let indent = String(line.prefix { $0 == " " })
        var result: [String] = []
        var current = ""
        for word in line.split(separator: " ") {
            var word = Substring(word)
            while !word.isEmpty {
                let prefix = current.isEmpty ? indent : current + " "
                if prefix.count + word.count <= width {
                    current = prefix + word
                    word = ""
                } else if current.isEmpty || current == indent {
                    let room = max(width - prefix.count, 1)
                    result.append(prefix + word.prefix(room))
                    word = word.dropFirst(room)
                } else {
                    result.append(current)
                    current = ""
                }
            }
        }
        if !current.isEmpty || result.isEmpty { result.append(current) }
        return result
    }
}
