import Commerce
import TerminalUI

/// One customer: the account, lifetime value and order count, saved addresses, and their orders
/// (Enter opens one). `p` resets the password after a confirmation and shows the one-time password
/// once, to hand over; it is not stored anywhere readable.
final class CustomerScreen: StaffScreen {
    enum Command { case move, open, resetPassword }

    let session: StaffSession
    let id: UserID
    private(set) var detail: CustomerDetail?
    private let list = ListState()
    private var freshness = Freshness()
    var title: String { detail.map { "Customer \($0.summary.profile.email ?? $0.summary.profile.name)" } ?? "Customer" }
    var minimumSize: Size { Size(width: 60, height: 16) }
    let keyMap: KeyMap<Command> = [.move(.move), KeyBinding([.enter], help: "Open order", priority: .high, command: .open),
                                   KeyBinding([.char("p")], help: "Reset password", priority: .high, command: .resetPassword)]

    init(session: StaffSession, id: UserID) {
        self.session = session
        self.id = id
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, id = self.id
        detail = session.attempt(context) { () throws(CommerceError) in try store.customers.detail(id, as: caller) } ?? detail
        list.select(list.selected, count: detail?.orders.count ?? 0)
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        guard let detail else { return }
        let s = detail.summary, p = s.profile
        let addressRows = min(max(1, detail.addresses.count), 3)
        let (top, bottom) = rect.splitTop(5 + addressRows)
        var lines = DetailLines(into: surface, in: surface.box(top, title: p.name).inset(dx: 1, dy: 0), detailWidth: 24)
        lines.line("\(p.email ?? "no email") \(Glyph.middleDot) \(p.role.rawValue)\(p.disabled ? " \(Glyph.middleDot) disabled" : "")", "", .accent)
        lines.line("Lifetime value", s.lifetimeValue.formatted, .muted)
        lines.line("Orders", "\(s.orders)" + (s.lastOrderAt.map { ", last " + BackofficeText.date($0) } ?? ""), .muted, detailStyle: .text)
        for address in detail.addresses.prefix(3) {
            lines.line((address.isDefault ? "Default: " : "Address: ") + BackofficeText.oneLine(address), "", .muted)
        }
        if detail.addresses.isEmpty { lines.line("No saved addresses.", "", .muted) }
        let inside = surface.box(bottom, title: "Orders")
        let orders = detail.orders
        guard !orders.isEmpty else {
            surface.putLine("No orders yet.", in: inside.row(0).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        let columns = [TableColumn("Order", width: .fixed(7)), TableColumn("Placed", width: .fixed(16)),
                       TableColumn("Status", width: .flexible(weight: 1, minimum: 10)), TableColumn("Payment", width: .fixed(10)),
                       TableColumn("Total", width: .fixed(11), alignRight: true, style: .price)]
        TableView(columns: columns, count: orders.count, state: list) { i in
            let o = orders[i]
            return ["#\(o.number)", BackofficeText.time(o.placedAt), o.status.rawValue, o.paymentStatus.rawValue, o.total.formatted]
        }.draw(into: surface, in: inside)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        list.navigate(key, count: detail?.orders.count ?? 0, pageSize: 10) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .open:
            guard let orders = detail?.orders, orders.indices.contains(list.selected) else { return .handled }
            return .push(OrderScreen(session: session, number: orders[list.selected].number))
        case .resetPassword:
            guard let profile = detail?.summary.profile else { return .handled }
            let session = self.session, customers = session.store.customers, caller = session.caller, who = profile.email ?? profile.name
            // A choice rather than a yes/no dialog: its answer can open the alert with the password.
            return .push(ChoiceDialog(title: "Reset the password of \(who)?",
                                      choices: ["No, keep it", "Yes: the old one stops working, show the new one"]) { index, context in
                guard index == 1, let reset = session.attempt(context, { () throws(CommerceError) in try customers.resetPassword(profile.id, by: caller) })
                else { return .pop }
                session.changed()
                return .replace(AlertDialog(title: "One-time password",
                                            message: "\(reset.password) is the new password of \(who). It is shown only now: hand it over and ask them to change it."))
            })
        }
    }
}
