import Foundation

/// One purchase or interaction read for evaluation.
public struct RawInteraction: Sendable, Hashable {
    /// Who (any string: an id, an email).
    public let user: String
    /// What (any string: an id, a handle).
    public let item: String
    /// When, in milliseconds since the Unix epoch, within `RawInteraction.timeRange`.
    public let time: Int64
    /// The order it belongs to, when known; otherwise one user's interactions at one time form a basket.
    public let basket: Int64?

    /// The times an interaction may have: the years 0001 to 9999 (from the start of year 0, for
    /// calendars that differ in the first days). Within it, differences between
    /// times (ages, decay) cannot overflow.
    public static let timeRange: ClosedRange<Int64> = -62_198_755_200_000 ... 253_402_300_799_999

    /// Creates an interaction; a time outside `timeRange` is clamped to it.
    public init(user: String, item: String, time: Int64, basket: Int64? = nil) {
        self.user = user
        self.item = item
        self.time = min(max(time, RawInteraction.timeRange.lowerBound), RawInteraction.timeRange.upperBound)
        self.basket = basket
    }
}

/// A line of an interaction file that could not be read.
public struct InteractionFileIssue: Sendable, Hashable, CustomStringConvertible {
    /// The file as it was named.
    public let file: String
    /// 1-based line number.
    public let line: Int
    /// What is wrong with it.
    public let reason: String

    /// `FILE:LINE: reason`.
    public var description: String { "\(file):\(line): \(reason)" }
}

/// Why an interaction file was refused.
public enum InteractionFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// Some lines are malformed; nothing was evaluated.
    case malformed([InteractionFileIssue])
    /// The file holds no interactions.
    case empty(file: String)

    /// The refusal in words; malformed lines one per line as `FILE:LINE: reason`.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason): return "\(file): cannot read it (\(reason))"
        case .malformed(let issues):
            let shown = issues.prefix(20).map(\.description)
            let more = issues.count > 20 ? ["… and \(issues.count - 20) more malformed lines"] : []
            return (shown + more).joined(separator: "\n")
        case .empty(let file): return "\(file): no interactions (expected lines of user<TAB>item<TAB>timestamp)"
        }
    }
}

/// Reads `user<TAB>item<TAB>timestamp` lines. Timestamps are integers (Unix seconds below 10^11,
/// else milliseconds) or ISO-8601 (`2024-05-01T12:00:00Z`, with fractional seconds, or a bare date).
/// Blank lines, `#` comments and a `user item timestamp` header line are skipped.
public enum InteractionFile {
    /// The interactions in the file at `path`, named `name` in messages.
    public static func read(path: String, name: String? = nil) throws(InteractionFileError) -> [RawInteraction] {
        let label = name ?? path
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: label, reason: (error as NSError).localizedFailureReason ?? "\(error.localizedDescription)")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: label)
    }

    /// The interactions in `text`; every malformed line is reported, with `file` and its number.
    public static func parse(_ text: String, file: String) throws(InteractionFileError) -> [RawInteraction] {
        var interactions: [RawInteraction] = []
        var issues: [InteractionFileIssue] = []
        let dates = DateParser()
        var number = 0
        var headerAllowed = true
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == 3 else {
                issues.append(InteractionFileIssue(file: file, line: number,
                                                   reason: "expected 3 tab-separated fields (user, item, timestamp), found \(fields.count)"))
                continue
            }
            defer { headerAllowed = false }
            if headerAllowed && isHeader(fields) { continue }
            if fields[0].isEmpty { issues.append(InteractionFileIssue(file: file, line: number, reason: "the user is empty")); continue }
            if fields[1].isEmpty { issues.append(InteractionFileIssue(file: file, line: number, reason: "the item is empty")); continue }
            guard let time = dates.milliseconds(fields[2]) else {
                issues.append(InteractionFileIssue(file: file, line: number,
                                                   reason: "timestamp '\(fields[2])' is neither an integer nor ISO-8601"))
                continue
            }
            guard RawInteraction.timeRange.contains(time) else {
                issues.append(InteractionFileIssue(file: file, line: number,
                                                   reason: "timestamp '\(fields[2])' is outside the years 0001 to 9999"))
                continue
            }
            interactions.append(RawInteraction(user: fields[0], item: fields[1], time: time))
        }
        if !issues.isEmpty { throw .malformed(issues) }
        if interactions.isEmpty { throw .empty(file: file) }
        return interactions
    }

    private static func isHeader(_ fields: [String]) -> Bool {
        ["timestamp", "time", "ts", "date"].contains(fields[2].lowercased())
    }
}

/// Parses the timestamp forms an interaction file may use.
private struct DateParser {
    private let internet: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter
    }()
    private let fractional: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
    private let dateOnly: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter
    }()

    /// Milliseconds since the epoch for `text`; any Int64 (the caller checks the range), never a trap.
    func milliseconds(_ text: String) -> Int64? {
        if let integer = Int64(text) {
            return integer.magnitude < 100_000_000_000 ? integer * 1000 : integer
        }
        for formatter in [internet, fractional, dateOnly] {
            if let date = formatter.date(from: text) {
                let milliseconds = (date.timeIntervalSince1970 * 1000).rounded()
                return milliseconds.isFinite && milliseconds.magnitude < 9e18 ? Int64(milliseconds) : Int64.max
            }
        }
        return nil
    }
}
