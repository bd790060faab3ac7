import Foundation

/// Time as the database stores it (milliseconds since the Unix epoch): the wall clock, or a clock a
/// test or a repeatable figure fixes. Each `Store` holds one (`store.clock`) that its services read;
/// the static functions are the wall clock for code that has no store.
public struct Clock: Sendable {
    private let read: @Sendable () -> Int64

    /// A clock that reads the time from `read`.
    public init(_ read: @escaping @Sendable () -> Int64) { self.read = read }

    /// The real time.
    public static let wall = Clock { Clock.millisecondsNow() }

    /// A clock stopped at `milliseconds`.
    public static func fixed(_ milliseconds: Int64) -> Clock { Clock { milliseconds } }

    /// This clock's time now.
    public func now() -> Int64 { read() }

    /// This clock's time `seconds` ago, clamped as `Clock.millisecondsAgo` is.
    public func ago(_ seconds: Double) -> Int64 { now() - Clock.age(seconds) }

    /// Milliseconds since the Unix epoch on the wall clock.
    public static func millisecondsNow() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }

    /// The wall-clock time `seconds` ago in milliseconds; the age is clamped to 0...ten years (NaN
    /// counts as 0), so no caller's number can trap the conversion.
    public static func millisecondsAgo(_ seconds: Double) -> Int64 {
        millisecondsNow() - age(seconds)
    }

    private static func age(_ seconds: Double) -> Int64 {
        let age = seconds.isNaN ? 0 : Swift.min(Swift.max(seconds, 0), 315_360_000)
        return Int64(age * 1000)
    }
}
