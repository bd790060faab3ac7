/// A key press (or other input event) decoded from the terminal. See `KeyDecoder`.
public indirect enum Key: Sendable, Hashable, CustomStringConvertible {
    /// A printable character, including any typed UTF-8 character.
    case char(Character)
    /// Control plus a letter, e.g. `.ctrl("a")` (always lower case).
    case ctrl(Character)
    /// Alt (Meta) plus a key: ESC followed by that key within the escape delay.
    case alt(Key)
    /// Arrow keys.
    case up, down, left, right
    /// Navigation keys.
    case home, end, pageUp, pageDown, insert, delete
    /// Function key F1–F12.
    case function(Int)
    /// Escape on its own.
    case escape
    /// Enter / Return.
    case enter
    /// Backspace (also ctrl-h and DEL).
    case backspace
    /// Tab and shift-Tab.
    case tab, backTab
    /// Several printable characters that arrived at once (pasted text).
    case paste(String)
    /// The terminal changed size.
    case resize
    /// A mouse click or wheel turn (only with `TerminalOptions.mouse`).
    case mouse(MouseEvent)

    /// The name used in key hints, e.g. `↑`, `ctrl-c`, `PgDn`, `F1`.
    public var description: String {
        switch self {
        case .char(" "): "space"
        case .char(let c): String(c)
        case .ctrl(let c): "ctrl-\(c)"
        case .alt(let k): "alt-\(k)"
        case .up: Glyph.up.description
        case .down: Glyph.down.description
        case .left: Glyph.left.description
        case .right: Glyph.right.description
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .insert: "Ins"
        case .delete: "Del"
        case .function(let n): "F\(n)"
        case .escape: "Esc"
        case .enter: "Enter"
        case .backspace: "Backspace"
        case .tab: "Tab"
        case .backTab: "shift-Tab"
        case .paste: "paste"
        case .resize: "resize"
        case .mouse: "mouse"
        }
    }
}

/// A mouse click or wheel turn at a cell.
public struct MouseEvent: Sendable, Hashable {
    /// What the mouse did.
    public enum Kind: Sendable, Hashable {
        /// The left button was clicked.
        case click
        /// The wheel turned up (away from the user).
        case wheelUp
        /// The wheel turned down.
        case wheelDown
    }
    /// What the mouse did.
    public var kind: Kind
    /// The cell under the pointer.
    public var position: Point
    /// Creates a mouse event.
    public init(_ kind: Kind, at position: Point) {
        self.kind = kind
        self.position = position
    }
}
