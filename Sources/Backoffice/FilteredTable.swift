import TerminalUI

/// A list screen's rows with its `/` filter: the loaded items, those the filter lets through, the
/// selection (kept on the same item across reloads and filter changes), the keys (filter typing
/// first, then list movement) and the table with its "Filter: …" line and empty texts.
@MainActor
final class FilteredTable<Item> {
    /// Everything loaded.
    private(set) var items: [Item] = []
    /// The items the filter lets through, in order.
    private(set) var shown: [Item] = []
    /// The `/` filter.
    private(set) var filter = ListFilter()
    /// Selection and scroll position over `shown`.
    let list = ListState()
    private let texts: ((Item) -> [String])?
    private let identity: (Item) -> AnyHashable

    /// `texts` are what the filter looks in (nil: the screen searches with the filter's text itself
    /// and every loaded item is shown); `identity` keeps the selection on the same item.
    init(texts: ((Item) -> [String])?, identity: @escaping (Item) -> AnyHashable) {
        self.texts = texts
        self.identity = identity
    }

    /// The filter's text.
    var filterText: String { filter.text }

    /// The selected item, if any is shown.
    var selected: Item? { shown.indices.contains(list.selected) ? shown[list.selected] : nil }

    /// True while the filter field takes typed keys.
    var isFiltering: Bool { filter.isActive }

    /// True when the filter field is empty (so `?` opens help).
    var isFilterEmpty: Bool { filter.text.isEmpty }

    /// Replaces the items (after a reload), keeping the selection on the same item when it is still there.
    func load(_ items: [Item]) {
        self.items = items
        apply()
    }

    /// Starts typing a filter.
    func beginFilter() { filter.begin() }

    private func apply() {
        let before = selected.map(identity)
        let filter = self.filter
        if let texts { shown = items.filter { filter.matches(texts($0).joined(separator: " ")) } } else { shown = items }
        list.select(shown.firstIndex { identity($0) == before } ?? list.selected, count: shown.count)
    }

    /// Filter typing while the filter is active, else list movement; nil when the key is neither's.
    func handle(_ key: Key) -> ScreenAction? {
        var changed = false
        if filter.handle(key, changed: &changed) {
            if changed { apply() }
            return .handled
        }
        return list.navigate(key, count: shown.count, pageSize: 10) ? .handled : nil
    }

    /// Draws the filter line (when there is a filter), a box titled `title` and the table in `rect`;
    /// `empty` is shown when nothing is loaded, a "no match" line when the filter hides everything.
    func draw(into surface: any Surface, in rect: Rect, title: String, empty: String, columns: [TableColumn],
              row: @escaping (Item) -> [String]) {
        var rect = rect
        if filter.draw(into: surface, in: rect.row(0).inset(dx: 1, dy: 0), shown: shown.count, of: items.count, label: texts == nil ? "Search:" : "Filter:") {
            rect = rect.splitTop(1).1
        }
        let inside = surface.box(rect, title: title)
        guard !shown.isEmpty else {
            let text = items.isEmpty ? empty : "Nothing matches \u{201C}\(filter.text)\u{201D}; / then Esc clears the filter."
            surface.putLine(text, in: inside.row(0).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        let shown = self.shown
        TableView(columns: columns, count: shown.count, state: list, isFocused: !filter.isActive) { row(shown[$0]) }
            .draw(into: surface, in: inside)
    }
}
