/// A statement as PostgreSQL takes it: the portable `?` placeholders services write (and SQLite's `?NNN`)
/// become `$1`, `$2` …, while `?` inside string literals, quoted identifiers, comments and dollar-quoted
/// bodies is left alone. SQL that already uses `$n` passes through; mixing both forms is refused.
/// (Curio's SQL never uses the jsonb `?` operators; write `jsonb_exists()` instead.)
struct PostgresStatementText: Equatable {
    /// The SQL with `$n` placeholders.
    let sql: String
    /// How many values the statement takes: the highest placeholder number.
    let parameterCount: Int

    /// Translates `source`; throws when it mixes `?` and `$n` placeholders.
    init(_ source: String) throws(DatabaseError) {
        let bytes = Array(source.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 16)
        var sawQuestionMark = false
        var highest = 0
        var sawDollarParameter = false
        var i = 0

        /// Copies bytes up to and including the end of a quoted run that closes with `quote`;
        /// a doubled quote stays inside, and with `backslashes` a backslash escapes the next byte.
        func copyQuoted(_ quote: UInt8, backslashes: Bool) {
            output.append(bytes[i]); i += 1
            while i < bytes.count {
                let byte = bytes[i]
                output.append(byte); i += 1
                if backslashes && byte == UInt8(ascii: "\\") && i < bytes.count {
                    output.append(bytes[i]); i += 1
                } else if byte == quote {
                    if i < bytes.count && bytes[i] == quote { output.append(bytes[i]); i += 1 } else { return }
                }
            }
        }

        while i < bytes.count {
            let byte = bytes[i]
            let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
            switch byte {
            case UInt8(ascii: "'"):
                // E'…' strings take backslash escapes; the E must start a word.
                let escaped = i > 0 && (bytes[i - 1] | 0x20) == UInt8(ascii: "e") && (i < 2 || !Self.isWordByte(bytes[i - 2]))
                copyQuoted(byte, backslashes: escaped)
            case UInt8(ascii: "\""):
                copyQuoted(byte, backslashes: false)
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                while i < bytes.count && bytes[i] != UInt8(ascii: "\n") { output.append(bytes[i]); i += 1 }
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"):
                // Block comments nest in PostgreSQL.
                var depth = 0
                repeat {
                    if bytes[i] == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                        depth += 1; output.append(contentsOf: bytes[i...i + 1]); i += 2
                    } else if bytes[i] == UInt8(ascii: "*"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") {
                        depth -= 1; output.append(contentsOf: bytes[i...i + 1]); i += 2
                    } else {
                        output.append(bytes[i]); i += 1
                    }
                } while depth > 0 && i < bytes.count
            case UInt8(ascii: "$"):
                if let digits = Self.digits(bytes, from: i + 1), !(i > 0 && Self.isWordByte(bytes[i - 1])) {
                    sawDollarParameter = true
                    highest = max(highest, Self.number(bytes[(i + 1)..<(i + 1 + digits)]))
                    output.append(contentsOf: bytes[i..<(i + 1 + digits)])
                    i += 1 + digits
                } else if let tagEnd = Self.dollarTagEnd(bytes, from: i), !(i > 0 && Self.isWordByte(bytes[i - 1])) {
                    // $tag$ … $tag$: copy the body untouched.
                    let tag = Array(bytes[i...tagEnd])
                    output.append(contentsOf: tag)
                    i = tagEnd + 1
                    while i < bytes.count {
                        if bytes[i] == UInt8(ascii: "$"), i + tag.count <= bytes.count, Array(bytes[i..<(i + tag.count)]) == tag {
                            output.append(contentsOf: tag); i += tag.count
                            break
                        }
                        output.append(bytes[i]); i += 1
                    }
                } else {
                    output.append(byte); i += 1
                }
            case UInt8(ascii: "?"):
                // As in SQLite: ?NNN is number NNN, a bare ? is one more than the highest so far.
                let number: Int
                if let digits = Self.digits(bytes, from: i + 1) {
                    number = Self.number(bytes[(i + 1)..<(i + 1 + digits)])
                    i += 1 + digits
                } else {
                    number = highest + 1
                    i += 1
                }
                sawQuestionMark = true
                highest = max(highest, number)
                output.append(UInt8(ascii: "$"))
                output.append(contentsOf: Array(String(number).utf8))
            default:
                output.append(byte); i += 1
            }
        }
        if sawDollarParameter && sawQuestionMark {
            throw DatabaseError(sqlState: PostgresErrorCodes.syntaxError,
                                message: "the statement mixes ? and $n placeholders; use one form", sql: source)
        }
        sql = String(decoding: output, as: UTF8.self)
        parameterCount = highest
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// How many decimal digits start at `from` (nil when none).
    private static func digits(_ bytes: [UInt8], from: Int) -> Int? {
        var end = from
        while end < bytes.count && isDigit(bytes[end]) { end += 1 }
        return end > from ? end - from : nil
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int {
        digits.reduce(0) { value, digit in min(value * 10 + Int(digit - UInt8(ascii: "0")), 1_000_000) }
    }

    /// The index of the closing `$` of a dollar-quote tag (`$$` or `$tag$`) starting at `from`.
    private static func dollarTagEnd(_ bytes: [UInt8], from: Int) -> Int? {
        var end = from + 1
        if end < bytes.count, isDigit(bytes[end]) { return nil }
        while end < bytes.count, bytes[end] != UInt8(ascii: "$") {
            guard isWordByte(bytes[end]) else { return nil }
            end += 1
        }
        return end < bytes.count ? end : nil
    }
}
