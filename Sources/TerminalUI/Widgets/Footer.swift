/// The bottom row: the key hints of the active screen, as many as fit.
public struct Footer: Widget {
    /// Hints to show; those with `inFooter == false` appear only in the help overlay.
    public var hints: [KeyHint]

    /// Creates a footer.
    public init(hints: [KeyHint]) { self.hints = hints }

    /// Draws `key help` pairs separated by the glyph set's separator, dropping what does not fit.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        surface.fill(rect.row(0), style: .muted)
        var x = rect.x + 1
        let separator = surface.glyphs.separator
        for (i, hint) in hints.filter(\.inFooter).enumerated() {
            let sep = i == 0 ? "" : separator
            let needed = DisplayWidth.of(sep) + DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.help)
            guard x + needed <= rect.maxX else { break }
            x += surface.put(sep, at: Point(x: x, y: rect.y), style: .muted)
            x += surface.put(hint.keys, at: Point(x: x, y: rect.y), style: Style.accent)
            x += surface.put(" " + hint.help, at: Point(x: x, y: rect.y), style: .muted)
        }
    }
}
