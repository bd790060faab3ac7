import Foundation

/// Staff-only changes to the catalog: products, variants, stock and categories.
/// Every call checks the caller's role, validates each field (errors name it), writes in one
/// transaction and records the change in the audit log.
public struct ProductEditor {
    let store: Store
    var db: any SQLConnection { store.db }

    /// Creates a product with its variants (at least one). Returns its id.
    public func createProduct(_ draft: ProductDraft, variants: [VariantDraft], by caller: Caller) throws(CommerceError) -> ProductID {
        try caller.require(.staff, to: "edit products")
        let handle = draft.handle ?? CatalogRules.slug(draft.title)
        try check("handle", CatalogRules.productHandleProblem(handle))
        try check("title", CatalogRules.titleProblem(draft.title))
        try checkText(title: draft.title, vendor: draft.vendor, productType: draft.productType, tags: draft.tags,
                      descriptionHTML: draft.descriptionHTML)
        let optionNames = try validOptionNames(draft.optionNames)
        guard !variants.isEmpty else {
            throw .invalid(field: "variants", reason: "a product needs at least one variant (it carries the price)")
        }
        for variant in variants { try validate(variant, optionCount: optionNames.count) }
        return try store.write {
            try requireFreeHandle(handle, except: nil)
            if let category = draft.categoryID { try requireCategory(category) }
            let writer = CatalogWriter(db: db, now: store.clock.now())
            let tags = CatalogRules.normalizedTags(draft.tags)
            let product = try db.insert("""
                INSERT INTO products(handle, title, description, description_html, vendor, product_type, category_id,
                                     tags, status, option1_name, option2_name, option3_name, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values: [handle, draft.title.trimmedText, HTMLText.plainText(draft.descriptionHTML), draft.descriptionHTML,
                              draft.vendor.trimmedText, draft.productType.trimmedText, draft.categoryID, tags.joined(separator: ", "),
                              draft.status.rawValue, optionNames.optionAt(0), optionNames.optionAt(1), optionNames.optionAt(2),
                              writer.now, writer.now])
            try writer.replaceTags(product: product, with: tags)
            for (offset, variant) in variants.enumerated() {
                _ = try insertVariant(variant, product: product, position: offset + 1, caller: caller, writer: writer)
            }
            try store.audit.record(caller, action: "product.create", entity: "product", entityID: product,
                                   detail: ["handle": handle, "title": draft.title.trimmedText, "variants": String(variants.count)])
            return ProductID(product)
        }
    }

    /// Changes the given fields of a product.
    public func updateProduct(_ id: ProductID, _ changes: ProductChanges, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        if let handle = changes.handle { try check("handle", CatalogRules.productHandleProblem(handle)) }
        if let title = changes.title { try check("title", CatalogRules.titleProblem(title)) }
        try checkText(title: changes.title, vendor: changes.vendor, productType: changes.productType, tags: changes.tags,
                      descriptionHTML: changes.descriptionHTML)
        let optionNames = try changes.optionNames.map { names throws(CommerceError) in try validOptionNames(names) }
        try store.write {
            let current = try currentOptionNames(of: id)
            var sets: [String] = []
            var values: [SQLBindable?] = []
            var changed: [String: String] = [:]
            func set(_ column: String, _ value: SQLBindable?, _ shown: String) {
                sets.append("\(column) = ?")
                values.append(value)
                changed[column] = shown
            }
            if let handle = changes.handle {
                try requireFreeHandle(handle, except: id)
                set("handle", handle, handle)
            }
            if let title = changes.title { set("title", title.trimmedText, title.trimmedText) }
            if let html = changes.descriptionHTML {
                set("description_html", html, "\(html.count) characters")
                set("description", HTMLText.plainText(html), "derived")
            }
            if let vendor = changes.vendor { set("vendor", vendor.trimmedText, vendor.trimmedText) }
            if let type = changes.productType { set("product_type", type.trimmedText, type.trimmedText) }
            if let category = changes.categoryID {
                if let category { try requireCategory(category) }
                set("category_id", category, category.map { String($0.rawValue) } ?? "none")
            }
            if let status = changes.status { set("status", status.rawValue, status.rawValue) }
            if let names = optionNames {
                guard names.count == current.count else {
                    throw CommerceError.invalid(field: "optionNames", reason: """
                        the product's variants use \(current.count) option(s) (\(current.joined(separator: ", "))); \
                        give \(current.count) name(s) to rename them
                        """)
                }
                set("option1_name", names.optionAt(0), names.joined(separator: ", "))
                set("option2_name", names.optionAt(1), "")
                set("option3_name", names.optionAt(2), "")
            }
            if let tags = changes.tags {
                let normalized = CatalogRules.normalizedTags(tags)
                set("tags", normalized.joined(separator: ", "), normalized.joined(separator: ", "))
                try CatalogWriter(db: db, now: store.clock.now()).replaceTags(product: id.rawValue, with: normalized)
            }
            guard !sets.isEmpty else { return }
            set("updated_at", store.clock.now(), "")
            changed["updated_at"] = nil
            try db.execute("UPDATE products SET \(sets.joined(separator: ", ")) WHERE id = ?", values: values + [id])
            try store.audit.record(caller, action: "product.update", entity: "product", entityID: id.rawValue, detail: changed)
        }
    }

    /// Takes a product off sale (status `archived`); its history stays.
    public func archiveProduct(_ id: ProductID, by caller: Caller) throws(CommerceError) {
        var changes = ProductChanges()
        changes.status = .archived
        try updateProduct(id, changes, by: caller)
    }

    /// The id of the product with `handle`, or `.notFound`. Staff see archived and draft products too.
    public func productID(handle: String) throws(CommerceError) -> ProductID {
        let stored = handle.precomposedStringWithCanonicalMapping
        let found = try store.read { try db.scalarInt("SELECT id FROM products WHERE handle = ?", stored) }
        guard let found else { throw .notFound("no product with handle \"\(handle)\"") }
        return ProductID(found)
    }

    // MARK: Shared checks

    /// Throws `.invalid(field:reason:)` when `problem` is not nil.
    func check(_ field: String, _ problem: String?) throws(CommerceError) {
        if let problem { throw .invalid(field: field, reason: problem) }
    }

    /// Refuses control characters (ESC among them) in product text that terminals show; nil fields are not checked.
    func checkText(title: String?, vendor: String?, productType: String?, tags: [String]?, descriptionHTML: String?) throws(CommerceError) {
        if let title { try check("title", CatalogRules.controlCharacterProblem(title.trimmedText)) }
        if let vendor { try check("vendor", CatalogRules.controlCharacterProblem(vendor.trimmedText)) }
        if let productType { try check("productType", CatalogRules.controlCharacterProblem(productType.trimmedText)) }
        for tag in CatalogRules.normalizedTags(tags ?? []) { try check("tags", CatalogRules.controlCharacterProblem(tag)) }
        if let descriptionHTML {
            try check("descriptionHTML", CatalogRules.controlCharacterProblem(descriptionHTML, allowLineBreaks: true)
                      ?? HTMLText.controlEntityProblem(descriptionHTML))
        }
    }

    func validOptionNames(_ names: [String]) throws(CommerceError) -> [String] {
        let trimmed = names.map(\.trimmedText)
        guard trimmed.count <= 3 else { throw .invalid(field: "optionNames", reason: "at most 3 options (got \(trimmed.count))") }
        if trimmed.contains("") { throw .invalid(field: "optionNames", reason: "option names must not be blank") }
        for name in trimmed { try check("optionNames", CatalogRules.controlCharacterProblem(name)) }
        if Set(trimmed.map { $0.lowercased() }).count != trimmed.count {
            throw .invalid(field: "optionNames", reason: "option names must differ from each other")
        }
        return trimmed
    }

    func requireFreeHandle(_ handle: String, except id: ProductID?) throws {
        if let owner = try db.first("SELECT id, title FROM products WHERE handle = ?", handle, map: { ($0.int64(0), $0.string(1)) }),
           owner.0 != id?.rawValue {
            throw CommerceError.conflict("handle: \"\(handle)\" is already used by the product \"\(owner.1)\"; choose another handle")
        }
    }

    func requireCategory(_ id: CategoryID) throws {
        guard try db.scalarInt("SELECT 1 FROM categories WHERE id = ?", id) != nil else {
            throw CommerceError.invalid(field: "category", reason: "no category with id \(id)")
        }
    }

    func currentOptionNames(of product: ProductID) throws -> [String] {
        guard let names = try db.first("SELECT option1_name, option2_name, option3_name FROM products WHERE id = ?", product,
                                       map: { [$0.optionalString(0), $0.optionalString(1), $0.optionalString(2)] }) else {
            throw CommerceError.notFound("no product with id \(product)")
        }
        return names.compactMap { $0 }
    }
}

extension Store {
    /// Staff-only catalog editing for this store.
    public var productEditor: ProductEditor { ProductEditor(store: self) }
}

extension String {
    /// The text without leading and trailing whitespace.
    var trimmedText: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

extension Array where Element == String {
    /// The element at `index`, or nil past the end.
    func optionAt(_ index: Int) -> String? { index < count ? self[index] : nil }
}
