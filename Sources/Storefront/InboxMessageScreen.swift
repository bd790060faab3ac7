import Commerce
import TerminalUI

/// One notification: subject, who sent it and when, and the body wrapped to the width; ↑↓ scroll
/// a long one. Opening it marks it read.
final class InboxMessageScreen: Screen {
    enum Command { case scroll }

    let session: ShopSession
    let item: InboxItem
    private let scroll = ScrollState()
    private var document: Document?
    var title: String { item.subject }
    var minimumSize: Size { Size(width: 60, height: 16) }
    let keyMap: KeyMap<Command> = [KeyBinding([], "\(Glyph.up)\(Glyph.down)/PgUp/PgDn", help: "Scroll", command: .scroll)]

    init(session: ShopSession, item: InboxItem) {
        self.session = session
        self.item = item
        if item.isUnread, (try? session.store.notifications.markRead(item.id, as: session.caller)) != nil {
            session.changed()
        }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let inside = surface.box(rect, title: "Message").inset(dx: 1, dy: 0)
        surface.putLine(item.subject, in: inside.row(0), style: Style.accent.with(.bold))
        surface.putLine("To \(item.email) \(Glyph.middleDot) \(OrderText.time(item.createdAt))", in: inside.row(1), style: .muted)
        let body = Rect(x: inside.x, y: inside.y + 3, width: inside.width, height: max(0, inside.height - 3))
        if document?.width != body.width {
            var text = Document(width: body.width)
            text.paragraph(item.body)
            document = text
        }
        DocumentView(lines: document?.lines ?? [], state: scroll).draw(into: surface, in: body)
        DocumentView.drawPosition(of: scroll, into: surface, onBorderOf: rect)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        scroll.navigate(key) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction { .handled }
}
