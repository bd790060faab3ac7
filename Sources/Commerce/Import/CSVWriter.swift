import Foundation

/// Writes CSV as RFC 4180 describes it: cells with commas, quotes, line breaks or edge spaces are
/// quoted (quotes doubled); records end with LF.
public struct CSVWriter {
    /// The text written so far.
    public private(set) var text = ""

    /// An empty writer.
    public init() {}

    /// Appends one record.
    public mutating func append(_ fields: [String]) {
        for (offset, field) in fields.enumerated() {
            if offset > 0 { text.append(",") }
            text += CSVWriter.escape(field)
        }
        text.append("\n")
    }

    /// One cell as it appears in a CSV file.
    public static func escape(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || field.first == " " || field.last == " "
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
