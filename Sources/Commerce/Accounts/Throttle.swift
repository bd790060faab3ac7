/// Backoff for repeated failures (sign-in, checkout, order lookup) per key: an account's email or id,
/// an SSH key fingerprint. Deciding and recording happen in one writer transaction: `begin` refuses
/// while a key must wait and otherwise counts the attempt as a failure before the attempt runs, so
/// processes trying at the same instant queue on the writer lock and each sees the others' attempts;
/// `succeed` forgets them. The first `freeAttempts` failures cost nothing; each failure after that
/// makes the next attempt wait, doubling, from one second up to the policy's longest wait; failures older than
/// `forgetAfterMilliseconds` no longer count.
struct Throttle {
    /// How hard one kind of key is throttled.
    struct Policy: Sendable {
        /// Failures that cost nothing: this many plus one attempts may run at once, then attempts wait.
        var freeAttempts = 3
        /// The longest wait after a failure.
        var maxDelayMilliseconds: Int64 = 15 * 60 * 1000
        /// A key whose last failure is this old starts again from nothing.
        var forgetAfterMilliseconds: Int64 = 60 * 60 * 1000

        /// For the SSH key (or other origin) an attempt comes from: the attacker's own, so it may
        /// wait long (up to 15 minutes).
        static let origin = Policy()
        /// For the account attacked (its email or id): anybody can fail on it, so the wait stays
        /// short (at most one minute, forgotten after 15 minutes) and a stranger cannot lock the
        /// real customer out for long.
        static let account = Policy(freeAttempts: 3, maxDelayMilliseconds: 60 * 1000, forgetAfterMilliseconds: 15 * 60 * 1000)
    }

    let db: any SQLConnection

    /// Inside the caller's write transaction: throws `.throttled` when any of `keys` must still wait;
    /// otherwise counts one failure on each, to be forgotten by `succeed` if the attempt succeeds.
    func begin(_ keys: [(key: String, policy: Policy)], now: Int64) throws {
        // Checkouts overlap on PostgreSQL: take each key's row (in one order) before reading it, so two
        // attempts at once never both count on from the same number.
        for key in Set(keys.map(\.key)).sorted() {
            try db.execute("""
                INSERT INTO throttles(key, failures, last_failure_at, blocked_until) VALUES (?, 0, 0, 0)
                ON CONFLICT(key) DO UPDATE SET failures = throttles.failures
                """, key)
        }
        let states = try keys.map { (key: $0.key, policy: $0.policy, state: try state($0.key, policy: $0.policy, now: now)) }
        let wait = states.map { $0.state.blockedUntil - now }.max() ?? 0
        if wait > 0 { throw CommerceError.throttled(retryAfterSeconds: Int((wait + 999) / 1000)) }
        for entry in states { try record(entry.key, failures: entry.state.failures + 1, policy: entry.policy, now: now) }
    }

    /// Throws `.throttled` while any of `keys` must still wait, without counting an attempt.
    func check(_ keys: [(key: String, policy: Policy)], now: Int64) throws {
        let wait = try keys.map { try state($0.key, policy: $0.policy, now: now).blockedUntil - now }.max() ?? 0
        if wait > 0 { throw CommerceError.throttled(retryAfterSeconds: Int((wait + 999) / 1000)) }
    }

    /// Forgets the failures of `keys` after a success.
    func succeed(_ keys: [String]) throws {
        for key in keys { try db.execute("DELETE FROM throttles WHERE key = ?", key) }
    }

    /// The wait after the `failures`-th failure under `policy`, in milliseconds.
    static func delay(afterFailures failures: Int64, policy: Policy) -> Int64 {
        let over = failures - Int64(policy.freeAttempts)
        return over <= 0 ? 0 : min(policy.maxDelayMilliseconds, 1000 << min(over - 1, 20))
    }

    private func state(_ key: String, policy: Policy, now: Int64) throws -> (failures: Int64, blockedUntil: Int64) {
        let row = try db.first("SELECT failures, last_failure_at, blocked_until FROM throttles WHERE key = ?", key) {
            (failures: $0.int64(0), last: $0.int64(1), until: $0.int64(2))
        }
        guard let row, now - row.last < policy.forgetAfterMilliseconds else { return (0, 0) }
        return (row.failures, row.until)
    }

    private func record(_ key: String, failures: Int64, policy: Policy, now: Int64) throws {
        try db.execute("""
            INSERT INTO throttles(key, failures, last_failure_at, blocked_until) VALUES (?, ?, ?, ?)
            ON CONFLICT(key) DO UPDATE SET failures = excluded.failures, last_failure_at = excluded.last_failure_at,
                                           blocked_until = excluded.blocked_until
            """, key, failures, now, now + Throttle.delay(afterFailures: failures, policy: policy))
    }
}
