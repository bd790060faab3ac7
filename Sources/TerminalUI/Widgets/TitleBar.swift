/// The top row: app name, the current screen's title and optional status text on the right.
public struct TitleBar: Widget {
    /// App name at the left.
    public var appName: String
    /// Current screen title.
    public var title: String
    /// Right-aligned status (e.g. the signed-in user).
    public var status: String
    /// A shorter status shown when `status` does not fit; empty: `status` is cut instead.
    public var compactStatus: String

    /// Creates a title bar.
    public init(appName: String, title: String, status: String = "", compactStatus: String = "") {
        self.appName = appName
        self.title = title
        self.status = status
        self.compactStatus = compactStatus
    }

    /// Draws the bar in one row. The status is shown whole when it fits beside the app name and at
    /// least 20 cells of the title; otherwise its compact form, and only then cut.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        surface.fill(rect.row(0), style: .selection)
        var x = rect.x + 1
        if !appName.isEmpty {
            x += surface.put(appName, at: Point(x: x, y: rect.y), style: Style.selection.with(.bold), maxWidth: rect.maxX - x)
            x += surface.put(" \(Glyph.pointer) ", at: Point(x: x, y: rect.y), style: .selection, maxWidth: rect.maxX - x)
        }
        let titleWidth = DisplayWidth.of(title.sanitizedForTerminal)
        let room = max(0, rect.maxX - x - min(titleWidth, 20) - 3)
        var shown = status
        if DisplayWidth.of(status.sanitizedForTerminal) > room && !compactStatus.isEmpty { shown = compactStatus }
        let statusWidth = min(DisplayWidth.of(shown.sanitizedForTerminal), room)
        surface.put(title, at: Point(x: x, y: rect.y), style: .selection, maxWidth: max(0, rect.maxX - x - statusWidth - 2))
        if statusWidth > 0 {
            surface.putLine(shown, in: Rect(x: rect.maxX - statusWidth - 1, y: rect.y, width: statusWidth, height: 1),
                            style: .selection, alignRight: true)
        }
    }
}
