/// What one dispatch pass did, counted per (event, subscriber) delivery.
public struct DispatchReport: Sendable, Equatable, Codable {
    /// Deliveries that succeeded and were recorded.
    public var delivered = 0
    /// Attempts that failed and will be retried after a backoff.
    public var failed = 0
    /// Attempts that failed for the last time (permanent errors, or the attempt limit reached).
    public var gaveUp = 0
    /// Deliveries found already done by another dispatcher once the write lock was held.
    public var alreadyHandled = 0

    /// A report with all counts at zero.
    public init() {}

    /// Deliveries this pass attempted (whatever their outcome).
    public var attempted: Int { delivered + failed + gaveUp }

    /// Adds another pass's counts to this one.
    public mutating func add(_ other: DispatchReport) {
        delivered += other.delivered
        failed += other.failed
        gaveUp += other.gaveUp
        alreadyHandled += other.alreadyHandled
    }
}
