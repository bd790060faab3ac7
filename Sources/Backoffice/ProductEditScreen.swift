import Commerce
import Foundation
import TerminalUI

/// One product for staff: its fields and category, and its variants with price and stock. `e`
/// edits the product (handle, title, vendor, type, tags), `p` the selected variant's price, `a`
/// moves its stock by a number of units with a reason (restock or adjustment) into the ledger, `l`
/// shows the product's stock ledger; `n` adds a variant, Enter or `o` edits the selected one's option
/// values, SKU, price and weight, `x` archives it after asking by name (archived variants leave the
/// list). Each form shows the service's complaint under the field it is about.
final class ProductEditScreen: StaffScreen {
    enum Command { case move, edit, price, adjust, ledger, newVariant, editVariant, archiveVariant }

    let session: StaffSession
    let id: ProductID
    private(set) var product: ProductDetail?
    private let list = ListState()
    private var freshness = Freshness()
    var title: String { product.map { "Product \($0.summary.handle)" } ?? "Product" }
    var minimumSize: Size { Size(width: 60, height: 16) }
    let keyMap: KeyMap<Command> = [
        .move(.move), KeyBinding([.char("e")], help: "Edit product", priority: .high, command: .edit),
        KeyBinding([.char("p")], help: "Variant price", priority: .high, command: .price),
        KeyBinding([.char("a")], help: "Adjust stock", priority: .high, command: .adjust),
        KeyBinding([.char("l")], help: "Ledger", priority: .high, command: .ledger),
        KeyBinding([.char("n")], help: "New variant", command: .newVariant),
        KeyBinding([.enter, .char("o")], "Enter/o", help: "Edit variant", command: .editVariant),
        KeyBinding([.char("x")], help: "Archive variant", command: .archiveVariant),
    ]

    init(session: StaffSession, id: ProductID) {
        self.session = session
        self.id = id
    }

    /// The variants on sale, in order; archived ones stay in order history, not in this list.
    var variants: [VariantDetail] { product?.variants.filter { !$0.archived } ?? [] }

