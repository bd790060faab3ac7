import Foundation

/// Times stored as milliseconds since the epoch, written for people in UTC, so every session (over
/// SSH too) shows the same: "2026-05-28" and "2026-05-28 14:03".
public enum TimeText {
    /// "2026-05-28".
    public static func date(_ milliseconds: Int64) -> String { format(milliseconds, "yyyy-MM-dd") }
    /// "2026-05-28 14:03".
    public static func time(_ milliseconds: Int64) -> String { format(milliseconds, "yyyy-MM-dd HH:mm") }

    private static func format(_ milliseconds: Int64, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
