/// A one-row chart of a series using the block elements ▁▂▃▄▅▆▇█ (ASCII `_.-=#` fallback).
public struct Sparkline: Widget {
    /// The series; the most recent values are shown when it is wider than the rectangle.
    public var values: [Double]
    /// Style of the line.
    public var style: Style

    /// Creates a sparkline.
    public init(values: [Double], style: Style = .accent) {
        self.values = values
        self.style = style
    }

    /// The sparkline text for `values` with the given level glyphs.
    public static func render(_ values: [Double], levels: [Character]) -> String {
        let finite = values.map { $0.isFinite ? $0 : 0 }
        guard let low = finite.min(), let high = finite.max() else { return "" }
        let span = high - low
        return String(finite.map { v in
            let level = span == 0 ? (high > 0 ? levels.count - 1 : 0) : Int(((v - low) / span * Double(levels.count - 1)).rounded())
            return levels[min(max(level, 0), levels.count - 1)]
        })
    }

    /// Draws the last `rect.width` values.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let shown = Array(values.suffix(rect.width))
        surface.put(Sparkline.render(shown, levels: surface.glyphs.sparkLevels), at: Point(x: rect.x, y: rect.y), style: style, maxWidth: rect.width)
    }
}
