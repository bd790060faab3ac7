/// An in-memory surface for tests and benchmarks. `text` renders the cells as plain lines and
/// `styleMap` renders one letter per cell for its role (see `BufferSurface.styleLegend`), so a
/// screen can be compared against snapshot files.
@MainActor
public final class BufferSurface: Surface {
    /// Size in cells.
    public private(set) var size: Size
    /// Glyph set (Unicode unless created with `ascii: true`).
    public let glyphs: Glyphs
    /// Where the text cursor is shown, if anywhere.
    public private(set) var cursor: Point?
    private var cells: [Cell?]
    private static let continuation = Cell("\u{0}", width: 0, style: .text)

    /// Creates a blank surface of `size`; `ascii` selects the ASCII glyph set.
    public init(size: Size, ascii: Bool = false) {
        self.size = size
        self.glyphs = ascii ? .ascii : .unicode
        self.cells = Array(repeating: nil, count: size.width * size.height)
    }

    /// Changes the size and blanks the surface (as a terminal resize would).
    public func resize(to newSize: Size) {
        size = newSize
        cells = Array(repeating: nil, count: newSize.width * newSize.height)
        cursor = nil
    }

    /// Writes one cell, clearing any wide character it overlaps.
    public func set(_ cell: Cell, at point: Point) {
        guard point.y >= 0, point.y < size.height, point.x >= 0, point.x + cell.width <= size.width else { return }
        let i = point.y * size.width + point.x
        if let old = cells[i], old.width == 0, point.x > 0 { cells[i - 1] = .blank(old.style) }
        if let old = cells[i], old.width == 2, point.x + 1 < size.width, cell.width == 1 { cells[i + 1] = nil }
        cells[i] = cell
        if cell.width == 2 {
            if point.x + 2 < size.width, let next = cells[i + 2], next.width == 0 { cells[i + 2] = nil }
            cells[i + 1] = BufferSurface.continuation
        }
    }

    /// Moves or hides the text cursor.
    public func setCursor(_ point: Point?) { cursor = point }

    /// Blanks every cell.
    public func erase() {
        for i in cells.indices { cells[i] = nil }
        cursor = nil
    }

    /// The cell at `point`, or nil if never written (or covered by a wide character).
    public func cell(at point: Point) -> Cell? {
        guard point.x >= 0, point.x < size.width, point.y >= 0, point.y < size.height else { return nil }
        guard let c = cells[point.y * size.width + point.x], c.width > 0 else { return nil }
        return c
    }

    /// The visible text, one line per row, trailing spaces removed.
    public var text: String { lines().joined(separator: "\n") }

    /// Row `y` as text (trailing spaces removed).
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<size.width {
            let c = cells[y * size.width + x]
            if let c {
                if c.width > 0 { s.append(c.grapheme) }
            } else {
                s.append(" ")
            }
        }
        while s.last == " " { s.removeLast() }
        return s
    }

    /// All rows as text.
    public func lines() -> [String] { (0..<size.height).map(line) }

    /// One character per cell: a space where nothing was drawn, otherwise the role's code from
    /// `styleLegend`, upper-cased when the cell is bold or reverse.
    public var styleMap: String {
        var rows: [String] = []
        for y in 0..<size.height {
            var s = ""
            var previous: Style = .text
            for x in 0..<size.width {
                guard let c = cells[y * size.width + x] else { s.append(" "); continue }
                let style = c.width == 0 ? previous : c.style
                previous = style
                var code = String(style.role.code)
                if !style.attributes.intersection([.bold, .reverse]).isEmpty { code = code.uppercased() }
                s += code
            }
            while s.last == " " { s.removeLast() }
            rows.append(s)
        }
        return rows.joined(separator: "\n")
    }

    /// Explains the letters used by `styleMap`.
    public static var styleLegend: String {
        Role.allCases.map { "\($0.code)=\($0.rawValue)" }.joined(separator: " ") + " (upper case: bold or reverse)"
    }
}
