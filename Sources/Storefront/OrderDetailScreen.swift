import Commerce
import TerminalUI

/// One order: its lines and totals, where it ships, and its timeline of events.
final class OrderDetailScreen: Screen {
    let session: ShopSession
    let number: Int
    let email: String
    private var order: OrderDetail?
    private var freshness = Freshness()
    var title: String { "Order #\(number)" }
    let keyMap: KeyMap<NoCommand> = []
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession, number: Int, email: String) {
        self.session = session
        self.number = number
        self.email = email
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, number = self.number, email = self.email
        order = session.attempt(context) { () throws(CommerceError) in
            caller.userID == nil ? try store.orders.find(number: number, email: email, from: caller) : try store.orders.detail(number: number, as: caller)
        } ?? order
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        guard let order else { return }
        let s = order.summary
        let panes = PaneLayout(ratio: 0.5, minPrimary: 40, minSecondary: 36).split(rect)
        let dot = " \(Glyph.middleDot) "
        let left = surface.box(panes.primary, title: "#\(s.number)" + dot + s.status.rawValue.capitalized + dot + "payment \(s.paymentStatus.rawValue)")
            .inset(dx: 1, dy: 0)
        var y = left.y
        func line(_ text: String, _ detail: String = "", _ style: Style = .text) {
            guard y < left.maxY else { return }
            surface.putLine(text, in: Rect(x: left.x, y: y, width: left.width - 13, height: 1), style: style)
            if !detail.isEmpty { surface.putLine(detail, in: Rect(x: left.maxX - 12, y: y, width: 12, height: 1), style: .price, alignRight: true) }
            y += 1
        }
        for l in order.lines { line("\(l.quantity) \(Glyph.times) \(l.title)" + (l.variantTitle.isEmpty ? "" : " (\(l.variantTitle))"), l.lineTotal.formatted) }
        y += 1
        line("Subtotal", order.subtotal.formatted, .muted)
        if order.discount.minorUnits != 0 { line("Discount \(order.discountCode ?? "")", "\(Glyph.minus)" + order.discount.formatted, .muted) }
        line("Shipping (\(order.shippingMethod))", order.shipping.formatted, .muted)
        line("Tax", order.tax.formatted, .muted)
        line("Total", s.total.formatted, Style.price.with(.bold))
        y += 1
        line("Ships to: " + CheckoutScreen.oneLine(order.address), "", .muted)
        if let carrier = order.carrier { line("Tracking: \(carrier) \(order.trackingNumber ?? "")", "", .accent) }
        let timelineRect = panes.secondary ?? Rect(x: left.x - 1, y: y, width: left.width + 2, height: left.maxY - y + 1)
        drawTimeline(order.timeline, into: surface, in: surface.box(timelineRect, title: "Timeline").inset(dx: 1, dy: 0))
    }

    private func drawTimeline(_ events: [OrderEvent], into surface: any Surface, in rect: Rect) {
        var y = rect.y
        for event in events where y < rect.maxY {
            surface.putLine(OrderText.time(event.at) + "  " + (event.to?.rawValue.capitalized ?? event.kind), in: Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .accent)
            y += 1
            if !event.message.isEmpty { y += surface.putWrapped(event.message, in: Rect(x: rect.x + 2, y: y, width: rect.width - 2, height: min(2, rect.maxY - y)), style: .muted) }
        }
    }

    func perform(_ command: NoCommand, context: AppContext) -> ScreenAction {}
}
