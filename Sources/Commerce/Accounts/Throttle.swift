/// Backoff for repeated failures (sign-in, checkout) per key: an email, an SSH key fingerprint.
/// The first `freeAttempts` failures cost nothing; after that each failure doubles the wait, up to 15 minutes.
struct Throttle {
    let db: Database
    var freeAttempts = 3
    var maxDelayMilliseconds: Int64 = 15 * 60 * 1000

    /// Throws `.throttled` while `key` must still wait.
    func check(_ key: String, now: Int64) throws {
        if let until = try db.scalarInt("SELECT blocked_until FROM throttles WHERE key = ?", key), until > now {
            throw CommerceError.throttled(retryAfterSeconds: Int((until - now + 999) / 1000))
        }
    }

    /// Counts a failure for `key` and sets its next allowed time.
    func fail(_ key: String, now: Int64) throws {
        let failures = (try db.scalarInt("SELECT failures FROM throttles WHERE key = ?", key) ?? 0) + 1
        let over = failures - Int64(freeAttempts)
        let delay = over <= 0 ? 0 : min(maxDelayMilliseconds, 1000 << min(over - 1, 20))
        try db.execute("""
            INSERT INTO throttles(key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                                           blocked_until = excluded.blocked_until
            """, key, failures, now, now + delay)
    }

    /// Forgets the failures of `key` after a success.
    func succeed(_ key: String) throws {
        try db.execute("DELETE FROM throttles WHERE key = ?", key)
    }
}
