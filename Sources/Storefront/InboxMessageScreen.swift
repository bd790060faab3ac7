import Commerce
import TerminalUI

/// One notification: subject, who sent it and when, and the body wrapped to the width; ↑↓ scroll
/// a long one. Opening it marks it read.
final class InboxMessageScreen: Screen {
    enum Command { case scroll }

    let session: ShopSession
    let item: InboxItem
    private var offset = 0
    private var lineCount = 0
    private var pageSize = 10
    var title: String { item.subject }
    var minimumSize: Size { Size(width: 60, height: 16) }
    let keyMap: KeyMap<Command> = [KeyBinding([], "↑↓/PgUp/PgDn", help: "Scroll", command: .scroll)]

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
        surface.putLine("To \(item.email) · \(OrderText.time(item.createdAt))", in: inside.row(1), style: .muted)
        let body = Rect(x: inside.x, y: inside.y + 3, width: inside.width, height: max(0, inside.height - 3))
        let lines = item.body.split(separator: "\n", omittingEmptySubsequences: false).flatMap { paragraph in
            paragraph.isEmpty ? [""] : TextLayout.wrap(String(paragraph), width: max(1, body.width))
        }
        lineCount = lines.count
        pageSize = max(1, body.height)
        offset = min(offset, max(0, lines.count - body.height))
        for (row, line) in lines.dropFirst(offset).prefix(body.height).enumerated() {
            surface.putLine(line, in: body.row(row))
        }
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        let step: Int
        switch key {
        case .up, .char("k"): step = -1
        case .down, .char("j"): step = 1
        case .pageUp: step = -pageSize
        case .pageDown, .char(" "): step = pageSize
        case .home, .char("g"): step = -offset
        case .end, .char("G"): step = lineCount
        default: return nil
        }
        offset = max(0, min(offset + step, max(0, lineCount - pageSize)))
        return .handled
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction { .handled }
}
