import Commerce
import Foundation
import TerminalUI

/// The signed-in shopper's orders, newest first; Enter shows one with its timeline. A guest finds
/// an order by its number and email (both are in the confirmation message), or signs in.
final class OrdersScreen: Screen {
    enum Command { case move, open, field, find, signIn }

    let title = "Orders"
    let session: ShopSession
    private var orders: [OrderSummary] = []
    private let list = ListState()
    private var freshness = Freshness()
    private var lookup = OrdersScreen.lookupForm()
    var minimumSize: Size { Size(width: 60, height: 16) }
    var isEditingText: Bool { session.user == nil }
    var isFocusedTextEmpty: Bool { lookup.isFocusedValueEmpty }

    init(session: ShopSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        session.user == nil
            ? [KeyBinding([.tab], "Tab/\(Glyph.up)\(Glyph.down)", help: "Field", command: .field), KeyBinding([.enter], help: "Find order", command: .find),
               KeyBinding([.ctrl("o")], help: "Sign in", command: .signIn)]
            : [.move(.move), KeyBinding([.enter], help: "Open", command: .open)]
    }

    /// The guest's lookup: order number (a leading # is fine) and the email it was placed with.
    private static func lookupForm() -> Form {
        Form(fields: [
            FormField("Order number", field: TextField(placeholder: "like 1042", maxLength: 12)) {
                OrdersScreen.number(from: $0) == nil ? "Enter the order number from your confirmation, like 1042." : nil
            },
            FormField("Email", field: TextField(placeholder: "the email you ordered with", maxLength: 120)) {
                $0.contains("@") ? nil : "Enter the email address the order was placed with."
            },
        ])
    }

    /// "1042" or "#1042" as a number.
    nonisolated private static func number(from text: String) -> Int? {
        let digits = text.trimmingCharacters(in: .whitespaces)
        return Int(digits.hasPrefix("#") ? String(digits.dropFirst()) : digits).flatMap { $0 > 0 ? $0 : nil }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session), session.user != nil {
            let store = session.store, caller = session.caller
            orders = session.attempt(context) { () throws(CommerceError) in try store.orders.history(as: caller) } ?? orders
        }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        guard session.user != nil else {
            drawLookup(into: surface, in: rect)
            return
        }
        let inside = surface.box(rect, title: "Your orders")
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

    private func drawLookup(into surface: any Surface, in rect: Rect) {
        let box = surface.box(rect.centered(Size(width: min(rect.width, 76), height: min(rect.height, 12))), title: "Find an order")
            .inset(dx: 2, dy: 1)
        surface.putLine("The order number and email are in your order confirmation.", in: box.row(0), style: .muted)
        lookup.draw(into: surface, in: Rect(x: box.x, y: box.y + 2, width: box.width, height: min(4, box.height - 3)))
        surface.putLine("Have an account? ctrl-o signs in and lists all your orders.", in: box.row(box.height - 1), style: .muted)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        guard session.user == nil else { return list.navigate(key, count: orders.count, pageSize: 10) ? .handled : nil }
        switch lookup.handle(key) {
        case .edited: return .handled
        case .submitted: return find(context)
        case .ignored: return nil
        }
    }

    /// Looks the order up; a miss is shown under the order number, as for any field.
    private func find(_ context: AppContext) -> ScreenAction {
        guard lookup.validateAll(), let number = OrdersScreen.number(from: lookup.value(of: "Order number") ?? "") else { return .handled }
        let email = (lookup.value(of: "Email") ?? "").trimmingCharacters(in: .whitespaces)
        do {
            _ = try session.store.orders.find(number: number, email: email, from: session.caller)
        } catch {
            if case .notFound = error {
                lookup.fields[0].message = "No order #\(number) was placed with that email."
            } else {
                context.toast(error.description.capitalizedFirst, kind: .error, seconds: 5)
            }
            return .handled
        }
        return .push(OrderDetailScreen(session: session, number: number, email: email))
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move, .field: return .handled
        case .find: return find(context)
        case .open:
            guard orders.indices.contains(list.selected) else { return .handled }
            return .push(OrderDetailScreen(session: session, number: orders[list.selected].number, email: orders[list.selected].email))
        case .signIn:
            let session = self.session
            return .replace(SignInScreen(session: session) { OrdersScreen(session: session) })
        }
    }
}

/// Dates and times of orders, in UTC so every shopper over SSH sees the same.
enum OrderText {
    /// "2026-05-28".
    static func date(_ milliseconds: Int64) -> String { TimeText.date(milliseconds) }
    /// "2026-05-28 14:03".
    static func time(_ milliseconds: Int64) -> String { TimeText.time(milliseconds) }
}
