/// The `?` overlay: every key of the active screen with its description, generated from the same
/// key table as the footer. Esc, `?` or `q` closes it.
public final class HelpOverlay: Screen {
    /// The screen the help is about.
    public let title: String
    /// The keys listed.
    public let hints: [KeyHint]
    /// No commands: every key closes or is swallowed.
    public let keyMap: KeyMap<NoCommand> = []
    /// Drawn over the screen it describes.
    public var isOverlay: Bool { true }

    /// Creates the overlay for a screen's hints.
    public init(title: String, hints: [KeyHint]) {
        self.title = title
        self.hints = hints
    }

    /// Draws a centred box listing keys and what they do.
    public func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let keyWidth = min(16, hints.map { DisplayWidth.of($0.keys) }.max() ?? 0)
        let helpWidth = hints.map { DisplayWidth.of($0.help) }.max() ?? 0
        let box = rect.centered(Size(width: keyWidth + helpWidth + 7, height: hints.count + 4))
        surface.fill(box)
        let inside = surface.box(box, title: "Keys: \(title)")
        for (i, hint) in hints.prefix(max(0, inside.height - 1)).enumerated() {
            let row = inside.row(i)
            surface.putLine(hint.keys, in: Rect(x: row.x + 1, y: row.y, width: keyWidth, height: 1), style: .accent)
            surface.putLine(hint.help, in: Rect(x: row.x + keyWidth + 3, y: row.y, width: row.width - keyWidth - 4, height: 1))
        }
        surface.putLine("Esc close", in: inside.row(inside.height - 1).inset(dx: 1, dy: 0), style: .muted, alignRight: true)
    }

    /// Closes on Esc, `?` or `q`; swallows every other key.
    public func handle(key: Key, context: AppContext) -> ScreenAction? {
        switch key {
        case .escape, .char("?"), .char("q"), .enter: .pop
        default: .handled
        }
    }

    /// Never called: the overlay has no commands.
    public func perform(_ command: NoCommand, context: AppContext) -> ScreenAction {}
}
