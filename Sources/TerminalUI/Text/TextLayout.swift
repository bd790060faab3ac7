/// Truncation, padding and word wrapping measured in terminal cells (see `DisplayWidth`).
public enum TextLayout {
    /// Cuts `text` to at most `width` cells, ending with `ellipsis` when anything was cut.
    /// A wide character that would straddle the limit is dropped rather than split.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        let ellipsisFits = ellipsisWidth <= width
        let budget = ellipsisFits ? width - ellipsisWidth : width
        var result = ""
        var used = 0
        for g in text {
            let w = DisplayWidth.of(grapheme: g)
            if used + w > budget { break }
            result.append(g)
            used += w
        }
        return ellipsisFits ? result + ellipsis : result
    }

    /// Truncates and then pads with spaces on the right to exactly `width` cells.
    public static func pad(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    /// Pads on the left so the text ends at `width` cells (for numbers and prices).
    public static func padLeft(_ text: String, toWidth width: Int, ellipsis: String = "…") -> String {
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? String(repeating: " ", count: missing) + cut : cut
    }

    /// Word-wraps `text` into lines of at most `width` cells. Existing newlines are kept; a word
    /// longer than a line is broken by grapheme.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var pending = String(word)
                var wordWidth = DisplayWidth.of(pending)
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + pending
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 { lines.append(line); line = ""; lineWidth = 0 }
                while wordWidth > width {
                    let head = truncate(pending, toWidth: width, ellipsis: "")
                    lines.append(head)
                    pending = String(pending.dropFirst(head.count))
                    wordWidth = DisplayWidth.of(pending)
                    if head.isEmpty { pending = ""; wordWidth = 0 }
                }
                line = pending
                lineWidth = wordWidth
            }
            lines.append(line)
        }
        return lines
    }
}
