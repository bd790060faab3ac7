/// The `?` overlay: every key of the active screen with its description, generated from the same
/// key table as the footer. Esc, `?`, F1, Enter or `q` closes it.
public final class HelpOverlay: Screen {
    /// The screen the help is about.
    public let title: String
    /// The keys listed.
    public let hints: [KeyHint]
    /// Lines shown below the keys.
    public let notes: [String]
    /// No commands: every key closes or is swallowed.
    public let keyMap: KeyMap<NoCommand> = []
    /// Drawn over the screen it describes.
    public var isOverlay: Bool { true }

    /// Creates the overlay for a screen's hints and notes.
    public init(title: String, hints: [KeyHint], notes: [String] = []) {
        self.title = title
        self.hints = hints
        self.notes = notes
    }

    /// Draws a centred box with the notes, then the keys and what they do; when it is taller than
    /// the screen, ↑↓ scroll it and the last row says so.
    public func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let keyWidth = min(16, hints.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let helpWidth = hints.map { DisplayWidth.of($0.help) }.max() ?? 0
        let notesWidth = notes.map { DisplayWidth.of($0) }.max() ?? 0
        let width = max(keyWidth + helpWidth + 7, notesWidth + 4)
        let lines: [(hint: KeyHint?, note: String)] = (notes.isEmpty ? [] : notes.map { (nil, $0) } + [(nil, "")]) + hints.map { ($0, "") }
        let box = rect.centered(Size(width: width, height: lines.count + 4))
        surface.fill(box)
        let inside = surface.box(box, title: "Keys: \(title)")
        let rows = max(0, inside.height - 1)
        page = max(1, rows)
        lineCount = lines.count
        scroll = max(0, min(scroll, lines.count - rows))
        for (i, line) in lines.dropFirst(scroll).prefix(rows).enumerated() {
            let row = inside.row(i)
            if let hint = line.hint {
                surface.putLine(hint.keys, in: Rect(x: row.x + 1, y: row.y, width: keyWidth, height: 1), style: .accent)
                surface.putLine(hint.help, in: Rect(x: row.x + keyWidth + 3, y: row.y, width: row.width - keyWidth - 4, height: 1))
            } else {
                surface.putLine(line.note, in: Rect(x: row.x + 1, y: row.y, width: row.width - 2, height: 1))
            }
        }
        let more = lines.count > rows ? "\(Glyph.up)\(Glyph.down) more  " : ""
        surface.putLine(more + "Esc close", in: inside.row(inside.height - 1).inset(dx: 1, dy: 0), style: .muted, alignRight: true)
    }

    private var scroll = 0
    private var page = 1
    private var lineCount = 0

    /// ↑↓ (and j/k, PgUp/PgDn) scroll a long help; Esc, `?`, F1, Enter or `q` close it; other keys are swallowed.
    public func handle(key: Key, context: AppContext) -> ScreenAction? {
        switch key {
        case .escape, .char("?"), .char("q"), .enter, .function(1): return .pop
        case .up, .char("k"): scroll -= 1
        case .down, .char("j"): scroll += 1
        case .pageUp: scroll -= page
        case .pageDown, .char(" "): scroll += page
        default: break
        }
        scroll = max(0, min(scroll, lineCount - page))
        return .handled
    }

    /// Never called: the overlay has no commands.
    public func perform(_ command: NoCommand, context: AppContext) -> ScreenAction {}
}
