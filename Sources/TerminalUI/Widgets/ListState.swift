/// Selection and scroll position of a `ListView` or `TableView`. A class so that drawing can
/// keep the selected row in view between frames.
@MainActor
public final class ListState {
    /// Index of the selected row.
    public private(set) var selected: Int
    /// Index of the first visible row.
    public private(set) var offset: Int
    /// Where the rows were last drawn, for mouse clicks.
    public var rowsRect = Rect(x: 0, y: 0, width: 0, height: 0)

    /// Creates a state with `selected` at the top.
    public init(selected: Int = 0) {
        self.selected = max(0, selected)
        self.offset = 0
    }

    /// Moves the selection by `delta` rows, clamped to `0..<count`.
    public func move(by delta: Int, count: Int) { select(selected + delta, count: count) }

    /// Selects `index`, clamped to `0..<count`.
    public func select(_ index: Int, count: Int) { selected = count == 0 ? 0 : min(max(0, index), count - 1) }

    /// Moves to the first row.
    public func first() { selected = 0 }

    /// Moves to the last row.
    public func last(count: Int) { select(count - 1, count: count) }

    /// Adjusts `offset` so the selection is inside a window of `height` rows; returns the range of
    /// row indices visible.
    public func visibleRange(height: Int, count: Int) -> Range<Int> {
        guard height > 0, count > 0 else { return 0..<0 }
        select(selected, count: count)
        if selected < offset { offset = selected }
        if selected >= offset + height { offset = selected - height + 1 }
        offset = max(0, min(offset, count - height))
        return offset..<min(count, offset + height)
    }
}

extension ListState {
    /// Applies a standard navigation key: ↑/k ↓/j, PgUp/PgDn, Home/g, End/G, and mouse clicks and
    /// wheel turns. True if handled.
    public func navigate(_ key: Key, count: Int, pageSize: Int) -> Bool {
        switch key {
        case .up, .char("k"): move(by: -1, count: count)
        case .down, .char("j"): move(by: 1, count: count)
        case .pageUp: move(by: -max(1, pageSize - 1), count: count)
        case .pageDown: move(by: max(1, pageSize - 1), count: count)
        case .home, .char("g"): first()
        case .end, .char("G"): last(count: count)
        case .mouse(let event): return pointer(event, count: count)
        default: return false
        }
        return true
    }

    /// Applies a click (select the row under the pointer) or a wheel turn (move three rows).
    public func pointer(_ event: MouseEvent, count: Int) -> Bool {
        switch event.kind {
        case .wheelUp: move(by: -3, count: count)
        case .wheelDown: move(by: 3, count: count)
        case .click:
            guard rowsRect.contains(event.position) else { return false }
            select(offset + event.position.y - rowsRect.y, count: count)
        }
        return true
    }
}
