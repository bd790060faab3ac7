/// The top row: app name, the current screen's title and optional status text on the right.
public struct TitleBar: Widget {
    /// App name at the left.
    public var appName: String
    /// Current screen title.
    public var title: String
    /// Right-aligned status (e.g. the signed-in user).
    public var status: String

    /// Creates a title bar.
    public init(appName: String, title: String, status: String = "") {
        self.appName = appName
        self.title = title
        self.status = status
    }

    /// Draws the bar in one row.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        surface.fill(rect.row(0), style: .selection)
        var x = rect.x + 1
        if !appName.isEmpty {
            x += surface.put(appName, at: Point(x: x, y: rect.y), style: Style.selection.with(.bold), maxWidth: rect.maxX - x)
            x += surface.put(" › ", at: Point(x: x, y: rect.y), style: .selection, maxWidth: rect.maxX - x)
        }
        let statusWidth = min(DisplayWidth.of(status.sanitizedForTerminal), rect.width / 3)
        surface.put(title, at: Point(x: x, y: rect.y), style: .selection, maxWidth: max(0, rect.maxX - x - statusWidth - 2))
        if statusWidth > 0 {
            surface.putLine(status, in: Rect(x: rect.maxX - statusWidth - 1, y: rect.y, width: statusWidth, height: 1),
                            style: .selection, alignRight: true)
        }
    }
}
