import Commerce
import TerminalUI

/// Who did what, when: the audit log newest first with each change's before → after; `/` filters
/// by actor, action, entity or values (say "staff@" or "order.refund").
final class AuditScreen: TableScreen {
    enum Command { case move, filter, section(SectionCommand) }

    let title = "Audit log"
    let session: StaffSession
    let table = FilteredTable<AuditEntry>(
        texts: { [$0.actor, $0.action, $0.entity, $0.before ?? "", $0.after ?? ""] + $0.detail.values.sorted() }, identity: { $0.id })
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: StaffSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        KeyMap([.move(.move), .filter(.filter)] + SectionCommand.bindings(Command.section, session: session))
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        table.load(session, context) { () throws(CommerceError) in try store.auditTrail.entries(limit: 1000, as: caller) }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    /// "before → after", or the details as "key=value" when the entry has no before and after.
    static func change(_ entry: AuditEntry) -> String {
        if entry.before != nil || entry.after != nil { return "\(entry.before ?? "") \(Glyph.right) \(entry.after ?? "")" }
        return entry.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let rest = Section.audit.drawBar(into: surface, in: rect)
        let columns = [TableColumn("When", width: .fixed(16)), TableColumn("Who", width: .flexible(weight: 1, minimum: 12)),
                       TableColumn("What", width: .flexible(weight: 1, minimum: 12)), TableColumn("On", width: .fixed(12)),
                       TableColumn("Change", width: .flexible(weight: 2, minimum: 12))]
        table.draw(into: surface, in: rest, title: "Audit log \(Glyph.middleDot) \(table.items.count)", empty: "Nothing recorded yet.", columns: columns) { e in
            [BackofficeText.time(e.at), e.actor, e.action, e.entity + (e.entityID.map { " \($0)" } ?? ""), AuditScreen.change(e)]
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .filter: table.beginFilter()
        case .section(let section): return section.action(from: .audit, session)
        }
        return .handled
    }
}
