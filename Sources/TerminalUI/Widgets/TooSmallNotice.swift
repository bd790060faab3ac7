/// Shown instead of the screen when the terminal is smaller than the screen needs.
public struct TooSmallNotice: Widget {
    /// The size the visible screens need.
    public var needed: Size
    /// The terminal's size.
    public var actual: Size

    /// Creates the notice.
    public init(needed: Size, actual: Size) {
        self.needed = needed
        self.actual = actual
    }

    /// Draws the message centred, wrapped to fit even very small terminals.
    public func draw(into surface: any Surface, in rect: Rect) {
        let message = "Terminal too small (need \(needed), have \(actual))"
        let hint = "Enlarge the window, or press q to quit."
        let lines = TextLayout.wrap(message, width: rect.width) + TextLayout.wrap(hint, width: rect.width)
        let top = rect.y + max(0, (rect.height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < rect.maxY {
            let x = rect.x + max(0, (rect.width - DisplayWidth.of(line)) / 2)
            surface.put(line, at: Point(x: x, y: top + i), style: i == 0 ? Style.warning.with(.bold) : .muted)
        }
    }
}
