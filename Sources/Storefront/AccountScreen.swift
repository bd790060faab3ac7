import Commerce
import TerminalUI

/// The signed-in shopper's account: name and email, their saved addresses (add, edit, make
/// default, delete after a y/n question), changing the display name or password, and sign-out.
final class AccountScreen: Screen {
    enum Command { case move, editName, password, addAddress, editAddress, makeDefault, delete, signOut }

    let title = "Account"
    let session: ShopSession
    /// The saved addresses, default first.
    private(set) var addresses: [Address] = []
    private let list = ListState()
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession) { self.session = session }

    /// The account screen for a signed-in shopper, the sign-in screen for a guest.
    @MainActor
    static func open(_ session: ShopSession) -> any Screen {
        session.user == nil ? SignInScreen(session: session) : AccountScreen(session: session)
    }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [KeyBinding([.char("a")], help: "Add address", command: .addAddress)]
        if !addresses.isEmpty {
            bindings += [.move(.move),
                         KeyBinding([.enter], help: "Edit", command: .editAddress),
                         KeyBinding([.char("m")], help: "Make default", command: .makeDefault),
                         KeyBinding([.char("x"), .delete], "x/Del", help: "Delete", command: .delete)]
        }
        bindings += [KeyBinding([.char("e")], help: "Name", command: .editName),
                     KeyBinding([.char("p")], help: "Password", command: .password),
                     KeyBinding([.char("s")], help: "Sign out", command: .signOut)]
        return KeyMap(bindings)
    }

    func prepare(context: AppContext) {
        guard freshness.isStale(session) else { return }
        addresses = (try? session.store.addresses.list(as: session.caller)) ?? []
        list.select(list.selected, count: addresses.count)
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        guard let user = session.user else { return }
        let box = surface.box(rect.centered(Size(width: min(rect.width, 96), height: min(rect.height, 22))), title: title).inset(dx: 2, dy: 1)
        let labelWidth = 7
        for (row, (label, value)) in [("Name:", user.name), ("Email:", user.email ?? "")].enumerated() {
            surface.putLine(label, in: Rect(x: box.x, y: box.y + row, width: labelWidth, height: 1), style: .muted)
            surface.putLine(value, in: Rect(x: box.x + labelWidth + 1, y: box.y + row, width: box.width - labelWidth - 1, height: 1))
        }
        surface.putLine("Saved addresses", in: box.row(3), style: Style.accent)
        let addresses = self.addresses
        ListView(count: addresses.count, state: list, emptyText: "No saved addresses yet. Press a to add one.") { i in
            ListRow(AccountScreen.describe(addresses[i]), detail: addresses[i].isDefault ? "default" : "")
        }.draw(into: surface, in: Rect(x: box.x, y: box.y + 5, width: box.width, height: max(0, box.height - 7)))
        let dot = " \(Glyph.middleDot) "
        surface.putLine("e: change name" + dot + "p: change password" + dot + "s: sign out" + dot + "Esc: back", in: box.row(box.height - 1), style: .muted)
    }

    /// "Home · Sky Shopper, 1 Main St, Springfield, 12345, US".
    static func describe(_ address: Address) -> String {
        let line = CheckoutScreen.oneLine(address)
        return address.label.isEmpty ? line : "\(address.label) \(Glyph.middleDot) \(line)"
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        list.navigate(key, count: addresses.count, pageSize: 8) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .editName: return .push(AccountForms.nameScreen(session))
        case .password: return .push(AccountForms.passwordScreen(session))
        case .addAddress: return .push(AccountForms.addressScreen(session, editing: nil))
        case .editAddress:
            guard let address = selected else { return .handled }
            return .push(AccountForms.addressScreen(session, editing: address))
        case .makeDefault:
            guard var address = selected, !address.isDefault else { return .handled }
            address.isDefault = true
            let store = session.store, caller = session.caller
            if session.attempt(context, { () throws(CommerceError) in _ = try store.addresses.update(address, as: caller) }) != nil {
                session.changed()
                context.toast("Default address changed", kind: .success)
            }
            return .handled
        case .delete:
            guard let address = selected, let id = address.id else { return .handled }
            let session = self.session
            return .push(ConfirmDialog(title: "Delete address", message: "Delete \(AccountScreen.describe(address))?") { yes, context in
                guard yes else { return }
                let store = session.store, caller = session.caller
                if session.attempt(context, { () throws(CommerceError) in try store.addresses.remove(id, as: caller) }) != nil {
                    session.changed()
                    context.toast("Address deleted", kind: .success)
                }
            })
        case .signOut:
            session.signOut()
            context.toast("Signed out")
            return .pop
        }
    }

    private var selected: Address? { addresses.indices.contains(list.selected) ? addresses[list.selected] : nil }
}
