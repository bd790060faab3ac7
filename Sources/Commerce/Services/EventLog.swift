import Foundation

/// A JSON-lines log file (one object per line: time, level, event and fields), safe to append to from
/// several processes at once (each line is one `write` on a file opened with O_APPEND).
public final class EventLog: @unchecked Sendable {
    /// Where the lines go.
    public let path: String
    private let descriptor: Int32
    private let lock = NSLock()

    /// Opens (creating) the log at `path`; nil when it cannot be opened (logging is then skipped, never fatal).
    public init?(path: String) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o660)
        guard fd >= 0 else { return nil }
        self.path = path
        self.descriptor = fd
    }

    deinit { close(descriptor) }

    /// The log beside a database file: `curio.log` in the same folder.
    public static func beside(database path: String) -> EventLog? {
        beside(.file(path))
    }

    /// The shop's log: `curio.log` in the location's sidecar folder (created for PostgreSQL).
    public static func beside(_ location: StoreLocation) -> EventLog? {
        if location.filePath == nil { try? FileManager.default.createDirectory(atPath: location.sidecarFolder, withIntermediateDirectories: true) }
        return EventLog(path: path(for: location))
    }

    /// The path of the shop's `curio.log`: beside a SQLite file, or in a PostgreSQL shop's sidecar folder.
    public static func path(for location: StoreLocation) -> String {
        (location.sidecarFolder as NSString).appendingPathComponent("curio.log")
    }

    /// Appends one line: `{"time": ISO-8601, "level", "event", …fields}`.
    public func write(_ event: String, level: String = "info", _ fields: [String: Any] = [:]) {
        var object = fields
        object["time"] = ISO8601DateFormatter().string(from: Date())
        object["level"] = level
        object["event"] = event
        object["pid"] = Int(getpid())
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return }
        data.append(0x0a)
        lock.lock()
        defer { lock.unlock() }
        _ = data.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
    }
}
