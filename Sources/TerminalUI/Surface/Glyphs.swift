/// Every non-ASCII glyph the app draws, with its ASCII fallback: the one table. Screens write
/// these (`"\(Glyph.middleDot)"`) instead of literals; on an ASCII surface (a locale that is not
/// UTF-8, or `--ascii`) every surface writes the fallback in their place, so nothing vanishes.
/// Each fallback is one cell wide, like the glyph it stands for, so layouts do not move.
public enum Glyph: Character, CaseIterable, Sendable, CustomStringConvertible {
    // Box drawing.
    case topLeft = "┌", topRight = "┐", bottomLeft = "└", bottomRight = "┘", horizontal = "─", vertical = "│"
    case teeLeft = "├", teeRight = "┤"
    // Arrows (key names, sort orders).
    case up = "↑", down = "↓", left = "←", right = "→"
    // Punctuation and symbols in text.
    case middleDot = "·", pointer = "›", minus = "−", times = "×", ellipsis = "…", emDash = "—", enDash = "–"
    case bullet = "•", dot = "●", openQuote = "“", closeQuote = "”"
    // Ratings.
    case starFilled = "★", starEmpty = "☆"
    // Sparklines and bars (the full block ends both scales).
    case spark1 = "▁", spark2 = "▂", spark3 = "▃", spark4 = "▄", spark5 = "▅", spark6 = "▆", spark7 = "▇", fullBlock = "█"
    case bar1 = "▏", bar2 = "▎", bar3 = "▍", bar4 = "▌", bar5 = "▋", bar6 = "▊", bar7 = "▉", barEmpty = "░"
    // Spinner frames.
    case spin0 = "⠋", spin1 = "⠙", spin2 = "⠹", spin3 = "⠸", spin4 = "⠼", spin5 = "⠴", spin6 = "⠦", spin7 = "⠧", spin8 = "⠇", spin9 = "⠏"

    /// The glyph for terminals that show only ASCII.
    public var ascii: Character {
        switch self {
        case .topLeft, .topRight, .bottomLeft, .bottomRight, .teeLeft, .teeRight: "+"
        case .horizontal: "-"
        case .vertical: "|"
        case .up: "^"
        case .down: "v"
        case .left: "<"
        case .right, .pointer: ">"
        case .middleDot, .minus, .emDash, .enDash, .starEmpty: "-"
        case .times: "x"
        case .ellipsis: "~"
        case .bullet, .dot, .starFilled: "*"
        case .openQuote, .closeQuote: "\""
        case .spark1, .spark2: "_"
        case .spark3, .barEmpty: "."
        case .spark4, .spark5: "-"
        case .spark6: "="
        case .spark7, .fullBlock, .bar1, .bar2, .bar3, .bar4, .bar5, .bar6, .bar7: "#"
        case .spin0, .spin4, .spin8: "|"
        case .spin1, .spin5, .spin9: "/"
        case .spin2, .spin6: "-"
        case .spin3, .spin7: "\\"
        }
    }

    /// The Unicode glyph as text.
    public var description: String { String(rawValue) }

    /// Each glyph's fallback by its Unicode form.
    static let fallbacks: [Character: Character] = Dictionary(uniqueKeysWithValues: allCases.map { ($0.rawValue, $0.ascii) })

    /// `text` with every glyph of the table replaced by its ASCII fallback.
    public static func asciiFallback(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 0x80 }) else { return text }
        return String(text.map { fallbacks[$0] ?? $0 })
    }
}

/// The glyphs a surface draws borders, ellipses, bars and stars with: the Unicode set or the ASCII
/// set, both taken from the `Glyph` table. Surfaces pick ASCII when the locale is not UTF-8 or the
/// user asked for `--ascii`.
public struct Glyphs: Sendable, Hashable {
    /// Box corners and lines: top-left, top-right, bottom-left, bottom-right, horizontal, vertical.
    public var topLeft, topRight, bottomLeft, bottomRight, horizontal, vertical: Character
    /// Tee pieces for separators inside a box: left, right.
    public var teeLeft, teeRight: Character
    /// Marks cut-off text.
    public var ellipsis: String
    /// Eight levels from low to high for sparklines.
    public var sparkLevels: [Character]
    /// Fractional bar pieces from 1/8 to 8/8 for bar charts and progress bars.
    public var barEighths: [Character]
    /// The empty part of a progress bar.
    public var barEmpty: Character
    /// Filled and empty rating stars.
    public var starFilled, starEmpty: Character
    /// Spinner animation frames.
    public var spinnerFrames: [Character]
    /// Marks the selected row for terminals without colour.
    public var pointer: Character
    /// Separator between footer hints.
    public var separator: String
    /// True for the ASCII set.
    public var isASCII: Bool

    private init(ascii: Bool) {
        func g(_ glyph: Glyph) -> Character { ascii ? glyph.ascii : glyph.rawValue }
        topLeft = g(.topLeft); topRight = g(.topRight); bottomLeft = g(.bottomLeft); bottomRight = g(.bottomRight)
        horizontal = g(.horizontal); vertical = g(.vertical); teeLeft = g(.teeLeft); teeRight = g(.teeRight)
        ellipsis = String(g(.ellipsis))
        sparkLevels = [Glyph.spark1, .spark2, .spark3, .spark4, .spark5, .spark6, .spark7, .fullBlock].map(g)
        barEighths = [Glyph.bar1, .bar2, .bar3, .bar4, .bar5, .bar6, .bar7, .fullBlock].map(g)
        barEmpty = g(.barEmpty)
        starFilled = g(.starFilled); starEmpty = g(.starEmpty)
        spinnerFrames = ascii ? ["|", "/", "-", "\\"] : [Glyph.spin0, .spin1, .spin2, .spin3, .spin4, .spin5, .spin6, .spin7, .spin8, .spin9].map(g)
        pointer = g(.pointer)
        separator = ascii ? "  " : " \(Glyph.middleDot) "
        isASCII = ascii
    }

    /// Unicode box drawing and block elements.
    public static let unicode = Glyphs(ascii: false)

    /// Plain ASCII for non-UTF-8 terminals.
    public static let ascii = Glyphs(ascii: true)

    /// `text` as this set draws it: the table's glyphs become their fallbacks in the ASCII set.
    public func text(_ text: String) -> String { isASCII ? Glyph.asciiFallback(text) : text }
}
