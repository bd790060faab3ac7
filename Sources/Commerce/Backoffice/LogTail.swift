import Foundation

/// One line of `curio.log` as staff see it: every text already made visible (`VisibleText`), so a
/// line carrying escape sequences shows them as `\u{1b}` instead of driving the terminal.
public struct LogEntry: Sendable, Equatable {
    /// When it was written (the log's ISO-8601 text).
    public let time: String
    /// "error", "warning", "info".
    public let level: String
    /// What happened ("refund.retry_failed").
    public let event: String
    /// The other fields as "key=value", sorted by key, cut at `LogTail.maximumDetail` characters.
    public let detail: String
}

/// Reads the newest entries of a JSON-lines log from its end, a bounded number of bytes back, so a
/// log of any size costs the same: chunks are read backwards until enough entries are found or
/// `maximumBytes` have been read. Lines that are not JSON objects are skipped.
public struct LogTail {
    /// The log file.
    public let path: String
    /// The most bytes read back from the end of the file.
    public var maximumBytes = 1 << 20
    /// Bytes read per step backwards.
    var chunk = 64 << 10
    /// The longest detail kept per entry, in characters.
    public static let maximumDetail = 300

    /// A reader of the log at `path`.
    public init(path: String) { self.path = path }

    /// The newest `limit` entries whose level is `level`, newest first; none when there is no log.
    public func newest(_ limit: Int, level: String) -> [LogEntry] {
        guard limit > 0, let file = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? file.close() }
        guard let size = try? file.seekToEnd(), size > 0 else { return [] }
        var found: [LogEntry] = []
        var end = size, read = 0
        var carry: [UInt8] = []  // the start of the line that continues past the last chunk read
        while end > 0, read < maximumBytes, found.count < limit {
            let step = UInt64(min(chunk, maximumBytes - read, Int(end)))
            let start = end - step
            guard (try? file.seek(toOffset: start)) != nil, let data = try? file.read(upToCount: Int(step)), data.count == Int(step) else { break }
            read += data.count
            end = start
            var bytes = [UInt8](data) + carry
            // Everything before the first newline may continue in the chunk before this one.
            let first = end > 0 ? bytes.firstIndex(of: 0x0a) : nil
            if end > 0 && first == nil { carry = bytes; continue }
            carry = first.map { Array(bytes[..<$0]) } ?? []
            if let first { bytes.removeSubrange(..<(first + 1)) }
            for line in bytes.split(separator: 0x0a).reversed() {
                guard let entry = LogTail.entry(line), entry.level == level else { continue }
                found.append(entry)
                if found.count == limit { break }
            }
        }
        return found
    }

    /// One line decoded, or nil when it is not a JSON object.
    static func entry(_ line: ArraySlice<UInt8>) -> LogEntry? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else { return nil }
        func text(_ value: Any?) -> String {
            switch value {
            case nil: return ""
            case let string as String: return string
            case let number as NSNumber: return number.stringValue
            case let other?:
                let data = try? JSONSerialization.data(withJSONObject: other, options: [.sortedKeys, .fragmentsAllowed])
                return data.flatMap { String(data: $0, encoding: .utf8) } ?? "\(other)"
            }
        }
        let detail = object.keys.filter { !["time", "level", "event", "pid"].contains($0) }.sorted()
            .map { "\($0)=\(text(object[$0]))" }.joined(separator: " ")
        return LogEntry(time: VisibleText.of(String(text(object["time"]).prefix(40))), level: VisibleText.of(String(text(object["level"]).prefix(20))),
                        event: VisibleText.of(String(text(object["event"]).prefix(80))),
                        detail: VisibleText.of(String(detail.prefix(maximumDetail))))
    }
}
