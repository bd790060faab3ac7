/// A row of tab titles with the selected one highlighted.
public struct TabBar: Widget {
    /// Tab titles.
    public var titles: [String]
    /// Index of the selected tab.
    public var selected: Int

    /// Creates a tab bar.
    public init(titles: [String], selected: Int) {
        self.titles = titles
        self.selected = selected
    }

    /// The index after moving by `delta`, wrapping around.
    public static func index(_ index: Int, movedBy delta: Int, count: Int) -> Int {
        count == 0 ? 0 : ((index + delta) % count + count) % count
    }

    /// Draws the titles separated by a vertical line, the selected one in reverse accent.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        var x = rect.x
        for (i, title) in titles.enumerated() where x < rect.maxX {
            if i > 0 {
                x += surface.put(String(surface.glyphs.vertical), at: Point(x: x, y: rect.y), style: .border, maxWidth: rect.maxX - x)
            }
            let style = i == selected ? Style(.accent, [.reverse, .bold]) : Style.muted
            x += surface.put(" \((i + 1) % 10) \(title.sanitizedForTerminal) ", at: Point(x: x, y: rect.y), style: style, maxWidth: rect.maxX - x)
        }
        if rect.height > 1 { surface.horizontalLine(at: Point(x: rect.x, y: rect.y + 1), length: rect.width) }
    }
}
