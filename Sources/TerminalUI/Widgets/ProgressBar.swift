/// A horizontal bar filled by a fraction, with eighth-cell precision and a percentage.
public struct ProgressBar: Widget {
    /// Progress from 0 to 1 (clamped).
    public var fraction: Double
    /// Optional text before the bar.
    public var label: String

    /// Creates a progress bar.
    public init(fraction: Double, label: String = "") {
        self.fraction = fraction
        self.label = label
    }

    /// Draws `label [█████▌    ] 42%` in one row.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let f = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let percent = " \(Int((f * 100).rounded()))%"
        var x = rect.x
        if !label.isEmpty { x += surface.put(label + " ", at: Point(x: x, y: rect.y), maxWidth: rect.width / 2) }
        let barWidth = rect.maxX - x - DisplayWidth.of(percent)
        guard barWidth > 0 else { return }
        surface.put(BarGlyphs.bar(f * Double(barWidth), width: barWidth, glyphs: surface.glyphs, fillEmpty: true),
                    at: Point(x: x, y: rect.y), style: .accent)
        surface.put(percent, at: Point(x: x + barWidth, y: rect.y), style: .muted)
    }
}

/// Builds bar strings from block elements (or `#` on ASCII terminals).
enum BarGlyphs {
    /// A bar `cells` long (fractional), padded to `width` with spaces or the empty glyph.
    static func bar(_ cells: Double, width: Int, glyphs: Glyphs, fillEmpty: Bool) -> String {
        let clamped = min(max(cells, 0), Double(width))
        let full = Int(clamped)
        let eighths = Int(((clamped - Double(full)) * 8).rounded(.down))
        var s = String(repeating: glyphs.barEighths[7], count: full)
        if full < width && eighths > 0 && !glyphs.isASCII { s.append(glyphs.barEighths[eighths - 1]) }
        let rest = width - DisplayWidth.of(s)
        if rest > 0 { s += String(repeating: fillEmpty ? glyphs.barEmpty : " ", count: rest) }
        return s
    }
}