    var variant: VariantDetail? {
        let variants = self.variants
        return variants.indices.contains(list.selected) ? variants[list.selected] : nil
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, id = self.id
        product = session.attempt(context) { () throws(CommerceError) in try store.catalog.product(id: id, caller: caller) } ?? product
        list.select(list.selected, count: variants.count)
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        guard let product else { return }
        let s = product.summary
        let (top, bottom) = rect.splitTop(7)
        var lines = DetailLines(into: surface, in: surface.box(top, title: s.title).inset(dx: 1, dy: 0), detailWidth: 14)
        lines.line("Handle: \(s.handle) \(Glyph.middleDot) \(s.status.rawValue)", "\(s.unitsSold) sold", .accent, detailStyle: .muted)
        lines.line("Vendor: \(s.vendor)" + (product.productType.isEmpty ? "" : " \(Glyph.middleDot) type: \(product.productType)"), "", .muted)
        lines.line("Category: " + (product.categoryPath.isEmpty ? "none" : product.categoryPath.map(\.name).joined(separator: " \(Glyph.pointer) ")), "", .muted)
        lines.line("Tags: " + (product.tags.isEmpty ? "none" : product.tags.joined(separator: ", ")), "", .muted)
        lines.line("Rating: \(s.rating.count) reviews", "stock \(s.stockTotal)", .muted, detailStyle: .text)
        let variants = self.variants
        let options = product.optionNames.isEmpty ? "Variant" : product.optionNames.joined(separator: " / ")
        let columns = [TableColumn("SKU", width: .flexible(weight: 1, minimum: 10)), TableColumn(options, width: .flexible(weight: 1, minimum: 10)),
                       TableColumn("Price", width: .fixed(11), alignRight: true, style: .price), TableColumn("Stock", width: .fixed(6), alignRight: true)]
        TableView(columns: columns, count: variants.count, state: list) { i in
            let v = variants[i]
            return [v.sku ?? "", v.options.isEmpty ? "default" : v.options.joined(separator: " / "), v.price.formatted, "\(v.stock)"]
        }.draw(into: surface, in: surface.box(bottom, title: "Variants \(Glyph.middleDot) \(variants.count)"))
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        list.navigate(key, count: variants.count, pageSize: 10) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        guard let product else { return .handled }
        let session = self.session, editor = session.store.productEditor, caller = session.caller, id = self.id
        switch command {
        case .move: return .handled
        case .ledger: return .push(StockLedgerScreen(session: session, product: id, title: product.summary.title))
        case .newVariant: return .push(newVariantForm(product))
        case .editVariant: return variant.map { .push(editVariantForm(product, $0)) } ?? .handled
        case .archiveVariant: return variant.map { .push(archiveConfirmation(product, $0)) } ?? .handled
        case .edit:
            let s = product.summary
            return .push(save(title: "Edit \(s.title)", intro: "Changes are audited and shoppers see them at once.", fields: [
                prefilled("Handle", s.handle, 80), prefilled("Title", s.title, 200), prefilled("Vendor", s.vendor, 120),
                prefilled("Type", product.productType, 120), prefilled("Tags", product.tags.joined(separator: ", "), 300),
            ], labels: ["handle": "Handle", "title": "Title", "vendor": "Vendor", "productType": "Type", "tags": "Tags"]) { form throws(CommerceError) in
                var changes = ProductChanges()
                changes.handle = form.trimmed("Handle")
                changes.title = form.trimmed("Title")
                changes.vendor = form.trimmed("Vendor")
                changes.productType = form.trimmed("Type")
                changes.tags = form.trimmed("Tags").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                try editor.updateProduct(id, changes, by: caller)
            })
        case .price:
            guard let variant else { return .handled }
            let currency = session.store.currency
            return .push(save(title: "Price of \(variant.sku ?? "the variant")", intro: "The new price applies to carts from now on.", fields: [
                FormField("Price", field: { var f = TextField(maxLength: 12); f.setText(variant.price.decimalString); return f }()) {
                    BackofficeText.amountProblem($0, currency: currency)
                },
            ], labels: ["price": "Price"]) { form throws(CommerceError) in
                var changes = VariantChanges()
                changes.price = try? Money.parse(form.trimmed("Price"), currency: currency)
                try editor.updateVariant(variant.id, changes, by: caller)
            })
        case .adjust:
            guard let variant else { return .handled }
            return .push(save(title: "Stock of \(variant.sku ?? "the variant") \(Glyph.middleDot) \(variant.stock) now",
                              intro: "A change like +12 (restock) or -3 (adjustment) goes into the stock ledger.", fields: [
                FormField("Change", field: TextField(placeholder: "+12 or -3", maxLength: 7)) {
                    Int($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "+", with: "")).map { $0 == 0 ? "Enter a change other than 0." : nil }
                        ?? "Enter a whole number of units, like +12 or -3."
                },
                FormField("Reason", field: TextField(placeholder: "restock or adjustment", maxLength: 12)) {
                    ["restock", "adjustment"].contains($0.trimmingCharacters(in: .whitespaces).lowercased()) ? nil : "Enter restock or adjustment."
                },
                FormField("Note", field: TextField(placeholder: "why, for the ledger", maxLength: 120)),
            ], labels: ["delta": "Change", "reason": "Reason"]) { form throws(CommerceError) in
                let delta = Int(form.trimmed("Change").replacingOccurrences(of: "+", with: "")) ?? 0
                let reason = StockReason(rawValue: form.trimmed("Reason").lowercased()) ?? .adjustment
                try editor.adjustStock(variant.id, by: delta, reason: reason, note: form.trimmed("Note"), by: caller)
            })
        }
    }

    func prefilled(_ label: String, _ value: String, _ limit: Int) -> FormField {
        var field = TextField(maxLength: limit)
        field.setText(value)
        return FormField(label, field: field)
    }

    /// A form whose submit runs `body` (see `FormDialog.saving`).
    func save(title: String, intro: String, fields: [FormField], labels: [String: String],
                      _ body: @escaping (Form) throws(CommerceError) -> Void) -> FormDialog {
        FormDialog.saving(title: title, intro: intro, fields: fields, labels: labels, session: session, done: "Saved", body)
    }
}
