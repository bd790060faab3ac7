/// A horizontal bar chart: one labelled bar per row, scaled to the largest value.
public struct BarChart: Widget {
    /// One bar.
    public struct Bar: Sendable, Hashable {
        /// Label at the left.
        public var label: String
        /// Value (negative values draw as empty bars).
        public var value: Double
        /// Text at the right; defaults to the value.
        public var valueText: String
        /// Creates a bar.
        public init(_ label: String, _ value: Double, valueText: String? = nil) {
            self.label = label
            self.value = value
            self.valueText = valueText ?? (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
        }
    }

    /// The bars, top to bottom.
    public var bars: [Bar]
    /// Style of the bars.
    public var style: Style

    /// Creates a chart.
    public init(bars: [Bar], style: Style = .accent) {
        self.bars = bars
        self.style = style
    }

    /// Draws as many bars as fit.
    public func draw(into surface: any Surface, in rect: Rect) {
        let labelWidth = min(rect.width / 3, bars.map { DisplayWidth.of($0.label.sanitizedForTerminal) }.max() ?? 0)
        let valueWidth = bars.map { DisplayWidth.of($0.valueText.sanitizedForTerminal) }.max() ?? 0
        let barWidth = rect.width - labelWidth - valueWidth - 2
        guard barWidth > 0 else { return }
        let maximum = bars.map(\.value).max() ?? 0
        for (i, bar) in bars.prefix(rect.height).enumerated() {
            let y = rect.y + i
            surface.putLine(bar.label, in: Rect(x: rect.x, y: y, width: labelWidth, height: 1))
            let cells = maximum > 0 ? max(0, bar.value) / maximum * Double(barWidth) : 0
            surface.put(BarGlyphs.bar(cells, width: barWidth, glyphs: surface.glyphs, fillEmpty: false),
                        at: Point(x: rect.x + labelWidth + 1, y: y), style: style)
            surface.putLine(bar.valueText, in: Rect(x: rect.maxX - valueWidth, y: y, width: valueWidth, height: 1),
                            style: .muted, alignRight: true)
        }
    }
}
