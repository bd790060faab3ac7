import Commerce
import Foundation
import TerminalUI

/// The product editor's variant forms: a new variant, a variant's options/SKU/price/compare-at price/barcode/weight, and the
/// confirmation that archives one. Each names its fields so the service's complaint lands under the field.
extension ProductEditScreen {
    /// Option value fields, one per option name of the product, prefilled with `values`.
    private func optionFields(_ product: ProductDetail, values: [String] = []) -> [FormField] {
        product.optionNames.enumerated().map { index, name in
            var field = TextField(maxLength: 120)
            if values.indices.contains(index) { field.setText(values[index]) }
            return FormField(optionLabel(name), field: field) { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Enter a value for \(name)." : nil }
        }
    }

    /// A label for an option that cannot clash with the fixed fields' labels.
    private func optionLabel(_ name: String) -> String { "Option \(name)" }

    /// Service field names mapped to this product's labels; option errors go under the first option.
    private func variantLabels(_ product: ProductDetail) -> [String: String] {
        var labels = ["sku": "SKU", "price": "Price", "stock": "Stock", "grams": "Weight (g)",
                      "compareAtPrice": "Compare-at", "barcode": "Barcode"]
        if let first = product.optionNames.first { labels["options"] = optionLabel(first) }
        return labels
    }

    private func priceField(_ value: String) -> FormField {
        let currency = session.store.currency
        var field = TextField(placeholder: "12.50", maxLength: 12)
        field.setText(value)
        return FormField("Price", field: field) { text in
            (try? Money.parse(text.trimmingCharacters(in: .whitespaces), currency: currency)) == nil ? "Enter an amount like 12.50." : nil
        }
    }

    /// The optional "was" price; the service checks it against the price.
    private func compareAtField(_ value: String) -> FormField {
        let currency = session.store.currency
        var field = TextField(placeholder: "optional", maxLength: 12)
        field.setText(value)
        return FormField("Compare-at", field: field) { text in
            let text = text.trimmingCharacters(in: .whitespaces)
            return text.isEmpty || (try? Money.parse(text, currency: currency)) != nil ? nil : "Enter an amount like 15.00, or leave it empty."
        }
    }

    private func barcodeField(_ value: String) -> FormField {
        var field = TextField(placeholder: "optional", maxLength: 60)
        field.setText(value)
        return FormField("Barcode", field: field)
    }

    private func wholeNumberField(_ label: String, _ value: String, placeholder: String) -> FormField {
        var field = TextField(placeholder: placeholder, maxLength: 9)
        field.setText(value)
        return FormField(label, field: field) { Int($0.trimmingCharacters(in: .whitespaces)) == nil ? "Enter a whole number, like \(placeholder)." : nil }
    }

    /// The form that adds a variant (option values, SKU, price, opening stock).
    func newVariantForm(_ product: ProductDetail) -> FormDialog {
        let editor = session.store.productEditor, caller = session.caller, currency = session.store.currency, id = self.id
        let names = product.optionNames.map(optionLabel)
        let fields = optionFields(product) + [FormField("SKU", field: TextField(placeholder: "optional", maxLength: 80)),
                                              priceField(""), compareAtField(""), barcodeField(""),
                                              wholeNumberField("Stock", "0", placeholder: "12")]
        return save(title: "New variant of \(product.summary.title)", intro: "The opening stock goes into the ledger as a restock.",
                    fields: fields, labels: variantLabels(product)) { form throws(CommerceError) in
            var draft = VariantDraft(price: try Self.price(form, currency), sku: Self.sku(form), options: names.map { form.trimmed($0) })
            draft.compareAtPrice = try Self.compareAt(form, currency)
            draft.barcode = Self.optional(form, "Barcode")
            draft.stock = Int(form.trimmed("Stock")) ?? 0
            _ = try editor.addVariant(to: id, draft, by: caller)
        }
    }

    /// The form that edits a variant's option values, SKU, price, compare-at price, barcode and weight.
    func editVariantForm(_ product: ProductDetail, _ variant: VariantDetail) -> FormDialog {
        let editor = session.store.productEditor, caller = session.caller, currency = session.store.currency
        let names = product.optionNames.map(optionLabel)
        var sku = TextField(placeholder: "none", maxLength: 80)
        sku.setText(variant.sku ?? "")
        let fields = optionFields(product, values: variant.options)
            + [FormField("SKU", field: sku), priceField(variant.price.decimalString), compareAtField(variant.compareAt?.decimalString ?? ""),
               barcodeField(variant.barcode ?? ""), wholeNumberField("Weight (g)", String(variant.grams), placeholder: "250")]
        return save(title: "Variant \(variant.sku ?? variant.title)", intro: "Changes are audited; carts see the new price from now on.",
                    fields: fields, labels: variantLabels(product)) { form throws(CommerceError) in
            var changes = VariantChanges()
            if !names.isEmpty { changes.options = names.map { form.trimmed($0) } }
            changes.sku = .some(Self.sku(form))
            changes.price = try Self.price(form, currency)
            changes.compareAtPrice = .some(try Self.compareAt(form, currency))
            // An imported barcode is checked by the stricter typed rule only once staff change it.
            let barcode = Self.optional(form, "Barcode")
            if barcode != variant.barcode { changes.barcode = .some(barcode) }
            changes.grams = Int(form.trimmed("Weight (g)"))
            try editor.updateVariant(variant.id, changes, by: caller)
        }
    }

    /// Asks, naming the variant, before taking it off sale.
    func archiveConfirmation(_ product: ProductDetail, _ variant: VariantDetail) -> ConfirmDialog {
        let session = self.session, editor = session.store.productEditor, caller = session.caller
        let name = "\(product.summary.title) \(Glyph.middleDot) \(variant.title)" + (variant.sku.map { " (\($0))" } ?? "")
        return ConfirmDialog(message: "Archive the variant \(name)? Shoppers can no longer buy it; past orders keep it.") { yes, context in
            guard yes else { return }
            _ = session.change(context, done: "Archived \(name)") { () throws(CommerceError) in try editor.archiveVariant(variant.id, by: caller) }
        }
    }

    private static func price(_ form: Form, _ currency: Currency) throws(CommerceError) -> Money {
        guard let price = try? Money.parse(form.trimmed("Price"), currency: currency) else {
            throw .invalid(field: "price", reason: "enter an amount like 12.50")
        }
        return price
    }

    private static func sku(_ form: Form) -> String? { optional(form, "SKU") }

    /// The field's trimmed text, nil when empty.
    private static func optional(_ form: Form, _ label: String) -> String? {
        let text = form.trimmed(label)
        return text.isEmpty ? nil : text
    }

    /// The compare-at price typed, nil when left empty.
    private static func compareAt(_ form: Form, _ currency: Currency) throws(CommerceError) -> Money? {
        let text = form.trimmed("Compare-at")
        if text.isEmpty { return nil }
        guard let amount = try? Money.parse(text, currency: currency) else {
            throw .invalid(field: "compareAtPrice", reason: "enter an amount like 15.00, or leave it empty")
        }
        return amount
    }
}
