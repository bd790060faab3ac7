/// A product as the rows of one handle describe it, validated but not yet matched with the database.
struct ParsedProduct {
    var handle: String
    /// The physical line of the product's first row.
    var line: Int
    /// How many CSV rows make up the product (for progress).
    var rowCount = 0
    /// The title, or nil when every row leaves it blank (an existing product keeps its own).
    var title: String?
    /// Product-level cells; nil when the file has no column for them.
    var bodyHTML: String?
    var vendor: String?
    var productType: String?
    /// The category path, root first; empty for none; nil when the file has no category column.
    var categoryPath: [String]?
    var tags: [String]?
    var status: ProductStatus?
    /// Shown in the shop (Shopify's Published), kept apart from the status; nil when the file does not say.
    var published: Bool?
    var seoTitle: String?
    var seoDescription: String?
    var optionNames: [String] = []
    var variants: [ParsedVariant] = []
    var images: [ParsedImage] = []
}

/// One variant row.
struct ParsedVariant {
    var line: Int
    var sku: String?
    var options: [String]
    var price: Money
    var compareAtPrice: Money?
    var grams: Int?
    /// The weight in thousandths of a gram when the file gave a fraction of a gram.
    var gramsMilli: Int?
    var barcode: String?
    var quantity: Int?
}

/// One product image.
struct ParsedImage {
    var url: String
    var position: Int?
    var alt: String
}

/// The whole file after parsing: products in first-seen order, problems, and the number of data rows.
struct ParsedFile {
    var products: [ParsedProduct] = []
    var issues: [ImportIssue] = []
    var warnings: [ImportIssue] = []
    var rowCount = 0
    var columns: ShopifyColumns
}
