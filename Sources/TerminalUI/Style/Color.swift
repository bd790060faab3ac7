/// A colour as written in a theme: the terminal default, one of the 16 named colours, an
/// xterm-256 index or a 24-bit RGB value. `ColorMapping` reduces it to what the terminal has.
public enum Color: Sendable, Hashable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// A palette index: 0–7 basic, 8–15 bright, 16–255 xterm-256 cube and greys.
    case index(UInt8)
    /// A 24-bit colour, mapped to the nearest palette entry.
    case rgb(UInt8, UInt8, UInt8)

    /// The sixteen colour names a theme may use, in palette order.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "brightblack", "brightred", "brightgreen", "brightyellow",
        "brightblue", "brightmagenta", "brightcyan", "brightwhite",
    ]

    /// Parses a theme colour: a name, `default`, `0`–`255` or `#rrggbb`; nil when not recognised.
    public init?(parsing text: String) {
        let t = text.lowercased()
        if t == "default" || t == "none" { self = .terminalDefault; return }
        if let i = Color.names.firstIndex(of: t) ?? Color.names.firstIndex(of: t.replacingGrey()) {
            self = .index(UInt8(i)); return
        }
        if let n = Int(t), (0...255).contains(n) { self = .index(UInt8(n)); return }
        if t.hasPrefix("#"), t.count == 7, let v = UInt32(t.dropFirst(), radix: 16) {
            self = .rgb(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)); return
        }
        return nil
    }
}

extension String {
    /// Accepts "grey"/"gray" spellings for bright black.
    fileprivate func replacingGrey() -> String { self == "grey" || self == "gray" ? "brightblack" : self }
}
