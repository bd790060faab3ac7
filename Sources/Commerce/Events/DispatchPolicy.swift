/// How the dispatcher retries a subscriber that failed: exponential backoff up to a number of attempts.
public struct DispatchPolicy: Sendable, Equatable {
    /// Attempts before an event is given up for a subscriber (it stays recorded as failed).
    public var maxAttempts: Int
    /// The wait after the first failure, in milliseconds; it doubles with each further failure.
    public var baseDelayMilliseconds: Int64
    /// The longest wait between attempts, in milliseconds.
    public var maxDelayMilliseconds: Int64

    /// A policy; the defaults retry after 5 s, 10 s, 20 s … up to 1 h, 8 attempts in all.
    public init(maxAttempts: Int = 8, baseDelayMilliseconds: Int64 = 5_000, maxDelayMilliseconds: Int64 = 3_600_000) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelayMilliseconds = max(1, baseDelayMilliseconds)
        self.maxDelayMilliseconds = max(self.baseDelayMilliseconds, maxDelayMilliseconds)
    }

    /// The wait after `attempts` failed attempts. Mirrored by the SQL in `DeliveryLedger.pendingSQL`.
    public func delay(afterAttempts attempts: Int) -> Int64 {
        let shift = Int64(min(max(attempts - 1, 0), 30))
        return min(baseDelayMilliseconds << shift, maxDelayMilliseconds)
    }

    /// True when a subscriber that failed `attempts` times, last at `lastAttempt`, may try again at `now`.
    public func isDue(attempts: Int, lastAttempt: Int64, now: Int64) -> Bool {
        attempts < maxAttempts && lastAttempt + delay(afterAttempts: attempts) <= now
    }
}
