import Commerce
import TerminalUI

/// Checkout in steps: contact email → address (a saved one or a new one) → shipping method →
/// payment (card or pay on delivery) → review with totals recomputed → place → confirmation.
/// The checkout token is made once per checkout, so pressing "place" twice yields one order; a
/// declined card keeps the cart and starts a fresh attempt with a new token.
final class CheckoutScreen: Screen {
    enum Command { case move, next, viewOrder }
    enum Step: Int, CaseIterable { case contact, address, shipping, payment, card, review, done }

    let title = "Checkout"
    let session: ShopSession
    private(set) var step = Step.contact
    private(set) var token = Checkout.newToken()
    private var contact: Form
    private var addressForm: Form
    private var cardForm = CheckoutForms.card()
    private var saved: [Address] = []
    private var address: Address?
    private var methods: [ShippingMethod] = []
    private var review: CheckoutReview?
    private var payOnDelivery = false
    /// The order once placed.
    private(set) var placed: PlacedOrder?
    /// A problem to show on the current step (a declined card, a stock change).
    private(set) var problem: String?
    private let choice = ListState()
    var minimumSize: Size { Size(width: 60, height: 18) }
    var isEditingText: Bool { focusedForm != nil }
    var isFocusedTextEmpty: Bool { focusedForm?.isFocusedValueEmpty ?? false }

    /// The form the current step types into, if any.
    private var focusedForm: Form? {
        switch step {
        case .contact: contact
        case .card: cardForm
        case .address where saved.isEmpty: addressForm
        default: nil
        }
    }

    init(session: ShopSession) {
        self.session = session
        contact = CheckoutForms.contact(email: session.user?.email ?? "")
        addressForm = CheckoutForms.address(name: session.user?.name ?? "")
        saved = (try? session.store.addresses.list(as: session.caller)) ?? []
        methods = (try? session.store.pricing.shippingMethods()) ?? []
    }

    /// The cart's subtotal after its discount, for saying which shipping is free.
    private var discountedSubtotal: Money? {
        guard let totals = try? session.store.carts.cart(as: session.caller).totals else { return nil }
        return (try? totals.subtotal.subtracting(totals.discount)) ?? totals.subtotal
    }

    var keyMap: KeyMap<Command> {
        switch step {
        case .contact, .card: return [KeyBinding([.tab], "Tab/\(Glyph.up)\(Glyph.down)", help: "Field", command: .move),
                                      KeyBinding([.enter], help: "Next", command: .next)]
        case .address where saved.isEmpty: return [KeyBinding([.tab], "Tab/\(Glyph.up)\(Glyph.down)", help: "Field", command: .move),
                                                   KeyBinding([.enter], help: "Next", command: .next)]
        case .address, .shipping, .payment: return [.move(.move), KeyBinding([.enter], help: "Choose", command: .next)]
        case .review: return [KeyBinding([.enter, .char("p")], "Enter/p", help: "Place order", command: .next)]
        case .done: return [KeyBinding([.char("o")], help: "View order", command: .viewOrder)]
        }
    }

