import TerminalUI

/// The `/` filter of a list: while active it takes typed keys; Enter keeps the filter and goes back
/// to the list, Esc clears it. Rows match when every word of the filter is in one of their texts
/// (ignoring case).
struct ListFilter {
    private(set) var field = TextField(placeholder: "type to filter", maxLength: 60)
    /// True while the filter field has focus.
    private(set) var isActive = false

    /// The filter's text.
    var text: String { field.text }

    /// Focuses the field.
    mutating func begin() { isActive = true }

    /// Takes a key while active; true when the key was used. `changed` is set when the text changed.
    mutating func handle(_ key: Key, changed: inout Bool) -> Bool {
        guard isActive else { return false }
        let before = field.text
        switch key {
        case .enter: isActive = false
        case .escape:
            isActive = false
            field.setText("")
        default:
            guard field.handle(key) else { return false }
        }
        changed = field.text != before
        return true
    }

    /// True when `texts` match the filter (always, when it is empty).
    func matches(_ texts: String...) -> Bool {
        let words = text.lowercased().split(separator: " ")
        guard !words.isEmpty else { return true }
        let haystack = texts.joined(separator: " ").lowercased()
        return words.allSatisfy { haystack.contains($0) }
    }

    /// Draws "Filter: …" (or another `label`) in `row` while active or non-empty; false (nothing drawn) otherwise.
    @MainActor
    @discardableResult
    func draw(into surface: any Surface, in row: Rect, shown: Int, of total: Int, label: String = "Filter:") -> Bool {
        guard isActive || !text.isEmpty else { return false }
        surface.putLine(label, in: Rect(x: row.x, y: row.y, width: 8, height: 1), style: isActive ? .accent : .muted)
        field.draw(into: surface, in: Rect(x: row.x + 8, y: row.y, width: min(40, max(1, row.width - 24)), height: 1), focused: isActive)
        surface.putLine("\(shown) of \(total)", in: Rect(x: row.maxX - 14, y: row.y, width: 14, height: 1), style: .muted, alignRight: true)
        return true
    }
}
