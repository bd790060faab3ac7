import Foundation

/// The database side of one import: matches parsed products with stored ones and writes the difference.
/// Runs inside the import's transaction; problems only the database can reveal become issues.
struct ImportRun {
    let store: Store
    let caller: Caller
    let options: ImportOptions
    let columns: ShopifyColumns
    var report = ImportReport()
    var issues: [ImportIssue] = []
    private var categories: [[String]: CategoryID] = [:]
    private let writer: CatalogWriter

    init(store: Store, caller: Caller, options: ImportOptions, columns: ShopifyColumns) {
        self.store = store
        self.caller = caller
        self.options = options
        self.columns = columns
        self.writer = CatalogWriter(db: store.db, now: store.clock.now())
    }

    private var db: any SQLConnection { store.db }

    /// The stored product fields an import can change.
    private struct ProductFields: Equatable {
        var title: String
        var html: String
        var vendor: String
        var productType: String
        var categoryID: Int64?
        var tags: String
        var status: String
        var published: Bool
        var seoTitle: String
        var seoDescription: String
        var optionNames: [String?]
    }

    private mutating func issue(_ line: Int, _ field: ShopifyField, _ reason: String) {
        let column = columns.column(field) ?? 1
        let name = columns.column(field).map { columns.names[$0 - 1] } ?? field.headers[0]
        issues.append(ImportIssue(line: line, column: column, reason: "\(name): \(reason)"))
    }

