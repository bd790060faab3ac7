import Commerce
import TerminalUI

/// Reviews, newest first, hidden ones marked: `/` filters by author, title or text; `h` hides an
/// abusive review (kept, but out of the product's rating and its page) or shows it again; `x`
/// deletes one after a confirmation. The product's rating follows in the service.
final class ReviewsScreen: TableScreen {
    enum Command { case move, filter, hide, delete, section(SectionCommand) }

    let title = "Reviews"
    let session: StaffSession
    let table = FilteredTable<ModeratedReview>(
        texts: { [$0.review.authorName, $0.review.title, $0.review.body, $0.hidden ? "hidden" : ""] }, identity: { $0.review.id })
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: StaffSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [.move(.move), .filter(.filter)]
        if let selected = table.selected {
            bindings.append(KeyBinding([.char("h")], help: selected.hidden ? "Show again" : "Hide", priority: .high, command: .hide))
            bindings.append(KeyBinding([.char("x")], help: "Delete", priority: .high, command: .delete))
        }
        return KeyMap(bindings + SectionCommand.bindings(Command.section, session: session))
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        table.load(session, context) { () throws(CommerceError) in try store.reviewModeration.list(limit: 500, as: caller) }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        var rest = Section.reviews.drawBar(into: surface, in: rect)
        var preview: ModeratedReview?
        if rest.height >= 16, let selected = table.selected {
            preview = selected
            rest = rest.splitBottom(5).0
        }
        let columns = [TableColumn("Stars", width: .fixed(5)), TableColumn("Title", width: .flexible(weight: 2, minimum: 14)),
                       TableColumn("Author", width: .flexible(weight: 1, minimum: 10)), TableColumn("Date", width: .fixed(10)),
                       TableColumn("State", width: .fixed(7))]
        table.draw(into: surface, in: rest, title: "Reviews \(Glyph.middleDot) \(table.items.count)", empty: "No reviews yet.", columns: columns) { m in
            [String(repeating: "\(Glyph.starFilled)", count: max(0, min(5, m.review.rating))), m.review.title, m.review.authorName,
             BackofficeText.date(m.review.createdAt), m.hidden ? "hidden" : "shown"]
        }
        if let preview {
            let box = surface.box(Rect(x: rect.x, y: rest.maxY, width: rect.width, height: 5), title: preview.review.title).inset(dx: 1, dy: 0)
            surface.putWrapped(preview.review.body, in: box, style: preview.hidden ? .muted : .text)
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        let session = self.session, moderation = session.store.reviewModeration, caller = session.caller
        switch command {
        case .move: return .handled
        case .filter: table.beginFilter()
        case .section(let section): return section.action(from: .reviews, session)
        case .hide:
            guard let chosen = table.selected else { return .handled }
            let hide = !chosen.hidden, name = "\u{201C}\(chosen.review.title)\u{201D} by \(chosen.review.authorName)"
            let question = hide ? "Hide \(name)? It leaves the product's page and rating." : "Show \(name) again?"
            return .push(ConfirmDialog(message: question) { yes, context in
                guard yes else { return }
                session.change(context, done: hide ? "Review hidden" : "Review shown again") { () throws(CommerceError) in
                    try moderation.setHidden(chosen.review.id, hide, by: caller)
                }
            })
        case .delete:
            guard let chosen = table.selected else { return .handled }
            return .push(ConfirmDialog(message: "Delete \u{201C}\(chosen.review.title)\u{201D} by \(chosen.review.authorName)? This cannot be undone.") { yes, context in
                guard yes else { return }
                session.change(context, done: "Review deleted") { () throws(CommerceError) in try moderation.delete(chosen.review.id, by: caller) }
            })
        }
        return .handled
    }
}
