import TerminalUI

/// Keys that work on every browsing screen: search, cart, orders, the inbox and the account; for a
/// signed-in staff member or admin also the back office (when the app offers one).
enum NavCommand: CaseIterable {
    case search, cart, orders, inbox, account, backOffice

    /// The bindings, wrapped into a screen's own command type. On the home screen (`home`) they all
    /// stay in the footer, so a newcomer sees where orders, the inbox and sign-in are; elsewhere
    /// orders, inbox and account give way first when the footer is narrow.
    @MainActor
    static func bindings<C>(_ wrap: (NavCommand) -> C, session: ShopSession, home: Bool = false) -> [KeyBinding<C>] {
        let others: HintPriority = home ? .high : .low
        let signedIn = session.user != nil
        let staff = session.user.map { $0.role >= .staff } == true && session.backOffice != nil
        return (staff ? [KeyBinding([.char("b")], help: "Back office", priority: .high, command: wrap(.backOffice))] : []) + [
            KeyBinding([.char("/")], help: "Search", priority: .high, command: wrap(.search)),
            KeyBinding([.char("c")], help: "Cart", priority: .high, command: wrap(.cart)),
            KeyBinding([.char("o")], help: "Orders", priority: others, command: wrap(.orders)),
            KeyBinding([.char("n")], help: "Inbox", priority: others, command: wrap(.inbox)),
            KeyBinding([.char("u")], help: signedIn ? "Account" : "Sign in", priority: others, command: wrap(.account)),
        ]
    }

    /// Opens the screen for this command.
    @MainActor
    func action(_ session: ShopSession) -> ScreenAction {
        switch self {
        case .search: .push(SearchScreen(session: session))
        case .cart: .push(CartScreen(session: session))
        case .orders: .push(OrdersScreen(session: session))
        case .inbox: .push(InboxScreen(session: session))
        case .account where session.guestOnly:
            .push(AlertDialog(title: "Guest", message: "This is the guest entrance: browse and check out as a guest. "
                              + "Connect with your SSH key to have an account and see your orders."))
        case .account: .push(AccountScreen.open(session))
        case .backOffice: session.user.flatMap { session.backOffice?($0) }.map { .push($0) } ?? .handled
        }
    }
}

extension KeyBinding {
    /// A footer hint for the list keys (↑↓/jk, PgUp/PgDn, g/G), which `ListState.navigate` handles.
    static func move(_ command: Command) -> KeyBinding {
        KeyBinding([], "\(Glyph.up)\(Glyph.down)/jk", help: "Move", command: command)
    }
}
