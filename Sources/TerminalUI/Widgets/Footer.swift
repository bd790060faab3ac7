/// The bottom row: the key hints of the active screen, and the latest message (toast) when there
/// is one. When not everything fits, the lowest-priority hints are left out first (Help and Quit
/// are essential, so they always show); a message takes the left of the row and leaves room for
/// the essential hints.
public struct Footer: Widget {
    /// Hints to show; those with `inFooter == false` appear only in the help overlay.
    public var hints: [KeyHint]
    /// The message to show at the left, if any.
    public var toast: Toast?

    /// Creates a footer.
    public init(hints: [KeyHint], toast: Toast? = nil) {
        self.hints = hints
        self.toast = toast
    }

    /// Draws the message (if any) and `key help` pairs separated by the glyph set's separator.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        surface.fill(rect.row(0), style: .muted)
        let separator = surface.glyphs.separator
        let shown = hints.filter(\.inFooter)
        let room = rect.width - 2
        guard let toast else {
            let chosen = Footer.fitting(shown, width: room, separator: separator).map { shown[$0] }
            draw(chosen, separator: separator, into: surface, at: rect.x + 1, y: rect.y)
            return
        }
        let essential = Footer.fitting(shown.filter { $0.priority == .essential }, width: room, separator: separator)
            .map { shown.filter { $0.priority == .essential }[$0] }
        let hintsWidth = Footer.width(of: essential, separator: separator)
        let messageRoom = max(0, rect.width - hintsWidth - 3)
        let text = " " + TextLayout.truncate(toast.message.sanitizedForTerminal, toWidth: max(0, messageRoom - 2),
                                             ellipsis: surface.glyphs.ellipsis) + " "
        let role: Role = switch toast.kind { case .info: .accent; case .success: .success; case .error: .error }
        surface.put(text, at: Point(x: rect.x, y: rect.y), style: Style(role, [.reverse, .bold]), maxWidth: messageRoom)
        draw(essential, separator: separator, into: surface, at: rect.maxX - 1 - hintsWidth, y: rect.y)
    }

    private func draw(_ hints: [KeyHint], separator: String, into surface: any Surface, at start: Int, y: Int) {
        var x = start
        for (i, hint) in hints.enumerated() {
            if i > 0 { x += surface.put(separator, at: Point(x: x, y: y), style: .muted) }
            x += surface.put(hint.keys, at: Point(x: x, y: y), style: Style.accent)
            x += surface.put(" " + hint.help, at: Point(x: x, y: y), style: .muted)
        }
    }

    /// The indices of the hints that fit in `width` cells, chosen by priority (then order) and kept in order.
    static func fitting(_ hints: [KeyHint], width: Int, separator: String) -> [Int] {
        let ranked = hints.indices.sorted { (hints[$0].priority, -$0) > (hints[$1].priority, -$1) }
        var chosen: [Int] = []
        var used = 0
        let gap = DisplayWidth.of(separator)
        for index in ranked {
            let needed = itemWidth(hints[index]) + (chosen.isEmpty ? 0 : gap)
            guard used + needed <= width else { continue }
            chosen.append(index)
            used += needed
        }
        return chosen.sorted()
    }

    private static func itemWidth(_ hint: KeyHint) -> Int { DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.help) }

    private static func width(of hints: [KeyHint], separator: String) -> Int {
        guard !hints.isEmpty else { return 0 }
        return hints.reduce(0) { $0 + itemWidth($1) } + (hints.count - 1) * DisplayWidth.of(separator)
    }
}
