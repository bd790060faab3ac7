/// An editable single-line text field, edited by grapheme cluster so accents, CJK and emoji move
/// and delete as one character.
///
/// Keys: characters and pastes insert; ←/→, Home/ctrl-a, End/ctrl-e move; Backspace, Del/ctrl-d
/// delete; ctrl-k deletes to the end, ctrl-u to the start, ctrl-w the word before the cursor.
public struct TextField: Sendable, Hashable {
    /// How the text is hidden when drawn.
    public enum Masking: Sendable, Hashable {
        /// Shown as typed.
        case none
        /// Every character shown as `•` (passwords).
        case all
        /// All but the last `n` characters hidden (card numbers).
        case allButLast(Int)
    }

    private var characters: [Character]
    /// Cursor position in grapheme clusters from the start.
    public private(set) var cursor: Int
    /// Shown in the muted style while the field is empty.
    public var placeholder: String
    /// How the text is hidden.
    public var masking: Masking
    /// Longest allowed text in grapheme clusters.
    public var maxLength: Int?
    /// True when the last insertion did not fit in `maxLength` and was cut (forms say so).
    public private(set) var wasCut = false

    /// Creates a field.
    public init(text: String = "", placeholder: String = "", masking: Masking = .none, maxLength: Int? = nil) {
        let clean = Array(Sanitizer.sanitize(text))
        self.characters = maxLength.map { Array(clean.prefix($0)) } ?? clean
        self.cursor = characters.count
        self.placeholder = placeholder
        self.masking = masking
        self.maxLength = maxLength
    }

    /// The current text.
    public var text: String { String(characters) }

    /// Replaces the text and puts the cursor at the end.
    public mutating func setText(_ text: String) { self = TextField(text: text, placeholder: placeholder, masking: masking, maxLength: maxLength) }

    /// Applies an editing key; returns false for keys the field does not use (Enter, Tab, ↑, ↓ …).
    public mutating func handle(_ key: Key) -> Bool {
        wasCut = false
        switch key {
        case .char(let c): insert(String(c))
        case .paste(let s): insert(s)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = characters.count
        case .backspace:
            if cursor > 0 { characters.remove(at: cursor - 1); cursor -= 1 }
        case .delete, .ctrl("d"):
            if cursor < characters.count { characters.remove(at: cursor) }
        case .ctrl("k"): characters.removeSubrange(cursor...)
        case .ctrl("u"):
            characters.removeSubrange(..<cursor)
            cursor = 0
        case .ctrl("w"): deleteWordBeforeCursor()
        default: return false
        }
        return true
    }

    /// Inserts text at the cursor (sanitized, newlines as spaces, cut at `maxLength`, which sets `wasCut`).
    public mutating func insert(_ raw: String) {
        var incoming = Sanitizer.sanitize(raw)
        if let maxLength {
            let room = max(0, maxLength - characters.count)
            wasCut = incoming.count > room
            incoming = String(incoming.prefix(room))
        }
        guard !incoming.isEmpty else { return }
        let before = String(characters[..<cursor]) + incoming
        let merged = Array(before + String(characters[cursor...]))
        characters = merged
        cursor = min(before.count, merged.count)
    }

    private mutating func deleteWordBeforeCursor() {
        var start = cursor
        while start > 0 && characters[start - 1] == " " { start -= 1 }
        while start > 0 && characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// The text as drawn, with masking applied.
    public var displayText: String {
        switch masking {
        case .none: return text
        case .all: return String(repeating: Glyph.bullet.rawValue, count: characters.count)
        case .allButLast(let n):
            let hidden = max(0, characters.count - n)
            return String(repeating: Glyph.bullet.rawValue, count: hidden) + String(characters[hidden...])
        }
    }

    /// Draws the field in `rect`'s first row, scrolled so the cursor is visible; when focused it
    /// places the terminal cursor.
    @MainActor
    public func draw(into surface: any Surface, in rect: Rect, focused: Bool) {
        guard !rect.isEmpty else { return }
        let line = rect.row(0)
        let fieldStyle = focused ? Style(.accent, [.underline]) : Style(.text, [.underline])
        surface.fill(line, style: fieldStyle)
        if characters.isEmpty && !placeholder.isEmpty {
            surface.putLine(placeholder, in: line, style: Style(.muted, [.underline]))
            if focused { surface.setCursor(Point(x: line.x, y: line.y)) }
            return
        }
        let shown = Array(displayText)
        let cursorCells = DisplayWidth.of(String(shown[..<min(cursor, shown.count)]))
        var skip = max(0, cursorCells - (line.width - 1))
        var start = 0
        while skip > 0 && start < shown.count {
            skip -= DisplayWidth.of(grapheme: shown[start])
            start += 1
        }
        let visible = String(shown[start...])
        surface.put(visible, at: Point(x: line.x, y: line.y), style: fieldStyle, maxWidth: line.width)
        if focused {
            let x = line.x + DisplayWidth.of(String(shown[start..<min(cursor, shown.count)]))
            surface.setCursor(Point(x: min(x, line.maxX - 1), y: line.y))
        }
    }
}
