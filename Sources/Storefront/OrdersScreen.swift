import Commerce
import Foundation
import TerminalUI

/// The signed-in shopper's orders, newest first; Enter shows one with its timeline. Guests are
/// asked to sign in (their orders arrive by email with the order number).
final class OrdersScreen: Screen {
    enum Command { case move, open, signIn }

    let title = "Orders"
    let session: ShopSession
    private var orders: [OrderSummary] = []
    private let list = ListState()
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        session.user == nil
            ? [KeyBinding([.char("u"), .enter], "u", help: "Sign in", command: .signIn)]
            : [.move(.move), KeyBinding([.enter], help: "Open", command: .open)]
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        if freshness.isStale(session), session.user != nil {
            let store = session.store, caller = session.caller
            orders = session.attempt(context) { () throws(CommerceError) in try store.orders.history(as: caller) } ?? orders
        }
        let inside = surface.box(rect, title: "Your orders")
        guard session.user != nil else {
            surface.putLine("Sign in to see your orders (press u).", in: inside.row(1).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        let columns = [TableColumn("Order", width: .fixed(8)), TableColumn("Placed", width: .fixed(10)),
                       TableColumn("Status", width: .flexible(weight: 1, minimum: 10)), TableColumn("Payment", width: .fixed(9)),
                       TableColumn("Items", width: .fixed(5), alignRight: true), TableColumn("Total", width: .fixed(11), alignRight: true, style: .price)]
        let orders = self.orders
        if orders.isEmpty {
            surface.putLine("No orders yet.", in: inside.row(1).inset(dx: 1, dy: 0), style: .muted)
            return
        }
        TableView(columns: columns, count: orders.count, state: list) { i in
            let o = orders[i]
            return ["#\(o.number)", OrderText.date(o.placedAt), o.status.rawValue.capitalized, o.paymentStatus.rawValue, "\(o.itemCount)", o.total.formatted]
        }.draw(into: surface, in: inside)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        list.navigate(key, count: orders.count, pageSize: 10) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .open:
            guard orders.indices.contains(list.selected) else { return .handled }
            return .push(OrderDetailScreen(session: session, number: orders[list.selected].number, email: orders[list.selected].email))
        case .signIn: return .replace(SignInScreen(session: session))
        }
    }
}

/// Dates and times of orders, in UTC so every shopper over SSH sees the same.
enum OrderText {
    /// "2026-05-28".
    static func date(_ milliseconds: Int64) -> String { format(milliseconds, "yyyy-MM-dd") }
    /// "2026-05-28 14:03".
    static func time(_ milliseconds: Int64) -> String { format(milliseconds, "yyyy-MM-dd HH:mm") }

    private static func format(_ milliseconds: Int64, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
