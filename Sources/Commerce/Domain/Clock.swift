import Foundation

/// Wall-clock time as the database stores it.
public enum Clock {
    /// Milliseconds since the Unix epoch.
    public static func millisecondsNow() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// The time `seconds` ago in milliseconds; the age is clamped to 0...ten years (NaN counts as 0),
    /// so no caller's number can trap the conversion.
    public static func millisecondsAgo(_ seconds: Double) -> Int64 {
        let age = seconds.isNaN ? 0 : Swift.min(Swift.max(seconds, 0), 315_360_000)
        return millisecondsNow() - Int64(age * 1000)
    }
}