    mutating func apply(_ product: ParsedProduct) throws {
        let stored = try db.first("""
            SELECT id, title, description_html, vendor, product_type, category_id, tags, status,
                   option1_name, option2_name, option3_name, published, seo_title, seo_description
            FROM products WHERE handle = ?
            """, product.handle) { row in
            (row.int64(0), ProductFields(title: row.string(1), html: row.string(2), vendor: row.string(3),
                                         productType: row.string(4), categoryID: row.optionalInt64(5), tags: row.string(6),
                                         status: row.string(7), published: row.bool(11), seoTitle: row.string(12),
                                         seoDescription: row.string(13),
                                         optionNames: [row.optionalString(8), row.optionalString(9), row.optionalString(10)]))
        }
        guard let title = product.title ?? stored?.1.title else {
            issue(product.line, .title, "is required for the new product \"\(product.handle)\"")
            return
        }
        var categoryID = stored?.1.categoryID
        if let path = product.categoryPath { categoryID = path.isEmpty ? nil : try category(path).rawValue }
        let names = product.optionNames
        let fields = ProductFields(
            title: title, html: product.bodyHTML ?? stored?.1.html ?? "", vendor: product.vendor ?? stored?.1.vendor ?? "",
            productType: product.productType ?? stored?.1.productType ?? "", categoryID: categoryID,
            tags: product.tags.map { $0.joined(separator: ", ") } ?? stored?.1.tags ?? "",
            status: product.status?.rawValue ?? stored?.1.status ?? ProductStatus.active.rawValue,
            published: product.published ?? stored?.1.published ?? true,
            seoTitle: product.seoTitle ?? stored?.1.seoTitle ?? "", seoDescription: product.seoDescription ?? stored?.1.seoDescription ?? "",
            optionNames: [names.optionAt(0), names.optionAt(1), names.optionAt(2)])
        let productID: Int64
        if let (id, old) = stored {
            productID = id
            if old == fields {
                report.productsUnchanged += 1
            } else {
                try db.execute("""
                    UPDATE products SET title = ?, description = ?, description_html = ?, vendor = ?, product_type = ?,
                        category_id = ?, tags = ?, status = ?, option1_name = ?, option2_name = ?, option3_name = ?,
                        published = ?, seo_title = ?, seo_description = ?, updated_at = ?
                    WHERE id = ?
                    """, values: values(of: fields) + [writer.now, id])
                if old.tags != fields.tags { try writer.replaceTags(product: id, with: product.tags ?? []) }
                report.productsUpdated += 1
            }
        } else {
            productID = try db.insert("""
                INSERT INTO products(title, description, description_html, vendor, product_type, category_id, tags,
                                     status, option1_name, option2_name, option3_name, published, seo_title, seo_description,
                                     handle, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, values: values(of: fields) + [product.handle, writer.now, writer.now])
            try writer.replaceTags(product: productID, with: product.tags ?? [])
            report.productsCreated += 1
        }
        if columns.has(.imageSource) { try replaceImages(of: productID, with: product.images) }
        for (offset, variant) in product.variants.enumerated() {
            try apply(variant, position: offset + 1, product: productID, handle: product.handle)
        }
    }

    private func values(of fields: ProductFields) -> [SQLBindable?] {
        [fields.title, HTMLText.plainText(fields.html), fields.html, fields.vendor, fields.productType, fields.categoryID,
         fields.tags, fields.status, fields.optionNames[0], fields.optionNames[1], fields.optionNames[2],
         fields.published, fields.seoTitle, fields.seoDescription]
    }

    private mutating func category(_ path: [String]) throws -> CategoryID {
        if let known = categories[path] { return known }
        let (id, created) = try writer.category(path: path)
        report.categoriesCreated += created
        categories[path] = id
        return id
    }

    private func replaceImages(of product: Int64, with images: [ParsedImage]) throws {
        let stored = try db.all("SELECT url, position, alt FROM product_images WHERE product_id = ? ORDER BY position, id", product) {
            [$0.string(0), String($0.int(1)), $0.string(2)]
        }
        var wanted: [[String]] = []
        for (offset, image) in images.enumerated() {
            wanted.append([image.url, String(image.position ?? offset + 1), image.alt])
        }
        guard stored != wanted else { return }
        try db.execute("DELETE FROM product_images WHERE product_id = ?", product)
        for image in wanted {
            try db.execute("INSERT INTO product_images(product_id, url, position, alt) VALUES (?, ?, ?, ?)",
                           product, image[0], Int(image[1]) ?? 1, image[2])
        }
    }

    /// A stored variant as the import compares it.
    private struct VariantFields: Equatable {
        var sku: String?
        var options: [String?]
        var price: Int64
        var compareAt: Int64?
        var grams: Int
        var gramsMilli: Int?
        var barcode: String?
        var position: Int
        var archived: Bool
    }

    private mutating func apply(_ variant: ParsedVariant, position: Int, product: Int64, handle: String) throws {
        let select = """
            SELECT id, product_id, sku, option1, option2, option3, price, compare_at_price, grams, position, archived, stock,
                   grams_milli, barcode
            FROM variants
            """
        let read: (Row) -> (id: Int64, product: Int64, fields: VariantFields, stock: Int) = { row in
            (row.int64(0), row.int64(1),
             VariantFields(sku: row.optionalString(2), options: [row.optionalString(3), row.optionalString(4), row.optionalString(5)],
                           price: row.int64(6), compareAt: row.optionalInt64(7), grams: row.int(8),
                           gramsMilli: row.optionalInt64(12).map { Int($0) }, barcode: row.optionalString(13), position: row.int(9),
                           archived: row.bool(10)),
             row.int(11))
        }
        // A variant is its product and option values; the SKU is an attribute that several may share.
        let values = variant.options
        let match = try db.first(select + """
             WHERE product_id = ? AND coalesce(option1, '') = ? AND coalesce(option2, '') = ? AND coalesce(option3, '') = ?
            """, product, values.optionAt(0) ?? "", values.optionAt(1) ?? "", values.optionAt(2) ?? "", map: read)
        let grams = variant.grams ?? match?.fields.grams ?? 0
        let gramsMilli = variant.grams == nil ? match?.fields.gramsMilli : variant.gramsMilli
        let fields = VariantFields(sku: columns.has(.sku) ? variant.sku : match?.fields.sku,
                                   options: [variant.options.optionAt(0), variant.options.optionAt(1), variant.options.optionAt(2)],
                                   price: variant.price.minorUnits, compareAt: variant.compareAtPrice?.minorUnits,
                                   grams: grams, gramsMilli: gramsMilli,
                                   barcode: columns.has(.barcode) ? variant.barcode : match?.fields.barcode,
                                   position: position, archived: false)
        let id: Int64
        do {
            if let match {
                id = match.id
                if match.fields == fields {
                    report.variantsUnchanged += 1
                } else {
                    try db.execute("""
                        UPDATE variants SET sku = ?, option1 = ?, option2 = ?, option3 = ?, price = ?, compare_at_price = ?,
                            grams = ?, grams_milli = ?, barcode = ?, position = ?, archived = 0, updated_at = ?
                        WHERE id = ?
                        """, values: [fields.sku, fields.options[0], fields.options[1], fields.options[2], fields.price,
                                      fields.compareAt, fields.grams, fields.gramsMilli, fields.barcode, position, writer.now, id])
                    report.variantsUpdated += 1
                }
            } else {
                id = try db.insert("""
                    INSERT INTO variants(product_id, sku, option1, option2, option3, price, compare_at_price, grams, grams_milli,
                                         barcode, position, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, values: [product, fields.sku, fields.options[0], fields.options[1], fields.options[2], fields.price,
                                  fields.compareAt, fields.grams, fields.gramsMilli, fields.barcode, position, writer.now, writer.now])
                report.variantsCreated += 1
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            issue(variant.line, variant.options.isEmpty ? .sku : .option1Value,
                  "clashes with another variant of \"\(handle)\" that has the same option values")
            return
        }
        guard let quantity = variant.quantity else { return }
        let stored = match?.stock ?? 0
        let (delta, overflow) = quantity.subtractingReportingOverflow(stored)
        guard !overflow else {
            issue(variant.line, .inventoryQuantity, "cannot replace the stored stock of \(stored) with \(quantity)")
            return
        }
        guard delta != 0 else { return }
        try writer.recordStock(variant: id, delta: delta, reason: .import, note: "import of \(options.fileName)", actor: caller.userID)
        report.stockChanges += 1
        let units = Int(clamping: delta.magnitude)
        if delta > 0 { report.unitsAdded = Self.total(report.unitsAdded, units) } else { report.unitsRemoved = Self.total(report.unitsRemoved, units) }
    }

    /// `a + b`, held at `Int.max` rather than trapping (stored stock from before the cap may be huge).
    private static func total(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }
}
