/// Truncation, padding and word wrapping measured in terminal cells (see `DisplayWidth`).
public enum TextLayout {
    /// Cuts `text` to at most `width` cells, ending with `ellipsis` when anything was cut.
    /// A wide character that would straddle the limit is dropped rather than split.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: String = Glyph.ellipsis.description) -> String {
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
    public static func pad(_ text: String, toWidth width: Int, ellipsis: String = Glyph.ellipsis.description) -> String {
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? cut + String(repeating: " ", count: missing) : cut
    }

    /// Pads on the left so the text ends at `width` cells (for numbers and prices).
    public static func padLeft(_ text: String, toWidth width: Int, ellipsis: String = Glyph.ellipsis.description) -> String {
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        let missing = width - DisplayWidth.of(cut)
        return missing > 0 ? String(repeating: " ", count: missing) + cut : cut
    }

    /// Word-wraps `text` into lines of at most `width` cells. Existing newlines are kept; a word
    /// longer than a line is broken by grapheme.
    public static func wrap(_ text: String, width: Int) -> [String] {
        wrap(text, width: width, limit: Int.max).lines
    }

    /// Word-wraps `text` into at most `limit` lines of at most `width` cells; `truncated` is true when
    /// text did not fit. One pass over the text, stopping once the lines are full, so the cost is
    /// linear in the text's length however long its words are.
    public static func wrap(_ text: String, width: Int, limit: Int) -> (lines: [String], truncated: Bool) {
        guard width > 0, limit > 0 else { return ([], !text.isEmpty) }
        var lines: [String] = []
        var line = "", lineWidth = 0
        var word = "", wordWidth = 0
        var truncated = false
        func push(_ text: String) {
            if lines.count < limit { lines.append(text) } else if !text.isEmpty { truncated = true }
        }
        func endWord() {
            guard wordWidth > 0 else { return }
            if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                line += " "
                line += word
                lineWidth += 1 + wordWidth
            } else {
                if lineWidth > 0 { push(line) }
                line = word
                lineWidth = wordWidth
            }
            word = ""
            wordWidth = 0
        }
        for g in text {
            let isBreak = g == "\n" || g == "\r\n"
            if lines.count >= limit, !isBreak, g != " " {
                truncated = true
                break
            }
            if isBreak {
                endWord()
                push(line)
                line = ""
                lineWidth = 0
            } else if g == " " {
                endWord()
            } else {
                let w = DisplayWidth.of(grapheme: g)
                guard w <= width else { continue }
                if wordWidth + w > width {
                    // The word alone is wider than a line: its head becomes a line of its own.
                    if lineWidth > 0 { push(line); line = ""; lineWidth = 0 }
                    push(word)
                    word = ""
                    wordWidth = 0
                }
                word.append(g)
                wordWidth += w
            }
        }
        if !truncated {
            endWord()
            push(line)
        }
        return (lines, truncated)
    }

    /// `line` ending with `ellipsis`, cut so both fit in `width` cells (the last line of cut text).
    public static func endingWithEllipsis(_ line: String, width: Int, ellipsis: String = Glyph.ellipsis.description) -> String {
        let room = width - DisplayWidth.of(ellipsis)
        guard room > 0 else { return truncate(ellipsis, toWidth: width, ellipsis: "") }
        return truncate(line, toWidth: room, ellipsis: "") + ellipsis
    }
}
