import Commerce
import TerminalUI

/// The cart: lines with quantities, price-changed and stock flags in the warning colour, a
/// discount code field and the totals. Enter goes to checkout.
final class CartScreen: Screen {
    enum Command { case move, more, less, remove, discount, checkout, nav(NavCommand) }

    let title = "Cart"
    let session: ShopSession
    private var cart: CartView?
    private let list = ListState()
    private var codeField = TextField(placeholder: "code, then Enter", maxLength: 32)
    private var isEditingCode = false
    private var freshness = Freshness()
    var isEditingText: Bool { isEditingCode }
    var isFocusedTextEmpty: Bool { codeField.text.isEmpty }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession) { self.session = session }

    /// The cart's keys; an empty cart offers only the ways out (nothing to change or buy).
    var keyMap: KeyMap<Command> {
        let nav = NavCommand.bindings(Command.nav, session: session).filter { $0.help != "Cart" }
        guard !lines.isEmpty else { return KeyMap(nav) }
        return KeyMap([
            .move(.move),
            KeyBinding([.char("+"), .char("=")], "+/-", help: "Quantity", command: .more),
            KeyBinding([.char("-")], help: "One fewer", inFooter: false, command: .less),
            KeyBinding([.char("x"), .delete], "x", help: "Remove", command: .remove),
            KeyBinding([.char("d")], help: "Discount code", command: .discount),
            KeyBinding([.enter], help: "Checkout", priority: .high, command: .checkout),
        ] + nav)
    }

    private var lines: [CartLine] { cart?.lines ?? [] }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        cart = session.attempt(context) { () throws(CommerceError) in try store.carts.cart(as: caller) } ?? cart
        list.select(list.selected, count: lines.count)
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let (top, bottom) = rect.splitBottom(min(9, rect.height / 2))
        let count = cart?.itemCount ?? 0
        let inside = surface.box(top, title: "Cart \(Glyph.middleDot) \(count) item\(count == 1 ? "" : "s")")
        let lines = self.lines
        ListView(count: lines.count, state: list, isFocused: !isEditingCode,
                 emptyText: "Your cart is empty. Press Esc to keep shopping, / to search.") { i in
            CartScreen.row(lines[i])
        }.draw(into: surface, in: inside)
        drawTotals(into: surface, in: surface.box(bottom, title: "Totals").inset(dx: 1, dy: 0))
    }

    /// A cart line: quantity, title and line total; flagged lines in the warning colour.
    static func row(_ line: CartLine) -> ListRow {
        let dash = " \(Glyph.emDash) "
        var text = "\(line.quantity) \(Glyph.times) \(line.title)"
        var flagged = false
        if let change = line.priceChanged {
            text += dash + "price changed from \(change.from.formatted) to \(change.to.formatted)"
            flagged = true
        }
        if !line.forSale {
            text += dash + "no longer sold"
            flagged = true
        } else if line.insufficientStock {
            text += dash + (line.stock == 0 ? "sold out" : "only \(line.stock) left")
            flagged = true
        } else if line.stock <= 3 {
            text += dash + "low stock (\(line.stock) left)"
            flagged = true
        }
        return ListRow(text, detail: line.lineTotal.formatted, style: flagged ? .warning : .text, detailStyle: .price)
    }

    private func drawTotals(into surface: any Surface, in rect: Rect) {
        guard let cart, rect.height > 0 else { return }
        guard !cart.isEmpty else {
            surface.putLine("Nothing to pay yet.", in: rect.row(0), style: .muted)
            return
        }
        let totals = cart.totals
        let label = isEditingCode ? "Discount code (Enter applies, Esc cancels): " : "Discount code: "
        let x = rect.x + surface.put(label, at: Point(x: rect.x, y: rect.y), style: isEditingCode ? .accent : .muted)
        if isEditingCode {
            codeField.draw(into: surface, in: Rect(x: x, y: rect.y, width: min(24, rect.maxX - x), height: 1), focused: true)
        } else if let code = cart.discountCode {
            surface.put(code, at: Point(x: x, y: rect.y), style: cart.discountProblem == nil ? .success : .warning)
            if let problem = cart.discountProblem {
                surface.put("  " + problem, at: Point(x: x + code.count, y: rect.y), style: .warning, maxWidth: rect.maxX - x - code.count)
            }
        } else {
            surface.put("none (press d)", at: Point(x: x, y: rect.y), style: .muted)
        }
        var rows: [(String, Money, Style)] = [("Subtotal", totals.subtotal, .text)]
        if totals.discount.minorUnits != 0 { rows.append(("Discount", totals.discount, .success)) }
        rows.append((ShippingText.label(totals), totals.shipping, .text))
        if totals.tax.minorUnits != 0 || totals.taxRate != nil { rows.append((totals.taxRate?.name ?? "Tax", totals.tax, .text)) }
        rows.append(("Total", totals.total, Style.price.with(.bold)))
        for (i, row) in rows.enumerated() where i + 2 < rect.height {
            let line = rect.row(i + 2)
            surface.putLine(row.0, in: Rect(x: line.x, y: line.y, width: line.width - 14, height: 1), style: row.2 == .text ? .muted : row.2)
            surface.putLine((row.0 == "Discount" ? "\(Glyph.minus)" : "") + row.1.formatted, in: Rect(x: line.maxX - 14, y: line.y, width: 14, height: 1),
                            style: row.2 == .text ? .price : row.2, alignRight: true)
        }
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        if isEditingCode {
            switch key {
            case .escape: isEditingCode = false
            case .enter: applyCode(context)
            default:
                _ = codeField.handle(key)
                if codeField.wasCut { context.toast("Discount codes are at most \(codeField.maxLength ?? 0) characters.", kind: .error) }
            }
            return .handled
        }
        return list.navigate(key, count: lines.count, pageSize: 8) ? .handled : nil
    }

    private func applyCode(_ context: AppContext) {
        let code = codeField.text.trimmingCharacters(in: .whitespaces)
        let store = session.store, caller = session.caller
        let applied = session.attempt(context) { () throws(CommerceError) in
            code.isEmpty ? try store.discounts.removeDiscount(as: caller) : try store.discounts.applyDiscount(code: code, as: caller)
        }
        guard applied != nil else { return }
        isEditingCode = false
        session.changed()
        context.toast(code.isEmpty ? "Discount removed" : "Discount \(code.uppercased()) applied", kind: .success)
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        let selected = lines.indices.contains(list.selected) ? lines[list.selected] : nil
        switch command {
        case .move: break
        case .more: if let selected { change(selected, to: selected.quantity + 1, context) }
        case .less: if let selected { change(selected, to: selected.quantity - 1, context) }
        case .remove: if let selected { change(selected, to: 0, context) }
        case .discount:
            codeField.setText(cart?.discountCode ?? "")
            isEditingCode = true
        case .checkout:
            guard let cart, !cart.isEmpty else {
                context.toast("Your cart is empty", kind: .error)
                return .handled
            }
            return .push(CheckoutScreen(session: session))
        case .nav(let nav): return nav.action(session)
        }
        return .handled
    }

    private func change(_ line: CartLine, to quantity: Int, _ context: AppContext) {
        let store = session.store, caller = session.caller
        let done = session.attempt(context) { () throws(CommerceError) in
            quantity <= 0 ? try store.carts.remove(variant: line.variantID, as: caller)
                : try store.carts.setQuantity(variant: line.variantID, quantity, as: caller)
        }
        guard done != nil else { return }
        session.changed()
        if quantity <= 0 { context.toast("Removed \(line.title)") }
    }
}
