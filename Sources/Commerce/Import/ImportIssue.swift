/// One problem in an import file: the physical line where the row starts, the 1-based column number
/// of the offending cell, and what is wrong. CSV syntax errors are thrown as issues too.
public struct ImportIssue: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// The physical line where the row starts (line 1 is the header).
    public let line: Int
    /// The 1-based column number of the offending cell.
    public let column: Int
    /// What is wrong and what to write instead.
    public let reason: String

    /// An issue at a line and column.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// The issue as `FILE:LINE:COLUMN: reason`, the form editors and CI logs link to.
    public func formatted(file: String) -> String { "\(file):\(line):\(column): \(reason)" }

    public var description: String { "\(line):\(column): \(reason)" }
}

/// Why an import did not happen. Nothing was written in any of these cases.
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// Rows are wrong; every bad row is listed, in file order.
    case invalidRows([ImportIssue])
    /// The caller may not import, or the database failed.
    case refused(CommerceError)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "\(path): cannot read the file: \(reason)"
        case .invalidRows(let issues):
            return "\(issues.count) problem(s) in the file; nothing was imported:\n"
                + issues.map(\.description).joined(separator: "\n")
        case .refused(let error): return error.description
        }
    }
}
