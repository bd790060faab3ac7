/// A column of a `TableView`.
public struct TableColumn: Sendable, Hashable {
    /// How wide a column is.
    public enum Width: Sendable, Hashable {
        /// Exactly this many cells.
        case fixed(Int)
        /// A share of the remaining width (at least `minimum` cells).
        case flexible(weight: Int, minimum: Int)
    }
    /// Header text.
    public var title: String
    /// Width rule.
    public var width: Width
    /// Right-align (numbers, prices).
    public var alignRight: Bool
    /// Style for this column's cells.
    public var style: Style

    /// Creates a column.
    public init(_ title: String, width: Width = .flexible(weight: 1, minimum: 4), alignRight: Bool = false, style: Style = .text) {
        self.title = title
        self.width = width
        self.alignRight = alignRight
        self.style = style
    }

    /// Cell widths for `columns` in `total` cells with one-cell gaps.
    static func layout(_ columns: [TableColumn], total: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        let fixed = columns.reduce(0) { if case .fixed(let w) = $1.width { $0 + w } else { $0 } }
        let weights = columns.reduce(0) { if case .flexible(let w, _) = $1.width { $0 + w } else { $0 } }
        var remaining = max(0, total - gaps - fixed)
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let w): return w
            case .flexible(let w, let minimum):
                return weights == 0 ? minimum : max(minimum, remaining * w / weights)
            }
        }
        remaining = total - gaps - widths.reduce(0, +)
        if remaining > 0, let lastFlexible = columns.lastIndex(where: { if case .flexible = $0.width { true } else { false } }) {
            widths[lastFlexible] += remaining
        }
        return widths
    }
}

/// A virtual scrolling table with a header row. It asks `cell` only for visible rows; cells are
/// truncated by display width with an ellipsis.
public struct TableView: Widget {
    /// The columns.
    public var columns: [TableColumn]
    /// Number of rows.
    public var count: Int
    /// Selection and scroll position.
    public var state: ListState
    /// Produces the texts of row `index` (one per column); called only for visible rows.
    public var row: (Int) -> [String]
    /// Whether the table has focus.
    public var isFocused: Bool

    /// Creates a table.
    public init(columns: [TableColumn], count: Int, state: ListState, isFocused: Bool = true, row: @escaping (Int) -> [String]) {
        self.columns = columns
        self.count = count
        self.state = state
        self.row = row
        self.isFocused = isFocused
    }

    /// Draws the header, a rule and the visible rows.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard rect.height >= 2, rect.width > 2 else { return }
        let inner = rect.inset(dx: 1, dy: 0)
        let widths = TableColumn.layout(columns, total: inner.width)
        drawRow(columns.map(\.title), widths: widths, in: inner.row(0), surface: surface) { _ in Style.accent }
        surface.horizontalLine(at: Point(x: rect.x, y: rect.y + 1), length: rect.width)
        let body = Rect(x: inner.x, y: rect.y + 2, width: inner.width, height: rect.height - 2)
        state.rowsRect = Rect(x: rect.x, y: body.y, width: rect.width, height: body.height)
        for index in state.visibleRange(height: body.height, count: count) {
            let line = body.row(index - state.offset)
            let selected = index == state.selected
            let rowStyle = isFocused ? Style.selection : Style.selection.with(.dim)
            if selected { surface.fill(Rect(x: rect.x, y: line.y, width: rect.width, height: 1), style: rowStyle) }
            drawRow(row(index), widths: widths, in: line, surface: surface) { selected ? rowStyle : columns[$0].style }
        }
    }

    private func drawRow(_ texts: [String], widths: [Int], in line: Rect, surface: any Surface, style: (Int) -> Style) {
        var x = line.x
        for (i, width) in widths.enumerated() where x < line.maxX {
            let w = min(width, line.maxX - x)
            let text = i < texts.count ? texts[i] : ""
            surface.putLine(text, in: Rect(x: x, y: line.y, width: w, height: 1), style: style(i), alignRight: columns[i].alignRight)
            x += width + 1
        }
    }
}
