import Commerce
import TerminalUI

/// Every account, newest first, with its orders and lifetime value: `/` filters by name, email or
/// role, Enter opens the customer; staff disable or re-enable a customer (d), admins also give roles
/// (r) and disable staff. Each change is confirmed, checked by role in the service and audited.
final class CustomersScreen: TableScreen {
    enum Command { case move, open, filter, role, disable, section(SectionCommand) }

    let title = "Customers"
    let session: StaffSession
    let table = FilteredTable<CustomerSummary>(
        texts: { [$0.profile.name, $0.profile.email ?? "", $0.profile.role.rawValue, $0.profile.disabled ? "disabled" : ""] },
        identity: { $0.profile.id })
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: StaffSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [.move(.move), KeyBinding([.enter], help: "Open", priority: .high, command: .open), .filter(.filter)]
        if let selected {
            bindings.append(KeyBinding([.char("d")], help: selected.disabled ? "Enable" : "Disable", priority: .high, command: .disable))
        }
        if session.user.role == .admin {
            bindings.append(KeyBinding([.char("r")], help: "Set role", priority: .high, command: .role))
        }
        return KeyMap(bindings + SectionCommand.bindings(Command.section, session: session))
    }

    private var selected: UserProfile? { table.selected?.profile }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        table.load(session, context) { () throws(CommerceError) in try store.customers.list(limit: 1000, as: caller) }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let rest = Section.customers.drawBar(into: surface, in: rect)
        let columns = [TableColumn("Name", width: .flexible(weight: 1, minimum: 12)), TableColumn("Email", width: .flexible(weight: 2, minimum: 16)),
                       TableColumn("Role", width: .fixed(8)), TableColumn("Access", width: .fixed(8)),
                       TableColumn("Orders", width: .fixed(6), alignRight: true), TableColumn("Lifetime", width: .fixed(11), alignRight: true, style: .price)]
        table.draw(into: surface, in: rest, title: "Accounts \(Glyph.middleDot) \(table.items.count)", empty: "No accounts yet.", columns: columns) { c in
            let a = c.profile
            return [a.name, a.email ?? "", a.role.rawValue, a.disabled ? "disabled" : "active", "\(c.orders)", c.lifetimeValue.formatted]
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        let session = self.session, accounts = session.store.accounts, caller = session.caller
        switch command {
        case .move: return .handled
        case .open:
            guard let account = selected else { return .handled }
            return .push(CustomerScreen(session: session, id: account.id))
        case .filter: table.beginFilter()
        case .section(let section): return section.action(from: .customers, session)
        case .disable:
            guard let account = selected else { return .handled }
            let who = account.email ?? account.name, disable = !account.disabled
            let question = disable ? "Disable \(who)? They can no longer sign in." : "Enable \(who) again?"
            return .push(ConfirmDialog(message: question) { yes, context in
                guard yes else { return }
                session.change(context, done: disable ? "\(who) disabled" : "\(who) enabled") { () throws(CommerceError) in
                    try accounts.setDisabled(account.id, disable, by: caller)
                }
            })
        case .role:
            guard let account = selected else { return .handled }
            let who = account.email ?? account.name
            let roles = Commerce.Role.allCases
            return .push(ChoiceDialog(title: "Role of \(who)", choices: roles.map(\.rawValue),
                                      selected: roles.firstIndex(of: account.role) ?? 0) { index, _ in
                let role = roles[index]
                guard role != account.role else { return .pop }
                return .replace(ConfirmDialog(message: "Make \(who) \(role.rawValue) (now \(account.role.rawValue))?") { yes, context in
                    guard yes else { return }
                    session.change(context, done: "\(who) is now \(role.rawValue)") { () throws(CommerceError) in
                        try accounts.setRole(account.id, to: role, by: caller)
                    }
                })
            })
        }
        return .handled
    }
}
