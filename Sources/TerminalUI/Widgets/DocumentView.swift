/// One row of a document: text and its style.
public struct DocumentLine: Sendable, Hashable {
    /// The row's text (sanitized when drawn).
    public var text: String
    /// How it is drawn.
    public var style: Style
    /// Creates a row.
    public init(_ text: String, style: Style = .text) {
        self.text = text
        self.style = style
    }
}

/// Text laid out to a width, row by row: paragraphs are wrapped once (in time linear in their
/// length) and the rows kept, so scrolling a long text costs nothing per frame.
public struct Document: Sendable {
    /// The width the rows were wrapped to.
    public let width: Int
    /// The rows, top to bottom.
    public private(set) var lines: [DocumentLine] = []

    /// An empty document for `width` cells.
    public init(width: Int) { self.width = max(1, width) }

    /// Adds `text` word-wrapped (its newlines kept, control characters removed).
    public mutating func paragraph(_ text: String, style: Style = .text) {
        for line in TextLayout.wrap(Sanitizer.sanitize(text, keepingNewlines: true), width: width) {
            lines.append(DocumentLine(line, style: style))
        }
    }

    /// Adds one row as it is (cut to the width when drawn).
    public mutating func line(_ text: String, style: Style = .text) { lines.append(DocumentLine(text, style: style)) }

    /// Adds an empty row.
    public mutating func blank() { lines.append(DocumentLine("")) }
}

/// Which rows of a document are in view. A class, so the view and the keys share it between frames.
@MainActor
public final class ScrollState {
    /// The first row shown.
    public private(set) var offset = 0
    /// Rows in the document, as last drawn.
    public private(set) var lineCount = 0
    /// Rows in view, as last drawn.
    public private(set) var pageSize = 1

    /// Creates a state at the top.
    public init() {}

    /// Shows `row` at the top (as far as the document allows).
    public func scroll(to row: Int) { offset = max(0, min(row, lineCount - pageSize)) }

    /// Applies a scrolling key: ↑/k ↓/j one row, PgUp/PgDn (and space) a page, Home/g End/G, the
    /// mouse wheel. True if handled.
    public func navigate(_ key: Key) -> Bool {
        switch key {
        case .up, .char("k"): scroll(to: offset - 1)
        case .down, .char("j"): scroll(to: offset + 1)
        case .pageUp: scroll(to: offset - max(1, pageSize - 1))
        case .pageDown, .char(" "): scroll(to: offset + max(1, pageSize - 1))
        case .home, .char("g"): scroll(to: 0)
        case .end, .char("G"): scroll(to: lineCount)
        case .mouse(let event) where event.kind == .wheelUp: scroll(to: offset - 3)
        case .mouse(let event) where event.kind == .wheelDown: scroll(to: offset + 3)
        default: return false
        }
        return true
    }

    /// True when rows below the view remain.
    public var hasMoreBelow: Bool { offset + pageSize < lineCount }

    /// "rows 1-20 of 120" style position, or "" when everything is in view.
    public var position: String {
        guard lineCount > pageSize else { return "" }
        return "\(offset + 1)\(Glyph.enDash)\(min(lineCount, offset + pageSize)) of \(lineCount)"
    }

    func update(lineCount: Int, pageSize: Int) {
        self.lineCount = lineCount
        self.pageSize = max(1, pageSize)
        scroll(to: offset)
    }
}

/// Draws the rows of a document that are in view.
public struct DocumentView: Widget {
    /// The rows.
    public var lines: [DocumentLine]
    /// Which rows are in view.
    public var state: ScrollState

    /// Creates the view.
    public init(lines: [DocumentLine], state: ScrollState) {
        self.lines = lines
        self.state = state
    }

    /// Draws the rows in view, one per row of `rect`.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        state.update(lineCount: lines.count, pageSize: rect.height)
        for (row, line) in lines.dropFirst(state.offset).prefix(rect.height).enumerated() {
            surface.putLine(line.text, in: rect.row(row), style: line.style)
        }
    }

    /// Writes the scroll position ("8–27 of 124") into the bottom border of `box`, at its right,
    /// when the document does not all fit.
    public static func drawPosition(of state: ScrollState, into surface: any Surface, onBorderOf box: Rect) {
        let position = state.position
        guard !position.isEmpty, box.height > 0 else { return }
        let text = " \(position) "
        surface.put(text, at: Point(x: max(box.x + 1, box.maxX - 2 - DisplayWidth.of(text)), y: box.maxY - 1), style: .muted,
                    maxWidth: max(0, box.width - 2))
    }
}
