/// One record of a CSV file and the physical line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// The cells, unquoted.
    public var fields: [String]
    /// The 1-based physical line where the record starts (a record with quoted newlines spans several).
    public var line: Int

    /// A record from its cells and starting line.
    public init(fields: [String], line: Int) {
        self.fields = fields
        self.line = line
    }
}

/// Reads RFC 4180 CSV: quoted cells with commas, doubled quotes and newlines; UTF-8 with or without
/// a byte order mark; CRLF, LF or CR line ends (kept as written inside quoted cells). Blank lines are skipped. A quote inside an unquoted
/// cell is kept as text (`12" pizza tray`), as spreadsheets write it.
public enum CSVReader {
    /// Every record of `bytes`, or the first syntax error (at the record's line and the cell's column).
    public static func records(_ bytes: [UInt8]) throws(ImportIssue) -> [CSVRecord] {
        var result: [CSVRecord] = []
        var failure: ImportIssue?
        bytes.withUnsafeBufferPointer { buffer in
            do throws(ImportIssue) {
                var scanner = Scanner(buffer: buffer)
                while let record = try scanner.nextRecord() { result.append(record) }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }

    /// Every record of `text`.
    public static func records(_ text: String) throws(ImportIssue) -> [CSVRecord] {
        try records(Array(text.utf8))
    }
}

/// The byte-level state machine behind `CSVReader`.
private struct Scanner {
    let buffer: UnsafeBufferPointer<UInt8>
    var index = 0
    var line = 1

    static let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { index = 3 }
    }

    mutating func nextRecord() throws(ImportIssue) -> CSVRecord? {
        while index < buffer.count {
            let start = line
            var fields: [String] = []
            while true {
                let column = fields.count + 1
                fields.append(try field(recordLine: start, column: column))
                if index >= buffer.count { break }
                let byte = buffer[index]
                if byte == Scanner.comma {
                    index += 1
                    if index >= buffer.count { fields.append(""); break }
                    continue
                }
                consumeLineEnd()
                break
            }
            if fields.count == 1 && fields[0].isEmpty { continue }  // a blank line
            return CSVRecord(fields: fields, line: start)
        }
        return nil
    }

    /// Consumes CRLF, LF or CR at `index`, counting the line.
    private mutating func consumeLineEnd() {
        if buffer[index] == Scanner.cr, index + 1 < buffer.count, buffer[index + 1] == Scanner.lf { index += 1 }
        index += 1
        line += 1
    }

    private mutating func field(recordLine: Int, column: Int) throws(ImportIssue) -> String {
        guard index < buffer.count, buffer[index] == Scanner.quote else {
            let start = index
            while index < buffer.count {
                let byte = buffer[index]
                if byte == Scanner.comma || byte == Scanner.lf || byte == Scanner.cr { break }
                index += 1
            }
            return try text(UnsafeBufferPointer(rebasing: buffer[start..<index]), recordLine: recordLine, column: column)
        }
        let openedOn = line
        index += 1
        var bytes: [UInt8] = []
        while true {
            guard index < buffer.count else {
                let place = openedOn == recordLine ? "" : " (it opens on line \(openedOn))"
                throw ImportIssue(line: recordLine, column: column,
                               reason: "unterminated quoted cell\(place): the closing quote is missing")
            }
            let byte = buffer[index]
            if byte == Scanner.quote {
                if index + 1 < buffer.count, buffer[index + 1] == Scanner.quote {
                    bytes.append(Scanner.quote)
                    index += 2
                    continue
                }
                index += 1
                break
            }
            if byte == Scanner.cr || byte == Scanner.lf {
                // Line ends inside a quoted cell are kept as written (CRLF, LF or CR), so a body with
                // carriage returns exports as it was imported.
                let start = index
                consumeLineEnd()
                bytes.append(contentsOf: buffer[start..<index])
                continue
            }
            bytes.append(byte)
            index += 1
        }
        if index < buffer.count {
            let next = buffer[index]
            if next != Scanner.comma && next != Scanner.lf && next != Scanner.cr {
                throw ImportIssue(line: recordLine, column: column,
                               reason: "text after the closing quote; write a quote inside a quoted cell as two quotes (\"\")")
            }
        }
        return try bytes.withUnsafeBufferPointer { (raw) throws(ImportIssue) -> String in
            try text(raw, recordLine: recordLine, column: column)
        }
    }

    private func text(_ bytes: UnsafeBufferPointer<UInt8>, recordLine: Int, column: Int) throws(ImportIssue) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw ImportIssue(line: recordLine, column: column, reason: "not valid UTF-8 text; save the file as UTF-8, or name its encoding (--encoding windows-1252)")
        }
        return string
    }
}
