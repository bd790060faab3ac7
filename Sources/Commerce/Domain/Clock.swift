import Foundation

/// Wall-clock time as the database stores it.
public enum Clock {
    /// Milliseconds since the Unix epoch.
    public static func millisecondsNow() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}
