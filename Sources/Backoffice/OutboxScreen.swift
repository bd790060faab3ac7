import Commerce
import TerminalUI

/// The notification outbox: every event (order placed, shipped …) with where it is — pending,
/// delivered, failed with the reason — newest first; `/` filters, `r` retries a failed one after a
/// confirmation. The delivery loop picks a retried event up again.
final class OutboxScreen: TableScreen {
    enum Command { case move, filter, retry, section(SectionCommand) }

    let title = "Outbox"
    let session: StaffSession
    let table = FilteredTable<OutboxEntry>(texts: { [$0.kind, $0.state.rawValue, $0.failure ?? ""] }, identity: { $0.id })
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: StaffSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [.move(.move), .filter(.filter)]
        if table.selected?.state == .failed { bindings.append(KeyBinding([.char("r")], help: "Retry", priority: .high, command: .retry)) }
        return KeyMap(bindings + SectionCommand.bindings(Command.section, session: session))
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        table.load(session, context) { () throws(CommerceError) in try store.outboxMonitor.list(limit: 500, as: caller) }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let rest = Section.outbox.drawBar(into: surface, in: rect)
        let failed = table.items.filter { $0.state == .failed }.count, pending = table.items.filter { $0.state == .pending }.count
        let columns = [TableColumn("Event", width: .fixed(7), alignRight: true), TableColumn("Kind", width: .flexible(weight: 1, minimum: 14)),
                       TableColumn("Created", width: .fixed(16)), TableColumn("State", width: .fixed(9)), TableColumn("Tries", width: .fixed(5), alignRight: true),
                       TableColumn("Why it failed", width: .flexible(weight: 2, minimum: 10), style: .error)]
        table.draw(into: surface, in: rest, title: "Events \(Glyph.middleDot) \(pending) pending \(Glyph.middleDot) \(failed) failed",
                   empty: "No events yet.", columns: columns) { e in
            ["\(e.id.rawValue)", e.kind, BackofficeText.time(e.createdAt), e.state.rawValue, "\(e.attempts)", e.failure ?? ""]
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .filter: table.beginFilter()
        case .section(let section): return section.action(from: .outbox, session)
        case .retry:
            guard let event = table.selected, event.state == .failed else { return .handled }
            let session = self.session, monitor = session.store.outboxMonitor, caller = session.caller
            return .push(ConfirmDialog(message: "Deliver event \(event.id.rawValue) (\(event.kind)) again?") { yes, context in
                guard yes else { return }
                session.change(context, done: "Event \(event.id.rawValue) will be delivered again") { () throws(CommerceError) in
                    _ = try monitor.retry(event.id, by: caller)
                }
            })
        }
        return .handled
    }
}
