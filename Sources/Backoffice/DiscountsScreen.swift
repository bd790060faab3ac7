import Commerce
import Foundation
import TerminalUI

/// The discount codes: value, minimum, uses so far against the limit, when they expire and whether
/// they still work. `n` creates a code (errors shown under their field), `x` deactivates one after a
/// confirmation (it stays for the orders that used it); `/` filters.
final class DiscountsScreen: TableScreen {
    enum Command { case move, filter, create, deactivate, section(SectionCommand) }

    let title = "Discounts"
    let session: StaffSession
    let table = FilteredTable<DiscountCode>(texts: { [$0.code, DiscountsScreen.valueText($0.value), $0.active ? "active" : "inactive"] },
                                                    identity: { $0.id })
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: StaffSession) { self.session = session }

    private var selected: DiscountCode? { table.selected }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [.move(.move), .filter(.filter),
                                               KeyBinding([.char("n")], help: "New code", priority: .high, command: .create)]
        if selected?.active == true { bindings.append(KeyBinding([.char("x")], help: "Deactivate", priority: .high, command: .deactivate)) }
        return KeyMap(bindings + SectionCommand.bindings(Command.section, session: session))
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        table.load(session, context) { () throws(CommerceError) in try store.discounts.list(by: caller) }
    }

    /// "10%" or "$5.00".
    static func valueText(_ value: DiscountValue) -> String {
        switch value {
        case .percent(let percent): "\(percent)%"
        case .fixed(let amount): amount.formatted
        }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let rest = Section.discounts.drawBar(into: surface, in: rect)
        let columns = [TableColumn("Code", width: .flexible(weight: 1, minimum: 10)), TableColumn("Value", width: .fixed(9), alignRight: true),
                       TableColumn("Minimum", width: .fixed(10), alignRight: true), TableColumn("Uses", width: .fixed(9), alignRight: true),
                       TableColumn("Expires", width: .fixed(10)), TableColumn("State", width: .fixed(8))]
        let active = table.items.filter(\.active).count
        table.draw(into: surface, in: rest, title: "Discount codes \(Glyph.middleDot) \(active) active", empty: "No discount codes yet; n creates one.",
                   columns: columns) { c in
            [c.code, DiscountsScreen.valueText(c.value), c.minimumSubtotal.minorUnits == 0 ? "" : c.minimumSubtotal.formatted,
             "\(c.usedCount)" + (c.usageLimit.map { "/\($0)" } ?? ""), c.expiresAt.map(BackofficeText.date) ?? "never", c.active ? "active" : "inactive"]
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        let session = self.session, discounts = session.store.discounts, caller = session.caller
        switch command {
        case .move: return .handled
        case .filter: table.beginFilter()
        case .section(let section): return section.action(from: .discounts, session)
        case .create: return .push(createForm())
        case .deactivate:
            guard let code = selected else { return .handled }
            return .push(ConfirmDialog(message: "Deactivate \(code.code)? Carts can no longer use it; past orders keep it.") { yes, context in
                guard yes else { return }
                session.change(context, done: "\(code.code) deactivated") { () throws(CommerceError) in
                    try discounts.deactivate(code: code.code, by: caller)
                }
            })
        }
        return .handled
    }

    private func createForm() -> FormDialog {
        let session = self.session, discounts = session.store.discounts, caller = session.caller, currency = session.store.currency
        return FormDialog(title: "New discount code", intro: "A percentage like 10% or an amount like 5.00 off.", fields: [
            FormField("Code", field: TextField(placeholder: "like SPRING10", maxLength: 32)) {
                $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Enter a code of 3 to 32 letters, digits, - or _." : nil
            },
            FormField("Value", field: TextField(placeholder: "10% or 5.00", maxLength: 12)) {
                DiscountsScreen.value(from: $0, currency: currency) == nil ? "Enter a percentage like 10% or an amount like 5.00." : nil
            },
            FormField("Minimum", field: TextField(placeholder: "subtotal needed, empty for none", maxLength: 12)) {
                $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : BackofficeText.amountProblem($0, currency: currency)
            },
            FormField("Uses", field: TextField(placeholder: "how many orders, empty for any", maxLength: 7)) {
                let text = $0.trimmingCharacters(in: .whitespaces)
                return text.isEmpty || Int(text) != nil ? nil : "Enter a whole number, or leave it empty."
            },
        ]) { form, context in
            guard let value = DiscountsScreen.value(from: form.trimmed("Value"), currency: currency) else { return .handled }
            var draft = DiscountCodeDraft(code: form.trimmed("Code"), value: value)
            draft.minimumSubtotal = try? Money.parse(form.trimmed("Minimum"), currency: currency)
            draft.usageLimit = Int(form.trimmed("Uses"))
            do throws(CommerceError) {
                let created = try discounts.createCode(draft, by: caller)
                session.changed()
                context.toast("\(created.code) created", kind: .success)
                return .pop
            } catch {
                let labels = ["code": "Code", "percent": "Value", "amount": "Value", "minimum subtotal": "Minimum", "usage limit": "Uses"]
                if case .conflict(let why) = error {
                    form.reject("Code", message: why.capitalizedFirst + ".")
                } else if !form.show(error, labels: labels) {
                    context.toast(error.description.capitalizedFirst, kind: .error, seconds: 5)
                }
                return .handled
            }
        }
    }

    /// "10%" as a percentage, "5.00" as an amount; nil for anything else.
    nonisolated static func value(from text: String, currency: Currency) -> DiscountValue? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("%") { return Int(text.dropLast().trimmingCharacters(in: .whitespaces)).map(DiscountValue.percent) }
        return (try? Money.parse(text, currency: currency)).map(DiscountValue.fixed)
    }
}
