/// One row of a `ListView`: text, an optional right-aligned detail (a price, a count) and styles.
public struct ListRow: Sendable, Hashable, ExpressibleByStringLiteral {
    /// Main text (untrusted text is fine: it is sanitized when drawn).
    public var text: String
    /// Right-aligned detail.
    public var detail: String
    /// Style of the text.
    public var style: Style
    /// Style of the detail.
    public var detailStyle: Style

    /// Creates a row.
    public init(_ text: String, detail: String = "", style: Style = .text, detailStyle: Style = .muted) {
        self.text = text
        self.detail = detail
        self.style = style
        self.detailStyle = detailStyle
    }

    /// Creates a plain row from a literal.
    public init(stringLiteral value: String) { self.init(value) }
}

/// A virtual scrolling list: it asks `row` only for the rows that are visible, so a list of
/// 100,000 rows draws as fast as one of ten.
public struct ListView: Widget {
    /// Number of rows.
    public var count: Int
    /// Selection and scroll position.
    public var state: ListState
    /// Produces row `index`; called only for visible rows.
    public var row: (Int) -> ListRow
    /// Whether the list has focus (the selection is drawn brighter).
    public var isFocused: Bool
    /// Shown when the list is empty.
    public var emptyText: String

    /// Creates a list.
    public init(count: Int, state: ListState, isFocused: Bool = true, emptyText: String = "Nothing here yet.", row: @escaping (Int) -> ListRow) {
        self.count = count
        self.state = state
        self.row = row
        self.isFocused = isFocused
        self.emptyText = emptyText
    }

    /// Draws the visible rows, the selected one highlighted across the full width.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        if count == 0 {
            surface.putLine(emptyText, in: rect.row(0).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        let pointer = surface.glyphs.pointer
        state.rowsRect = rect
        for index in state.visibleRange(height: rect.height, count: count) {
            let item = row(index)
            let line = rect.row(index - state.offset)
            let isSelected = index == state.selected
            let rowStyle = isSelected ? (isFocused ? Style.selection : Style.selection.with(.dim)) : item.style
            surface.fill(line, style: rowStyle)
            surface.put(isSelected ? String(pointer) : " ", at: Point(x: line.x, y: line.y), style: rowStyle)
            let detailWidth = min(DisplayWidth.of(item.detail.sanitizedForTerminal), max(0, line.width / 2))
            let textWidth = line.width - 2 - (detailWidth > 0 ? detailWidth + 2 : 0)
            surface.putLine(item.text, in: Rect(x: line.x + 2, y: line.y, width: textWidth, height: 1), style: rowStyle)
            if detailWidth > 0 {
                surface.putLine(item.detail, in: Rect(x: line.maxX - detailWidth - 1, y: line.y, width: detailWidth, height: 1),
                                style: isSelected ? rowStyle : item.detailStyle, alignRight: true)
            }
        }
    }
}