    // MARK: Drawing

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let steps = ["Contact", "Address", "Shipping", "Payment", "Review", "Done"]
        let tab = step == .card ? 3 : step.rawValue > Step.card.rawValue ? step.rawValue - 1 : step.rawValue
        TabBar(titles: steps, selected: tab).draw(into: surface, in: rect.splitTop(2).0.inset(dx: 1, dy: 0))
        var body = Rect(x: rect.x + 2, y: rect.y + 3, width: rect.width - 4, height: rect.height - 3)
        if let problem {
            // The whole problem, wrapped, below the step (a decline says what to do next).
            let rows = min(TextLayout.wrap(problem, width: body.width).count, max(1, body.height / 3))
            body.height -= rows + 1
            surface.putWrapped(problem, in: Rect(x: body.x, y: body.maxY + 1, width: body.width, height: rows), style: Style.error)
        }
        switch step {
        case .contact:
            heading("Where should we send the receipt?", surface, body)
            contact.draw(into: surface, in: body.splitTop(2).1)
        case .address:
            if saved.isEmpty {
                heading("Shipping address", surface, body)
                addressForm.draw(into: surface, in: body.splitTop(2).1)
            } else {
                heading("Ship to a saved address, or a new one", surface, body)
                let rows = saved.map { ListRow(CheckoutScreen.oneLine($0), detail: $0.isDefault ? "default" : "") }
                    + [ListRow("New address\(Glyph.ellipsis)", style: .accent)]
                ListView(count: rows.count, state: choice) { rows[$0] }.draw(into: surface, in: body.splitTop(2).1)
            }
        case .shipping:
            heading("Shipping method", surface, body)
            let methods = self.methods
            let subtotal = discountedSubtotal
            ListView(count: methods.count, state: choice) { i in
                let method = methods[i]
                let note = subtotal.map { ShippingText.freeNote(method, subtotal: $0) } ?? ""
                let free = note.hasPrefix("free on")
                return ListRow(ShippingText.method(method) + (note.isEmpty ? "" : " \(Glyph.middleDot) \(note)"),
                               detail: free ? "free" : method.price.formatted, detailStyle: free ? .success : .price)
            }.draw(into: surface, in: body.splitTop(2).1)
        case .payment:
            heading("How would you like to pay?", surface, body)
            ListView(count: 2, state: choice) { $0 == 0 ? ListRow("Card") : ListRow("Pay on delivery", detail: "pay the courier") }
                .draw(into: surface, in: body.splitTop(2).1)
        case .card:
            heading("Card details", surface, body)
            cardForm.draw(into: surface, in: Rect(x: body.x, y: body.y + 2, width: body.width, height: 6))
            surface.putWrapped(CheckoutForms.testCardHint, in: Rect(x: body.x, y: body.y + 9, width: body.width, height: 2), style: .muted)
        case .review: drawReview(into: surface, in: body)
        case .done: drawDone(into: surface, in: body)
        }
    }

    private func heading(_ text: String, _ surface: any Surface, _ rect: Rect) {
        surface.putLine(text, in: rect.row(0), style: Style.accent)
    }

    private func drawReview(into surface: any Surface, in rect: Rect) {
        guard let review, let address else { return }
        heading("Review your order", surface, rect)
        var y = rect.y + 2
        let payment = payOnDelivery ? "Pay on delivery" : "Card " + CheckoutScreen.masked(cardForm.value(of: "Card number") ?? "")
        for line in ["To: \(CheckoutScreen.oneLine(address))", "Email: \(contact.value(of: "Email") ?? "")", "Payment: \(payment)"] {
            surface.putLine(line, in: Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .muted)
            y += 1
        }
        y += 1
        for change in review.changes where y < rect.maxY {
            surface.putLine("! " + change, in: Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .warning)
            y += 1
        }
        let priceWidth = 12
        let t = review.totals
        var rows = [("Subtotal", t.subtotal.formatted), (ShippingText.label(t), t.shipping.formatted), (t.taxRate?.name ?? "Tax", t.tax.formatted)]
        if t.discount.minorUnits != 0 { rows.insert(("Discount", "\(Glyph.minus)" + t.discount.formatted), at: 1) }
        rows.append(("Total", t.total.formatted))
        // Lines as the cart shows them (quantity × title, the line's total); when they do not all
        // fit above the totals, the last row says how many more there are.
        let room = max(0, rect.maxY - y - rows.count - 1)
        let lines = review.lines
        for (index, line) in lines.enumerated() where index < room {
            if index == room - 1 && lines.count > room {
                surface.putLine("\(Glyph.ellipsis) and \(lines.count - index) more", in: Rect(x: rect.x, y: y, width: rect.width, height: 1), style: .muted)
                y += 1
                break
            }
            let name = "\(line.quantity) \(Glyph.times) \(line.title)" + (line.variantTitle.isEmpty ? "" : " (\(line.variantTitle))")
            let total = (try? line.unitPrice.multiplied(by: Int64(line.quantity)))?.formatted ?? ""
            surface.putLine(name, in: Rect(x: rect.x, y: y, width: rect.width - priceWidth - 1, height: 1),
                            style: line.quantity > line.available ? .warning : .text)
            surface.putLine(total, in: Rect(x: rect.maxX - priceWidth, y: y, width: priceWidth, height: 1), style: .price, alignRight: true)
            y += 1
        }
        y += 1
        for (label, value) in rows where y < rect.maxY {
            let style = label == "Total" ? Style.price.with(.bold) : .muted
            surface.putLine(label, in: Rect(x: rect.x, y: y, width: rect.width - priceWidth - 1, height: 1), style: style)
            surface.putLine(value, in: Rect(x: rect.maxX - priceWidth, y: y, width: priceWidth, height: 1), style: style, alignRight: true)
            y += 1
        }
    }

    private func drawDone(into surface: any Surface, in rect: Rect) {
        guard let placed else { return }
        surface.putLine("Thank you! Order #\(placed.number) is placed.", in: rect.row(0), style: Style.success.with(.bold))
        let payment = placed.paymentStatus == .paid ? "Paid \(placed.total.formatted) by card." : "\(placed.total.formatted) to pay on delivery."
        surface.putLine(payment, in: rect.row(2))
        surface.putLine("Status: \(placed.status.rawValue.lowercased()). Press o to follow the order, Esc to keep shopping.", in: rect.row(3), style: .muted)
    }

    /// An address on one line, region included: "Ada, 1 Main St, Springfield, IL 62701, US".
    static func oneLine(_ a: Address) -> String {
        let regionAndCode = [a.region, a.postalCode].filter { !$0.isEmpty }.joined(separator: " ")
        return [a.name, a.line1, a.line2, a.city, regionAndCode, a.country].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// A card number as "•••• 4242".
    static func masked(_ number: String) -> String {
        String(repeating: Glyph.bullet.rawValue, count: 4) + " " + String(number.filter(\.isNumber).suffix(4))
    }

    // MARK: Keys

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        if key == .escape { return back() }
        switch step {
        case .contact: return formKey(contact.handle(key), context)
        case .card: return formKey(cardForm.handle(key), context)
        case .address where saved.isEmpty: return formKey(addressForm.handle(key), context)
        case .address: return choice.navigate(key, count: saved.count + 1, pageSize: 8) ? .handled : nil
        case .shipping: return choice.navigate(key, count: methods.count, pageSize: 8) ? .handled : nil
        case .payment: return choice.navigate(key, count: 2, pageSize: 2) ? .handled : nil
        case .review, .done: return nil
        }
    }

    /// What a form's answer to a key means for the screen (the form is not being accessed any more,
    /// so `next` may validate it).
    private func formKey(_ event: Form.Event, _ context: AppContext) -> ScreenAction? {
        switch event {
        case .edited: return .handled
        case .submitted: next(context); return .handled
        case .ignored: return nil
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: break
        case .next: next(context)
        case .viewOrder:
            if let placed { return .replace(OrderDetailScreen(session: session, number: placed.number, email: contact.value(of: "Email") ?? "")) }
        }
        return .handled
    }

    private func back() -> ScreenAction {
        problem = nil
        switch step {
        case .contact, .done: return .pop
        case .address: go(.contact)
        case .shipping: go(.address)
        case .payment: go(.shipping)
        case .card: go(.payment)
        case .review: go(payOnDelivery ? .payment : .card)
        }
        return .handled
    }

    private func go(_ next: Step) {
        step = next
        choice.first()
    }

    /// Moves on from the current step once its input is valid.
    private func next(_ context: AppContext) {
        problem = nil
        switch step {
        case .contact:
            if contact.validateAll() { go(.address) }
        case .address: chooseAddress(context)
        case .shipping: if !methods.isEmpty { prepareReview(context, from: .shipping) }
        case .payment:
            payOnDelivery = choice.selected == 1
            if payOnDelivery { prepareReview(context, from: .payment) } else { go(.card) }
        case .card:
            guard cardForm.validateAll() else { return }
            do { _ = try cardDetails() } catch {
                if !cardForm.show(error) { problem = error.description.capitalizedFirst }
                return
            }
            prepareReview(context, from: .card)
        case .review: place(context)
        case .done: break
        }
    }

    private func chooseAddress(_ context: AppContext) {
        if !saved.isEmpty, choice.selected < saved.count {
            address = saved[choice.selected]
            go(.shipping)
            return
        }
        if !saved.isEmpty {
            saved = []
            return
        }
        guard addressForm.validateAll() else { return }
        do {
            address = try CheckoutForms.address(from: addressForm).validated()
            go(.shipping)
        } catch {
            if !addressForm.show(error) { problem = error.description.capitalizedFirst }
        }
    }

    private func cardDetails() throws(CommerceError) -> CardDetails {
        try CardDetails(number: cardForm.value(of: "Card number") ?? "", expiry: cardForm.value(of: "Expiry") ?? "", cvc: cardForm.value(of: "CVC") ?? "")
    }

    private var selectedMethod = 0

    /// Prices the cart now (the review step) and lists what changed since the shopper looked.
    private func prepareReview(_ context: AppContext, from current: Step) {
        if current == .shipping { selectedMethod = choice.selected }
        guard let address else { return }
        let store = session.store, caller = session.caller, email = contact.value(of: "Email") ?? "", token = self.token
        let method = methods.indices.contains(selectedMethod) ? methods[selectedMethod].id : nil
        let reviewed = session.attempt(context) { () throws(CommerceError) -> CheckoutReview in
            let cart = try store.carts.cart(as: caller)
            guard !cart.isEmpty else { throw .notAllowed("your cart is empty") }
            let items = cart.lines.map { CheckoutItem(variant: $0.variantID, quantity: $0.quantity, seenUnitPrice: $0.priceWhenAdded) }
            return try store.checkout.review(CheckoutRequest(token: token, email: email, items: items, address: address, shippingMethod: method,
                                                             discountCode: cart.discountCode, payment: .payOnDelivery), as: caller)
        }
        guard let reviewed else { return }
        review = reviewed
        go(current == .shipping ? .payment : .review)
    }

    /// Places the order once: the step leaves `.review` before anything else can press again.
    private func place(_ context: AppContext) {
        guard placed == nil, let review, let address else { return }
        guard review.canPlace else {
            problem = "Some items are no longer available in that quantity; go back to the cart to change them."
            return
        }
        let payment: PaymentChoice
        if payOnDelivery { payment = .payOnDelivery } else {
            guard let card = try? cardDetails() else { go(.card); return }
            payment = .card(card)
        }
        let email = contact.value(of: "Email") ?? ""
        do {
            placed = try session.store.checkout.placeCart(token: token, email: email, address: address, shippingMethod: shippingMethodForPlace,
                                                           payment: payment, reviewedTotal: review.totals.total, as: session.caller)
            go(.done)
            context.toast("Order placed", kind: .success)
        } catch .paymentDeclined(let why) {
            token = Checkout.newToken()
            problem = "Payment declined: \(why) Your cart is kept: enter another card, or press Esc to choose pay on delivery."
            go(.card)
        } catch {
            problem = error.description.capitalizedFirst
            if case .notAllowed = error { prepareReview(context, from: .card) }
        }
        session.changed()
    }

    private var shippingMethodForPlace: ShippingMethodID? {
        methods.indices.contains(selectedMethod) ? methods[selectedMethod].id : nil
    }
}
