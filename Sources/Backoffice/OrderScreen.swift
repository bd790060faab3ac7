import Commerce
import Foundation
import TerminalUI

/// One order as staff see it: lines and totals, payments and refunds, the customer and where it
/// ships on the left; the timeline (with who did what) on the right. The footer offers only the
/// actions the order's state allows — process, retry payment, mark paid, ship (carrier + tracking), deliver,
/// cancel, refund part — and each asks for confirmation first.
final class OrderScreen: StaffScreen {
    enum Command { case process, retryPayment, markPaid, ship, deliver, cancel, refund, scrollUp, scrollDown }

    let session: StaffSession
    let number: Int
    private(set) var order: OrderDetail?
    private var customer: UserProfile?
    private var freshness = Freshness()
    private var timelineOffset = 0
    var title: String { "Order #\(number)" }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: StaffSession, number: Int) {
        self.session = session
        self.number = number
    }

    /// What the order's state allows; the key map and the footer follow it.
    private var allowed: [Command] {
        guard let order else { return [] }
        let s = order.summary
        var commands: [Command] = []
        if s.status == .pending, FulfilmentRule.mayProcess(method: order.paymentMethod, payment: s.paymentStatus) { commands.append(.process) }
        if awaitingCharge { commands.append(.retryPayment) }
        if isCashOnDelivery, s.paymentStatus == .pending, s.status != .cancelled { commands.append(.markPaid) }
        if s.status == .processing { commands.append(.ship) }
        if s.status == .shipped { commands.append(.deliver) }
        // An unsettled card charge is settled first (retry payment); the service refuses to cancel under it.
        if s.status.canMove(to: .cancelled), !awaitingCharge { commands.append(.cancel) }
        if refundable.minorUnits > 0 { commands.append(.refund) }
        return commands
    }

    private var isCashOnDelivery: Bool { order?.paymentMethod == "cod" }

    /// A card order whose charge has not settled: its checkout stopped before the gateway's answer came back.
    private var awaitingCharge: Bool {
        guard let order else { return false }
        return order.summary.status == .pending && order.paymentMethod == "card" && order.summary.paymentStatus == .pending
    }

    /// What can still be refunded: what was paid less the refunds so far (the service checks it again).
    private var refundable: Money {
        guard let order, [.paid, .partiallyRefunded].contains(order.summary.paymentStatus) else { return session.store.money(0) }
        return session.store.money(max(0, order.summary.total.minorUnits - order.refunded.minorUnits))
    }

    var keyMap: KeyMap<Command> {
        let all: [KeyBinding<Command>] = [
            KeyBinding([.char("p")], help: "Process", priority: .high, command: .process),
            KeyBinding([.char("t")], help: "Retry payment", priority: .high, command: .retryPayment),
            KeyBinding([.char("m")], help: "Mark paid", priority: .high, command: .markPaid),
            KeyBinding([.char("s")], help: "Ship", priority: .high, command: .ship),
            KeyBinding([.char("d")], help: "Deliver", priority: .high, command: .deliver),
            KeyBinding([.char("x")], help: "Cancel order", command: .cancel),
            KeyBinding([.char("r")], help: "Refund", command: .refund),
        ]
        let allowed = self.allowed
        return KeyMap(all.filter { allowed.contains($0.command) } + [
            KeyBinding([.char("k"), .up], "\(Glyph.up)\(Glyph.down)/jk", help: "Scroll timeline", priority: .low, command: .scrollUp),
            KeyBinding([.char("j"), .down], help: "Scroll timeline down", inFooter: false, command: .scrollDown),
        ])
    }

    var helpNotes: [String] {
        ["Every action is recorded in the order's timeline and the audit log with you as the actor.",
         "A card order is processed only once it is paid; pay-on-delivery orders are marked paid by hand.",
         "A card order whose checkout stopped before the payment's answer came back waits: t asks the payment service what became of the charge and settles the order by its answer (paid, or cancelled with its stock returned)."]
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, number = self.number
        order = session.attempt(context) { () throws(CommerceError) in try store.orders.detail(number: number, as: caller) } ?? order
        customer = order?.userID.flatMap { try? store.accounts.profile($0) }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        guard let order else {
            surface.putLine("Order #\(number) could not be loaded.", in: rect.row(0).inset(dx: 1, dy: 0), style: .error)
            return
        }
        let s = order.summary
        let dot = " \(Glyph.middleDot) "
        let panes = PaneLayout(ratio: 0.58, minPrimary: 44, minSecondary: 30).split(rect)
        let left = surface.box(panes.primary, title: "#\(s.number)" + dot + s.status.rawValue + dot + "payment \(s.paymentStatus.rawValue)")
            .inset(dx: 1, dy: 0)
        var lines = DetailLines(into: surface, in: left)
        func line(_ text: String, _ detail: String = "", _ style: Style = .text) { lines.line(text, detail, style) }
        let who = customer.map { "\($0.name) \(Glyph.middleDot) \($0.role.rawValue)\($0.disabled ? " (disabled)" : "")" } ?? "guest checkout"
        line("Customer: \(s.email) \(Glyph.middleDot) \(who)", "", .accent)
        line("Ships to: " + BackofficeText.oneLine(order.address), "", .muted)
        if let carrier = order.carrier { line("Tracking: \(carrier) \(order.trackingNumber ?? "")", "", .success) }
        lines.gap()
        for l in order.lines {
            line("\(l.quantity) \(Glyph.times) \(l.title)" + (l.variantTitle.isEmpty ? "" : " (\(l.variantTitle))") + (l.sku.map { " \(Glyph.middleDot) \($0)" } ?? ""),
                 l.lineTotal.formatted)
        }
        line("Subtotal", order.subtotal.formatted, .muted)
        if order.discount.minorUnits != 0 { line("Discount \(order.discountCode ?? "")", "\(Glyph.minus)" + order.discount.formatted, .muted) }
        line("Shipping (\(order.shippingMethod))", order.shipping.formatted, .muted)
        line("Tax", order.tax.formatted, .muted)
        line("Total", s.total.formatted, Style.price.with(.bold))
        if order.refunded.minorUnits > 0 { line("Refunded", "\(Glyph.minus)" + order.refunded.formatted, .warning) }
        lines.gap()
        line("Payments (\(order.paymentMethod))", "", .accent)
        for p in order.payments {
            let card = p.cardBrand.map { " \($0) \(p.cardLast4 ?? "")" } ?? ""
            let failure = p.failureMessage.map { " \(Glyph.emDash) \($0)" } ?? ""
            line("\(BackofficeText.time(p.at)) \(p.kind) \(p.status)\(card)\(failure)", p.amount.formatted, p.status == "failed" ? .error : .muted)
        }
        if order.payments.isEmpty { line("No payment recorded yet.", "", .muted) }
        if !allowed.contains(.process), s.status == .pending {
            lines.wrapped("Not paid yet, so it is not packed: " + FulfilmentRule.unpaidRemedy + ".", rows: 2, .warning)
        }
        let timelineRect = panes.secondary ?? Rect(x: left.x - 1, y: lines.y, width: left.width + 2, height: max(0, left.maxY - lines.y + 1))
        guard timelineRect.height >= 3 else { return }
        drawTimeline(order.timeline, into: surface, in: surface.box(timelineRect, title: "Timeline").inset(dx: 1, dy: 0))
    }

    private func drawTimeline(_ events: [OrderEvent], into surface: any Surface, in rect: Rect) {
        var y = rect.y
        timelineOffset = min(timelineOffset, max(0, events.count - 1))
        for event in events.dropFirst(timelineOffset) where y < rect.maxY {
            let what = event.to?.rawValue ?? event.kind
            surface.putLine(BackofficeText.time(event.at) + "  " + what, in: Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .accent)
            y += 1
            guard y < rect.maxY else { break }
            let detail = (event.message.isEmpty ? "" : event.message + " ") + "\(Glyph.middleDot) \(event.actor)"
            y += surface.putWrapped(detail, in: Rect(x: rect.x + 2, y: y, width: rect.width - 2, height: min(2, rect.maxY - y)), style: .muted)
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        guard let order else { return .handled }
        let session = self.session, number = self.number, orders = session.store.orders, caller = session.caller
        let total = order.summary.total.formatted
        switch command {
        case .scrollUp: timelineOffset = max(0, timelineOffset - 1)
        case .scrollDown: timelineOffset += 1
        case .process:
            return confirm("Accept order #\(number) (\(total)) for fulfilment?", done: "Order #\(number) is processing") { () throws(CommerceError) in
                try orders.startProcessing(number: number, by: caller)
            }
        case .retryPayment:
            return .push(ConfirmDialog(message: "Ask the payment service what became of order #\(number)'s card charge (\(total)), and settle the order by its answer?") { yes, context in
                guard yes, let result = session.attempt(context, { () throws(CommerceError) in try orders.retryPayment(number: number, by: caller) }) else { return }
                session.changed()
                context.toast(result.message(number: number), kind: result == .paid ? .success : .info, seconds: 6)
            })
        case .markPaid:
            return confirm("Record that order #\(number) was paid \(total) on delivery?", done: "Order #\(number) marked paid") { () throws(CommerceError) in
                try orders.markPaid(number: number, by: caller)
            }
        case .deliver:
            return confirm("Mark order #\(number) as delivered?", done: "Order #\(number) delivered") { () throws(CommerceError) in
                try orders.deliver(number: number, by: caller)
            }
        case .ship: return .push(shipForm())
        case .cancel: return .push(cancelForm())
        case .refund: return .push(refundForm())
        }
        return .handled
    }

    /// A confirmation that runs `body` on yes, as the staff member.
    private func confirm(_ question: String, done: String, _ body: @escaping () throws(CommerceError) -> Void) -> ScreenAction {
        let session = self.session
        return .push(ConfirmDialog(message: question) { yes, context in
            if yes { session.change(context, done: done, body) }
        })
    }

    private func shipForm() -> FormDialog {
        let session = self.session, number = self.number, orders = session.store.orders, caller = session.caller
        return FormDialog(title: "Ship order #\(number)", intro: "The shopper gets the carrier and tracking number.", fields: [
            FormField("Carrier", field: TextField(placeholder: "like UPS", maxLength: 40)) {
                $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Enter the carrier." : nil
            },
            FormField("Tracking", field: TextField(placeholder: "the tracking number", maxLength: 60)) {
                $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Enter the tracking number." : nil
            },
        ]) { form, _ in
            let carrier = form.trimmed("Carrier"), tracking = form.trimmed("Tracking")
            return .replace(ConfirmDialog(message: "Ship order #\(number) with \(carrier), tracking \(tracking)?") { yes, context in
                guard yes else { return }
                session.change(context, done: "Order #\(number) shipped") { () throws(CommerceError) in
                    try orders.ship(number: number, carrier: carrier, tracking: tracking, by: caller)
                }
            })
        }
    }

    private func cancelForm() -> FormDialog {
        let session = self.session, number = self.number, orders = session.store.orders, caller = session.caller
        let refund = refundable.minorUnits > 0 ? " and \(refundable.formatted) is refunded" : ""
        return FormDialog(title: "Cancel order #\(number)", intro: "Its stock goes back\(refund).", fields: [
            FormField("Reason", field: TextField(placeholder: "shown in the timeline", maxLength: 120)),
        ]) { form, _ in
            let reason = form.trimmed("Reason")
            return .replace(ConfirmDialog(message: "Cancel order #\(number)? Its stock goes back\(refund). This cannot be undone.") { yes, context in
                guard yes else { return }
                session.change(context, done: "Order #\(number) cancelled") { () throws(CommerceError) in
                    try orders.cancel(number: number, reason: reason, by: caller)
                }
            })
        }
    }

    private func refundForm() -> FormDialog {
        let session = self.session, number = self.number, orders = session.store.orders, caller = session.caller
        let currency = session.store.currency, most = refundable
        return FormDialog(title: "Refund order #\(number)", intro: "Up to \(most.formatted) can still be refunded.", fields: [
            FormField("Amount", field: TextField(placeholder: most.decimalString, maxLength: 14)) { text in
                if let problem = BackofficeText.amountProblem(text, currency: currency) { return problem }
                let amount = (try? Money.parse(text, currency: currency))?.minorUnits ?? 0
                return amount > most.minorUnits ? "At most \(most.formatted) can be refunded." : nil
            },
            FormField("Reason", field: TextField(placeholder: "shown in the timeline", maxLength: 120)) {
                $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Say why (the shopper sees it)." : nil
            },
        ]) { form, context in
            guard let amount = try? Money.parse(form.trimmed("Amount"), currency: currency) else { return .handled }
            let reason = form.trimmed("Reason")
            return .replace(ConfirmDialog(message: "Refund \(amount.formatted) of order #\(number) to the shopper?") { yes, context in
                guard yes else { return }
                session.change(context, done: "Refunded \(amount.formatted) of order #\(number)") { () throws(CommerceError) in
                    try orders.refund(number: number, amount: amount, reason: reason, by: caller)
                }
            })
        }
    }
}
