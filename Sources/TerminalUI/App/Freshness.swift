/// Something whose data changes in numbered generations: a session that bumps its generation when
/// this process or another one changes the shop, so every screen reloads once.
@MainActor
public protocol GenerationCounting: AnyObject {
    /// Goes up by one on every change.
    var generation: Int { get }
}

/// Remembers which generation a screen's data came from, so the screen reloads once when its
/// source reports a change (here or in another process).
@MainActor
public struct Freshness {
    private var loaded = -1

    /// A freshness that is stale until the first check.
    public init() {}

    /// True (once) when `source` has changed since the last call.
    public mutating func isStale(_ source: some GenerationCounting) -> Bool {
        guard loaded != source.generation else { return false }
        loaded = source.generation
        return true
    }
}

extension String {
    /// The string with its first letter upper-cased ("sold out" → "Sold out").
    public var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
