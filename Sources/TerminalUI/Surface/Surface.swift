/// One sanitized grapheme cluster of width 1 or 2 with its style. Only the library creates cells,
/// so everything that reaches a surface has been through `Sanitizer` and `DisplayWidth`.
public struct Cell: Sendable, Hashable {
    /// The grapheme cluster (a space for blank cells).
    public let grapheme: Character
    /// Cells it covers: 1, or 2 for wide characters.
    public let width: Int
    /// How it is drawn.
    public let style: Style

    init(_ grapheme: Character, width: Int, style: Style) {
        self.grapheme = grapheme
        self.width = width
        self.style = style
    }

    /// A blank cell in `style`.
    static func blank(_ style: Style) -> Cell { Cell(" ", width: 1, style: style) }
}

/// Something views draw into: the real terminal (`CursesSurface`) or memory (`BufferSurface`).
///
/// Implementations provide four primitives; everything else (`put`, `fill`, `box`, …) is built on
/// them in an extension, so every draw path sanitizes text and measures it in display cells.
/// Coordinates outside `size` are clipped silently.
@MainActor
public protocol Surface: AnyObject {
    /// Size in cells.
    var size: Size { get }
    /// Border and symbol characters suited to this terminal.
    var glyphs: Glyphs { get }
    /// Writes one cell at `point`; a wide cell also covers the cell to its right.
    func set(_ cell: Cell, at point: Point)
    /// Shows the text cursor at `point`, or hides it with nil (the default outside text fields).
    func setCursor(_ point: Point?)
    /// Blanks the whole surface in the theme's text style, ready for a new frame.
    func erase()
}

extension Surface {
    /// The whole surface as a rectangle.
    public var bounds: Rect { Rect(size: size) }

    /// Draws `text` at `point`, sanitized and clipped to `maxWidth` cells (default: to the edge).
    /// On an ASCII surface the `Glyph` table's glyphs are drawn as their fallbacks.
    /// Returns the number of cells written.
    @discardableResult
    public func put(_ text: String, at point: Point, style: Style = .text, maxWidth: Int? = nil) -> Int {
        guard point.y >= 0, point.y < size.height else { return 0 }
        let limit = min(maxWidth ?? Int.max, size.width - point.x)
        let ascii = glyphs.isASCII
        var x = point.x
        var used = 0
        for raw in Sanitizer.sanitize(text) {
            let g = ascii ? Glyph.fallbacks[raw] ?? raw : raw
            let w = DisplayWidth.of(grapheme: g)
            if w == 0 { continue }
            if used + w > limit {
                if used < limit && x >= 0 { set(.blank(style), at: Point(x: x, y: point.y)) ; used += 1 }
                break
            }
            if x >= 0 { set(Cell(g, width: w, style: style), at: Point(x: x, y: point.y)) }
            x += w
            used += w
        }
        return used
    }

    /// Draws `text` in `rect`'s first row, truncated with the glyph set's ellipsis and padded
    /// to the full width with `style` (so selected rows are highlighted edge to edge).
    public func putLine(_ text: String, in rect: Rect, style: Style = .text, alignRight: Bool = false) {
        guard !rect.isEmpty else { return }
        let clean = Sanitizer.sanitize(text)
        let line = alignRight
            ? TextLayout.padLeft(clean, toWidth: rect.width, ellipsis: glyphs.ellipsis)
            : TextLayout.pad(clean, toWidth: rect.width, ellipsis: glyphs.ellipsis)
        put(line, at: Point(x: rect.x, y: rect.y), style: style, maxWidth: rect.width)
    }

    /// Fills `rect` with `character` (a space by default) in `style`.
    public func fill(_ rect: Rect, with character: Character = " ", style: Style = .text) {
        let sanitized = Sanitizer.sanitize(String(character)).first ?? " "
        let clean = glyphs.isASCII ? Glyph.fallbacks[sanitized] ?? sanitized : sanitized
        let w = max(1, DisplayWidth.of(grapheme: clean))
        for y in max(0, rect.y)..<min(size.height, rect.maxY) {
            var x = max(0, rect.x)
            while x + w <= min(size.width, rect.maxX) {
                set(Cell(clean, width: w, style: style), at: Point(x: x, y: y))
                x += w
            }
        }
    }

    /// Draws a horizontal line of `length` cells.
    public func horizontalLine(at point: Point, length: Int, style: Style = .border) {
        fill(Rect(x: point.x, y: point.y, width: length, height: 1), with: glyphs.horizontal, style: style)
    }

    /// Draws a vertical line of `length` cells.
    public func verticalLine(at point: Point, length: Int, style: Style = .border) {
        fill(Rect(x: point.x, y: point.y, width: 1, height: length), with: glyphs.vertical, style: style)
    }

    /// Draws a border around `rect` with an optional title in the top edge; returns the inside.
    @discardableResult
    public func box(_ rect: Rect, title: String? = nil, style: Style = .border, titleStyle: Style = .accent) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let g = glyphs
        horizontalLine(at: Point(x: rect.x + 1, y: rect.y), length: rect.width - 2, style: style)
        horizontalLine(at: Point(x: rect.x + 1, y: rect.maxY - 1), length: rect.width - 2, style: style)
        verticalLine(at: Point(x: rect.x, y: rect.y + 1), length: rect.height - 2, style: style)
        verticalLine(at: Point(x: rect.maxX - 1, y: rect.y + 1), length: rect.height - 2, style: style)
        for (ch, p) in [(g.topLeft, Point(x: rect.x, y: rect.y)), (g.topRight, Point(x: rect.maxX - 1, y: rect.y)),
                        (g.bottomLeft, Point(x: rect.x, y: rect.maxY - 1)), (g.bottomRight, Point(x: rect.maxX - 1, y: rect.maxY - 1))] {
            set(Cell(ch, width: 1, style: style), at: p)
        }
        if let title, rect.width > 6 {
            let text = " " + TextLayout.truncate(Sanitizer.sanitize(title), toWidth: rect.width - 6, ellipsis: g.ellipsis) + " "
            put(text, at: Point(x: rect.x + 2, y: rect.y), style: titleStyle)
        }
        return rect.inset()
    }

    /// Draws word-wrapped text inside `rect` (its newlines kept); when it does not all fit, the last
    /// row ends with the ellipsis. Returns the number of rows used.
    @discardableResult
    public func putWrapped(_ text: String, in rect: Rect, style: Style = .text) -> Int {
        guard rect.width > 0, rect.height > 0 else { return 0 }
        // Only the start of a long text can be shown: lay out no more than could fill the rect
        // several times over, so a frame costs the same for a 5 MB text as for a short one.
        let budget = rect.width * rect.height * 4 + 64
        let end = text.index(text.startIndex, offsetBy: budget, limitedBy: text.endIndex) ?? text.endIndex
        var (lines, truncated) = TextLayout.wrap(Sanitizer.sanitize(String(text[..<end]), keepingNewlines: true), width: rect.width,
                                                 limit: rect.height)
        if end < text.endIndex && !lines.isEmpty { truncated = true }
        for (i, line) in lines.enumerated() {
            let shown = truncated && i == lines.count - 1 ? TextLayout.endingWithEllipsis(line, width: rect.width, ellipsis: glyphs.ellipsis) : line
            put(shown, at: Point(x: rect.x, y: rect.y + i), style: style, maxWidth: rect.width)
        }
        return lines.count
    }
}
