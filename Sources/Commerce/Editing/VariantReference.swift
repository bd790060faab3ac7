import Foundation

/// Finding the one variant a person names: by SKU, by `HANDLE/OPTION1/OPTION2…`, or by its id.
/// SKUs are not unique (Shopify allows any number of variants to share one), so a SKU that names
/// several variants is refused with the list of them, and nothing is changed.
extension ProductEditor {
    /// The variant `reference` names. Tried in order: an exact SKU; `HANDLE` or `HANDLE/OPTION1/…`
    /// (a handle alone names a product's only variant); a variant id (digits). `.conflict` lists the
    /// candidates when a SKU or handle names more than one variant; `.notFound` when nothing matches.
    public func variantID(reference: String) throws(CommerceError) -> VariantID {
        let text = reference.trimmedText
        guard !text.isEmpty else { throw .invalid(field: "variant", reason: "give a SKU, HANDLE/OPTION… or a variant id") }
        return try store.read { () throws -> VariantID in
            let bySKU = try candidates(where: "v.sku = ?", text)
            if bySKU.count == 1 { return bySKU[0].id }
            if bySKU.count > 1 { throw CommerceError.conflict(ambiguity("the SKU \"\(text)\"", bySKU)) }
            if let match = try byHandleAndOptions(text) { return match }
            if text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let id = Int64(text),
               let found = try candidates(where: "v.id = ?", id).first {
                return found.id
            }
            throw CommerceError.notFound("no variant with the SKU, HANDLE/OPTION… or id \"\(text)\"")
        }
    }

    /// The id of the variant with `sku`; `.conflict` listing them when several share it, else `.notFound`.
    public func variantID(sku: String) throws(CommerceError) -> VariantID {
        let found = try store.read { try candidates(where: "v.sku = ?", sku) }
        guard let first = found.first else { throw .notFound("no variant with SKU \"\(sku)\"") }
        guard found.count == 1 else { throw .conflict(ambiguity("the SKU \"\(sku)\"", found)) }
        return first.id
    }

    /// A live or archived variant with the name a person would type back for it.
    private struct Candidate {
        let id: VariantID
        let name: String
    }

    private func candidates(where condition: String, _ value: SQLBindable) throws -> [Candidate] {
        try db.all("""
            SELECT v.id, p.handle, v.option1, v.option2, v.option3 FROM variants v JOIN products p ON p.id = v.product_id
            WHERE \(condition) ORDER BY p.handle, v.position, v.id
            """, value) { row in
            let options = [row.optionalString(2), row.optionalString(3), row.optionalString(4)].compactMap { $0 }
            return Candidate(id: VariantID(row.int64(0)), name: ([row.string(1)] + options).joined(separator: "/"))
        }
    }

    /// `HANDLE` alone or `HANDLE/` followed by the option values joined with "/" (values may hold "/").
    private func byHandleAndOptions(_ text: String) throws -> VariantID? {
        let handle = CatalogRules.normalizedProductHandle(String(text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]))
        let rest = text.firstIndex(of: "/").map { String(text[text.index(after: $0)...]) }
        let variants = try candidates(where: "p.handle = ?", handle)
        guard !variants.isEmpty else { return nil }
        guard let rest else {
            if variants.count == 1 { return variants[0].id }
            throw CommerceError.conflict(ambiguity("the product \"\(handle)\"", variants))
        }
        let wanted = handle + "/" + rest
        return variants.first { $0.name.lowercased() == wanted.lowercased() }?.id
    }

    private func ambiguity(_ what: String, _ found: [Candidate]) -> String {
        let shown = found.prefix(20).map { "\($0.name) (variant \($0.id))" }.joined(separator: ", ")
        let more = found.count > 20 ? " and \(found.count - 20) more" : ""
        return "\(what) names \(found.count) variants: \(shown)\(more); name one as HANDLE/OPTION… or by its variant id. Nothing was changed."
    }
}
