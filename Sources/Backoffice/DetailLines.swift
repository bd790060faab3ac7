import TerminalUI

/// Writes a detail pane line by line: text at the left, an optional figure right-aligned in the
/// last `detailWidth` cells; lines past the bottom are dropped.
@MainActor
struct DetailLines {
    let surface: any Surface
    let rect: Rect
    /// The row the next line goes on.
    var y: Int
    var detailWidth = 12

    init(into surface: any Surface, in rect: Rect, detailWidth: Int = 12) {
        self.surface = surface
        self.rect = rect
        self.y = rect.y
        self.detailWidth = detailWidth
    }

    /// True while there is room for another line.
    var hasRoom: Bool { y < rect.maxY }

    /// One line: `text`, and `detail` at the right in `detailStyle`.
    mutating func line(_ text: String, _ detail: String = "", _ style: Style = .text, detailStyle: Style = .price) {
        guard hasRoom else { return }
        let width = detail.isEmpty ? rect.width : rect.width - detailWidth - 1
        surface.putLine(text, in: Rect(x: rect.x, y: y, width: width, height: 1), style: style)
        if !detail.isEmpty {
            surface.putLine(detail, in: Rect(x: rect.maxX - detailWidth, y: y, width: detailWidth, height: 1), style: detailStyle, alignRight: true)
        }
        y += 1
    }

    /// Wrapped text over at most `rows` rows.
    mutating func wrapped(_ text: String, rows: Int, _ style: Style = .text) {
        guard hasRoom else { return }
        y += surface.putWrapped(text, in: Rect(x: rect.x, y: y, width: rect.width, height: min(rows, rect.maxY - y)), style: style)
    }

    /// An empty line.
    mutating func gap() { y += 1 }
}
