import Commerce
import TerminalUI

/// The signed-in shopper's notifications, newest first, unread ones marked; Enter reads one (which
/// marks it read), `m` marks them all read. Guests are asked to sign in.
final class InboxScreen: Screen {
    enum Command { case move, open, markAll, signIn }

    let title = "Inbox"
    let session: ShopSession
    private(set) var items: [InboxItem] = []
    private let list = ListState()
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        session.user == nil
            ? [KeyBinding([.char("u"), .enter], "u", help: "Sign in", command: .signIn)]
            : [.move(.move), KeyBinding([.enter], help: "Read", command: .open), KeyBinding([.char("m")], help: "Mark all read", command: .markAll)]
    }

    private func reload(_ context: AppContext) {
        guard session.user != nil else { return }
        let store = session.store, caller = session.caller
        items = session.attempt(context) { () throws(CommerceError) in try store.notifications.inbox(as: caller) } ?? items
        list.select(list.selected, count: items.count)
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let unread = items.count { $0.isUnread }
        let inside = surface.box(rect, title: session.user == nil ? "Inbox" : "Inbox \(Glyph.middleDot) \(unread) unread")
        guard session.user != nil else {
            surface.putLine("Sign in to see your messages (press u).", in: inside.row(1).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        let items = self.items
        let marker = Glyph.dot.description
        ListView(count: items.count, state: list, emptyText: "No messages yet. Order confirmations and shipping news arrive here.") { i in
            let item = items[i]
            return ListRow((item.isUnread ? marker + " " : "  ") + item.subject, detail: OrderText.time(item.createdAt),
                           style: item.isUnread ? Style.text.with(.bold) : .text)
        }.draw(into: surface, in: inside)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        list.navigate(key, count: items.count, pageSize: 10) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .open:
            guard items.indices.contains(list.selected) else { return .handled }
            return .push(InboxMessageScreen(session: session, item: items[list.selected]))
        case .markAll:
            let store = session.store, caller = session.caller
            guard let marked = session.attempt(context, { () throws(CommerceError) in try store.notifications.markAllRead(as: caller) }) else {
                return .handled
            }
            session.changed()
            context.toast(marked == 0 ? "Nothing unread" : "Marked \(marked) message\(marked == 1 ? "" : "s") read")
            return .handled
        case .signIn:
            let session = self.session
            return .replace(SignInScreen(session: session) { InboxScreen(session: session) })
        }
    }
}
