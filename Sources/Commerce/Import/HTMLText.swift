/// Turns a product's HTML description into readable plain text for terminals and search:
/// block tags become line breaks, list items "• " lines, entities are decoded and other tags dropped.
public enum HTMLText {
    /// The readable text of `html`. Text without tags comes back with only its whitespace tidied.
    public static func plainText(_ html: String) -> String {
        var builder = TextBuilder()
        var index = html.startIndex
        while index < html.endIndex {
            let character = html[index]
            if character == "<", let tag = HTMLTag.parse(html, at: index) {
                index = tag.end
                if tag.isComment { continue }
                if !tag.closing, tag.name == "script" || tag.name == "style" {
                    index = skipRawText(html, from: index, until: tag.name)
                    continue
                }
                builder.apply(tag)
            } else if character == "&" {
                let (text, next) = decodeEntity(html, at: index)
                builder.append(text)
                index = next
            } else {
                builder.append(character)
                index = html.index(after: index)
            }
        }
        return builder.finish()
    }

    /// `text` with `&`, `<`, `>` and `"` written as entities, for building HTML from plain text.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }

    /// Skips the contents of a raw-text element (`script`, `style`) up to and including its end tag.
    private static func skipRawText(_ html: String, from start: String.Index, until name: String) -> String.Index {
        guard let close = html.range(of: "</" + name, options: [.caseInsensitive], range: start..<html.endIndex) else {
            return html.endIndex
        }
        return html[close.upperBound...].firstIndex(of: ">").map { html.index(after: $0) } ?? html.endIndex
    }

    /// Decodes the entity starting at `index` ("&amp;", "&#233;", "&#x1F600;"); a lone "&" stays as it is.
    /// A numeric entity for a control character or a text-direction override (`&#27;`) is dropped, as
    /// the raw character would be refused: it must never reach a terminal through the decoded text.
    static func decodeEntity(_ html: String, at index: String.Index) -> (String, String.Index) {
        let after = html.index(after: index)
        if let (scalar, next) = numericEntity(html, at: index) {
            return (CatalogRules.controlCharacterProblem(String(scalar), allowLineBreaks: true) == nil ? String(Character(scalar)) : "", next)
        }
        guard let semicolon = html[after...].prefix(12).firstIndex(of: ";") else { return ("&", after) }
        if let text = namedEntities[String(html[after..<semicolon])] { return (text, html.index(after: semicolon)) }
        return ("&", after)
    }

    /// The character a numeric entity at `index` ("&#27;", "&#x1B;") stands for, and where it ends.
    private static func numericEntity(_ html: String, at index: String.Index) -> (Unicode.Scalar, String.Index)? {
        let after = html.index(after: index)
        guard after < html.endIndex, html[after] == "#",
              let semicolon = html[after...].prefix(12).firstIndex(of: ";") else { return nil }
        let digits = html[html.index(after: after)..<semicolon]
        let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
        guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, html.index(after: semicolon))
    }

    /// Why `html` cannot be a description because an entity in it stands for a control character or a
    /// text-direction override (`&#27;` is ESC), or nil when none does. Line breaks and tabs are fine.
    public static func controlEntityProblem(_ html: String) -> String? {
        guard html.utf8.contains(UInt8(ascii: "&")) else { return nil }  // most bodies hold no entity at all
        var search = html.startIndex
        while let amp = html[search...].firstIndex(of: "&") {
            if let (scalar, next) = numericEntity(html, at: amp),
               CatalogRules.controlCharacterProblem(String(scalar), allowLineBreaks: true) != nil {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "the entity \(html[amp..<next]) stands for a control or text-direction character "
                    + "(U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex)); remove it"
            }
            search = html.index(after: amp)
        }
        return nil
    }

    private static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "ndash": "–", "mdash": "—", "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "bull": "•", "middot": "·", "copy": "©", "reg": "®", "trade": "™", "deg": "°", "times": "×",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "eacute": "é", "egrave": "è", "aacute": "á",
        "agrave": "à", "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß", "ntilde": "ñ", "ccedil": "ç",
        "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "laquo": "«", "raquo": "»",
    ]
}

/// One HTML tag as the text converter needs it: its lower-cased name, whether it closes, where it ends.
fileprivate struct HTMLTag {
    let name: String
    let closing: Bool
    let isComment: Bool
    let end: String.Index

    /// Block elements: their start and end break the line.
    static let lineBreaking: Set<String> = ["br", "div", "li", "tr", "dt", "dd", "section", "article", "header",
                                            "footer", "figure", "figcaption", "hr", "address", "main", "nav"]
    /// Elements set apart from their surroundings by a blank line.
    static let paragraphs: Set<String> = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table",
                                          "blockquote", "pre"]

    /// Parses the tag at `start` (which holds "<"), or nil when the "<" is plain text ("a < b").
    static func parse(_ html: String, at start: String.Index) -> HTMLTag? {
        let rest = html[html.index(after: start)...]
        if rest.hasPrefix("!--") {
            let end = html.range(of: "-->", range: rest.startIndex..<html.endIndex)?.upperBound ?? html.endIndex
            return HTMLTag(name: "", closing: false, isComment: true, end: end)
        }
        var index = rest.startIndex
        var closing = false
        if index < html.endIndex, html[index] == "/" {
            closing = true
            index = html.index(after: index)
        }
        guard index < html.endIndex, html[index].isLetter || html[index] == "!" else { return nil }
        var name = ""
        while index < html.endIndex, html[index].isLetter || html[index].isNumber {
            name.append(html[index])
            index = html.index(after: index)
        }
        var quote: Character?
        while index < html.endIndex {
            let character = html[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == ">" {
                return HTMLTag(name: name.lowercased(), closing: closing, isComment: false, end: html.index(after: index))
            }
            index = html.index(after: index)
        }
        return HTMLTag(name: name.lowercased(), closing: closing, isComment: false, end: html.endIndex)
    }
}

/// Collects text, collapsing runs of whitespace and honouring the breaks block tags ask for.
fileprivate struct TextBuilder {
    private var text = ""
    private var pendingSpace = false
    private var pendingBreaks = 0

    mutating func apply(_ tag: HTMLTag) {
        if tag.name == "li" && !tag.closing {
            requestBreaks(1)
            flushBreaks()
            text += "• "
            pendingSpace = false
        } else if HTMLTag.paragraphs.contains(tag.name) {
            requestBreaks(2)
        } else if HTMLTag.lineBreaking.contains(tag.name) {
            requestBreaks(1)
        } else {
            pendingSpace = pendingSpace || tag.name == "td" || tag.name == "th"
        }
    }

    mutating func append(_ string: String) {
        for character in string { append(character) }
    }

    mutating func append(_ character: Character) {
        if character.isWhitespace {
            pendingSpace = true
            return
        }
        flushBreaks()
        if pendingSpace, let last = text.last, !last.isNewline, last != " " { text.append(" ") }
        pendingSpace = false
        text.append(character)
    }

    private mutating func requestBreaks(_ count: Int) {
        pendingBreaks = max(pendingBreaks, count)
        pendingSpace = false
    }

    private mutating func flushBreaks() {
        if pendingBreaks > 0 && !text.isEmpty {
            while text.last == " " { text.removeLast() }
            var trailing = 0
            for character in text.reversed() {
                guard character == "\n" else { break }
                trailing += 1
            }
            text += String(repeating: "\n", count: max(0, pendingBreaks - trailing))
        }
        pendingBreaks = 0
    }

    func finish() -> String {
        var result = text
        while let last = result.last, last.isWhitespace { result.removeLast() }
        return result
    }
}
