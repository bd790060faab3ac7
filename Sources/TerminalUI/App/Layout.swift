/// Splits a rectangle into a primary pane and, when there is room, a secondary pane beside it.
/// Below `minPrimary + minSecondary` columns only the primary pane is shown (one-pane layout).
public struct PaneLayout: Sendable, Hashable {
    /// Share of the width given to the primary (left) pane, 0…1.
    public var ratio: Double
    /// Narrowest the primary pane may be.
    public var minPrimary: Int
    /// Narrowest the secondary pane may be; below this it is hidden.
    public var minSecondary: Int
    /// Columns between the panes.
    public var gap: Int

    /// Creates a layout.
    public init(ratio: Double = 0.5, minPrimary: Int = 30, minSecondary: Int = 30, gap: Int = 1) {
        self.ratio = ratio
        self.minPrimary = minPrimary
        self.minSecondary = minSecondary
        self.gap = gap
    }

    /// The panes for `rect`: two when wide enough, otherwise the primary takes everything.
    public func split(_ rect: Rect) -> (primary: Rect, secondary: Rect?) {
        guard rect.width >= minPrimary + gap + minSecondary else { return (rect, nil) }
        let available = rect.width - gap
        var left = Int((Double(available) * min(max(ratio, 0), 1)).rounded())
        left = min(max(left, minPrimary), available - minSecondary)
        let (primary, rest) = rect.splitLeft(left)
        let (_, secondary) = rest.splitLeft(gap)
        return (primary, secondary)
    }
}
