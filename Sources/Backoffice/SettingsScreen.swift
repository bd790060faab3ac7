import Commerce
import Foundation
import TerminalUI

/// The shop's settings: store name, currency, low-stock threshold, each shipping method (price,
/// free-shipping threshold, on or off) and each tax rate. Enter edits the selected one in a form;
/// the service validates every value and its complaint is shown under the field. Admins only change
/// settings; staff see them.
final class SettingsScreen: StaffScreen {
    enum Command { case move, edit, section(SectionCommand) }

    /// One row of the list: what it is, its value, and what Enter edits.
    struct Row {
        let name: String
        let value: String
        let edit: Edit
    }

    enum Edit {
        case storeName(String), currency(String), lowStock(Int), shipping(ShippingMethodSetting), tax(TaxRate)
    }

    let title = "Settings"
    let session: StaffSession
    private var rows: [Row] = []
    private let list = ListState()
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }
    private var isAdmin: Bool { session.user.role == .admin }

    init(session: StaffSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        KeyMap([.move(.move)] + (isAdmin ? [KeyBinding([.enter], help: "Edit", priority: .high, command: .edit)] : [])
               + SectionCommand.bindings(Command.section, session: session))
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        guard let settings = session.attempt(context, { () throws(CommerceError) in try store.shopSettings.current(as: caller) }) else { return }
        var rows = [Row(name: "Store name", value: settings.storeName, edit: .storeName(settings.storeName)),
                    Row(name: "Currency", value: settings.currencyCode, edit: .currency(settings.currencyCode)),
                    Row(name: "Low-stock threshold", value: "\(settings.lowStockThreshold) units", edit: .lowStock(settings.lowStockThreshold))]
        for s in settings.shippingMethods {
            let free = s.method.freeOver.map { " \(Glyph.middleDot) free over \($0.formatted)" } ?? ""
            rows.append(Row(name: "Shipping: \(s.method.name)", value: s.method.price.formatted + free + (s.active ? "" : " \(Glyph.middleDot) off"),
                            edit: .shipping(s)))
        }
        for t in settings.taxRates {
            let place = t.region.isEmpty ? t.country : "\(t.country)-\(t.region)"
            rows.append(Row(name: "Tax \(place): \(t.name)", value: SettingsScreen.percent(t.basisPoints) + (t.appliesToShipping ? " \(Glyph.middleDot) on shipping" : ""),
                            edit: .tax(t)))
        }
        self.rows = rows
        list.select(list.selected, count: rows.count)
    }

    /// "8.25%".
    static func percent(_ basisPoints: Int64) -> String {
        let whole = basisPoints / 100, part = basisPoints % 100
        return part == 0 ? "\(whole)%" : "\(whole).\(part < 10 ? "0" : "")\(part)%".replacingOccurrences(of: "0%", with: "%")
    }

    /// "8.25" (percent) as 825 basis points; nil unless a number with at most two decimals.
    nonisolated static func basisPoints(_ text: String) -> Int64? {
        let parts = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "%", with: "").split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int64(parts[0]), whole >= 0 else { return nil }
        let fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isNumber) else { return nil }
        return whole * 100 + (Int64(fraction.padding(toLength: 2, withPad: "0", startingAt: 0)) ?? 0)
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        var rest = Section.settings.drawBar(into: surface, in: rect)
        if !isAdmin {
            surface.putLine("Only admins change settings.", in: rest.row(0).inset(dx: 1, dy: 0), style: .muted)
            rest = rest.splitTop(1).1
        }
        let rows = self.rows
        let inside = surface.box(rest, title: "Settings")
        TableView(columns: [TableColumn("Setting", width: .flexible(weight: 1, minimum: 20)), TableColumn("Value", width: .flexible(weight: 1, minimum: 20))],
                  count: rows.count, state: list) { [rows[$0].name, rows[$0].value] }.draw(into: surface, in: inside)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        list.navigate(key, count: rows.count, pageSize: 10) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .section(let section): return section.action(from: .settings, session)
        case .edit:
            guard isAdmin, rows.indices.contains(list.selected) else { return .handled }
            return .push(form(for: rows[list.selected]))
        }
    }

    /// A form for one setting; on submit the service is called and a field error stays in the form.
    private func form(for row: Row) -> FormDialog {
        let session = self.session, settings = session.store.shopSettings, caller = session.caller, currency = session.store.currency
        func field(_ label: String, _ value: String, _ limit: Int, validate: @escaping @Sendable (String) -> String? = { _ in nil }) -> FormField {
            var text = TextField(maxLength: limit)
            text.setText(value)
            return FormField(label, field: text, validate: validate)
        }
        let yesNo: @Sendable (String) -> String? = { ["y", "n", "yes", "no"].contains($0.lowercased()) ? nil : "Enter y or n." }
        let fields: [FormField]
        let labels: [String: String]
        let save: (Form) throws(CommerceError) -> Void
        switch row.edit {
        case .storeName(let name):
            fields = [field("Name", name, 80)]
            labels = ["store name": "Name", "name": "Name"]
            save = { form throws(CommerceError) in try settings.setStoreName(form.trimmed("Name"), by: caller) }
        case .currency(let code):
            fields = [field("Code", code, 3)]
            labels = ["currency": "Code"]
            save = { form throws(CommerceError) in try settings.setCurrency(code: form.trimmed("Code"), by: caller) }
        case .lowStock(let threshold):
            fields = [field("Units", "\(threshold)", 6) { Int($0.trimmingCharacters(in: .whitespaces)) == nil ? "Enter a whole number of units." : nil }]
            labels = ["low-stock threshold": "Units"]
            save = { form throws(CommerceError) in try settings.setLowStockThreshold(Int(form.trimmed("Units")) ?? -1, by: caller) }
        case .shipping(let s):
            fields = [field("Name", s.method.name, 60),
                      field("Price", s.method.price.decimalString, 12) { BackofficeText.amountProblem($0, currency: currency) == nil || $0.trimmingCharacters(in: .whitespaces) == "0" ? nil : "Enter a price like 4.95." },
                      field("Free over", s.method.freeOver?.decimalString ?? "", 12) {
                          $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : BackofficeText.amountProblem($0, currency: currency)
                      },
                      field("Active", s.active ? "y" : "n", 3, validate: yesNo)]
            labels = ["name": "Name", "price": "Price", "free over": "Free over", "freeOver": "Free over"]
            save = { form throws(CommerceError) in
                let free = form.trimmed("Free over")
                let changes = ShippingMethodChanges(name: form.trimmed("Name"), price: try? Money.parse(form.trimmed("Price"), currency: currency),
                                                    freeOver: .some(free.isEmpty ? nil : try? Money.parse(free, currency: currency)),
                                                    active: form.trimmed("Active").lowercased().hasPrefix("y"))
                try settings.updateShippingMethod(code: s.method.code, changes, by: caller)
            }
        case .tax(let t):
            fields = [field("Name", t.name, 60),
                      field("Rate %", SettingsScreen.percent(t.basisPoints).replacingOccurrences(of: "%", with: ""), 6) {
                          SettingsScreen.basisPoints($0) == nil ? "Enter a percentage like 8.25." : nil
                      },
                      field("On shipping", t.appliesToShipping ? "y" : "n", 3, validate: yesNo)]
            labels = ["name": "Name", "rate": "Rate %"]
            save = { form throws(CommerceError) in
                try settings.setTaxRate(country: t.country, region: t.region, name: form.trimmed("Name"),
                                        basisPoints: SettingsScreen.basisPoints(form.trimmed("Rate %")) ?? -1,
                                        appliesToShipping: form.trimmed("On shipping").lowercased().hasPrefix("y"), by: caller)
            }
        }
        return FormDialog.saving(title: row.name, intro: "Enter saves; Esc leaves it as it is.", fields: fields, labels: labels,
                                 session: session, done: "\(row.name) saved", save)
    }
}
