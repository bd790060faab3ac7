import Foundation

/// Writes the catalog as a Shopify product CSV in the legacy header set: one row per live variant
/// (product cells only on the first), then extra rows for images beyond the variant rows.
/// Importing the result gives back the same catalog, so export → import round-trips.
public struct ShopifyExporter {
    let store: Store

    /// An exporter for `store`.
    public init(store: Store) { self.store = store }

    /// The header row the exporter writes.
    public static let header = [
        "Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Type", "Tags", "Published",
        "Option1 Name", "Option1 Value", "Option2 Name", "Option2 Value", "Option3 Name", "Option3 Value",
        "Variant SKU", "Variant Grams", "Variant Inventory Tracker", "Variant Inventory Qty", "Variant Inventory Policy",
        "Variant Fulfillment Service", "Variant Price", "Variant Compare At Price", "Variant Requires Shipping",
        "Variant Taxable", "Variant Barcode", "Image Src", "Image Position", "Image Alt Text", "Gift Card",
        "SEO Title", "SEO Description", "Status",
    ]

    /// Every product (any status), in the order they were created, written through `sink` in chunks.
    /// Only staff may export.
    public func export(by caller: Caller, to sink: (String) -> Void) throws(CommerceError) {
        try caller.require(.staff, to: "export products")
        try store.read {
            try store.db.transaction(.deferred) {
                var writer = CSVWriter()
                writer.append(ShopifyExporter.header)
                var paths: [Int64: String] = [:]
                let catalog = CatalogWriter(db: store.db, now: store.clock.now())
                try store.db.forEach("""
                    SELECT id, handle, title, description_html, description, vendor, category_id, product_type, tags, status,
                           option1_name, option2_name, option3_name, published, seo_title, seo_description
                    FROM products ORDER BY id
                    """) { row in
                    var product = ExportProduct(row: row)
                    if let category = row.optionalInt64(6) {
                        if paths[category] == nil { paths[category] = try catalog.categoryPath(of: category).joined(separator: " > ") }
                        product.categoryPath = paths[category] ?? ""
                    }
                    try write(product, into: &writer)
                    if writer.text.utf8.count > 1 << 20 {
                        sink(writer.text)
                        writer = CSVWriter()
                    }
                }
                sink(writer.text)
            }
        }
    }

    /// The whole export as one string (for tests and small shops).
    public func exportText(by caller: Caller) throws(CommerceError) -> String {
        var text = ""
        try export(by: caller) { text += $0 }
        return text
    }

    /// Thousandths of a gram as Shopify's decimal grams, without trailing zeros (`12500` → `12.5`).
    static func grams(milli: Int64) -> String {
        let whole = milli / 1000, fraction = milli % 1000
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }

    private func write(_ product: ExportProduct, into writer: inout CSVWriter) throws {
        let variants = try store.db.all("""
            SELECT sku, option1, option2, option3, grams, stock, price, compare_at_price, grams_milli, barcode
            FROM variants WHERE product_id = ? AND archived = 0 ORDER BY position, id
            """, product.id) { row in
            [row.string(0), row.string(1), row.string(2), row.string(3),
             row.optionalInt64(8).map(ShopifyExporter.grams(milli:)) ?? String(row.int(4)), String(row.int(5)),
             store.money(row.int64(6)).decimalString, row.optionalInt64(7).map { store.money($0).decimalString } ?? "",
             row.string(9)]
        }
        let images = try store.db.all("SELECT url, position, alt FROM product_images WHERE product_id = ? ORDER BY position, id",
                                      product.id) { [$0.string(0), String($0.int(1)), $0.string(2)] }
        let names = product.optionNames.isEmpty ? ["Title"] : product.optionNames
        for index in 0..<max(variants.count, images.count, 1) {
            var cells = [String](repeating: "", count: ShopifyExporter.header.count)
            cells[0] = product.handle
            if index == 0 {
                cells[1] = product.title
                cells[2] = product.html
                cells[3] = product.vendor
                cells[4] = product.categoryPath
                cells[5] = product.productType
                cells[6] = product.tags
                cells[7] = product.published ? "true" : "false"
                cells[28] = "false"
                cells[29] = product.seoTitle
                cells[30] = product.seoDescription
                cells[31] = product.status
            }
            if index < variants.count {
                let variant = variants[index]
                for option in 0..<3 where option < names.count {
                    if index == 0 { cells[8 + option * 2] = names[option] }
                    cells[9 + option * 2] = product.optionNames.isEmpty ? "Default Title" : variant[1 + option]
                }
                cells[14] = variant[0]
                cells[15] = variant[4]
                cells[16] = "shopify"
                cells[17] = variant[5]
                cells[18] = "deny"
                cells[19] = "manual"
                cells[20] = variant[6]
                cells[21] = variant[7]
                cells[22] = "true"
                cells[23] = "true"
                cells[24] = variant[8]
            }
            if index < images.count {
                cells[25] = images[index][0]
                cells[26] = images[index][1]
                cells[27] = images[index][2]
            }
            writer.append(cells)
        }
    }
}

/// A product's cells as the exporter reads them.
private struct ExportProduct {
    let id: Int64
    let handle: String
    let title: String
    let html: String
    let vendor: String
    let productType: String
    let tags: String
    let status: String
    let optionNames: [String]
    let published: Bool
    let seoTitle: String
    let seoDescription: String
    var categoryPath = ""

    init(row: Row) {
        id = row.int64(0)
        handle = row.string(1)
        title = row.string(2)
        let html = row.string(3)
        let text = row.string(4)
        // A product written without HTML still exports its text, as paragraphs.
        self.html = html.isEmpty && !text.isEmpty
            ? text.components(separatedBy: "\n\n").map { "<p>" + HTMLText.escape($0) + "</p>" }.joined()
            : html
        vendor = row.string(5)
        productType = row.string(7)
        tags = row.string(8)
        status = row.string(9)
        optionNames = [row.optionalString(10), row.optionalString(11), row.optionalString(12)].compactMap { $0 }
        published = row.bool(13)
        seoTitle = row.string(14)
        seoDescription = row.string(15)
    }
}

extension Store {
    /// The Shopify CSV exporter for this store.
    public var shopifyExporter: ShopifyExporter { ShopifyExporter(store: self) }
}
