import Foundation

/// A product CSV column Curio reads, whichever of Shopify's header sets named it.
public enum ShopifyField: String, Sendable, CaseIterable {
    case handle, title, body, vendor, productCategory, type, tags, published
    case option1Name, option1Value, option2Name, option2Value, option3Name, option3Value
    case sku, grams, inventoryQuantity, price, compareAtPrice
    case imageSource, imagePosition, imageAlt, status
    case barcode, seoTitle, seoDescription

    /// Header names for this field: the legacy export's first, then the current export's.
    /// Headers match ignoring case and surrounding spaces.
    public var headers: [String] {
        switch self {
        case .handle: return ["Handle", "URL handle"]
        case .title: return ["Title"]
        case .body: return ["Body (HTML)", "Description"]
        case .vendor: return ["Vendor"]
        case .productCategory: return ["Product Category", "Standard Product Type"]
        case .type: return ["Type", "Custom Product Type"]
        case .tags: return ["Tags"]
        case .published: return ["Published", "Published on online store"]
        case .option1Name: return ["Option1 Name"]
        case .option1Value: return ["Option1 Value"]
        case .option2Name: return ["Option2 Name"]
        case .option2Value: return ["Option2 Value"]
        case .option3Name: return ["Option3 Name"]
        case .option3Value: return ["Option3 Value"]
        case .sku: return ["Variant SKU", "SKU"]
        case .grams: return ["Variant Grams", "Weight value (grams)"]
        case .inventoryQuantity: return ["Variant Inventory Qty", "Inventory quantity"]
        case .price: return ["Variant Price", "Price"]
        case .compareAtPrice: return ["Variant Compare At Price", "Compare-at price"]
        case .imageSource: return ["Image Src", "Product image URL"]
        case .imagePosition: return ["Image Position"]
        case .imageAlt: return ["Image Alt Text"]
        case .status: return ["Status"]
        case .barcode: return ["Variant Barcode", "Barcode"]
        case .seoTitle: return ["SEO Title"]
        case .seoDescription: return ["SEO Description"]
        }
    }

    /// The option name field for option `index` (0...2).
    static func optionName(_ index: Int) -> ShopifyField { [.option1Name, .option2Name, .option3Name][index] }
    /// The option value field for option `index` (0...2).
    static func optionValue(_ index: Int) -> ShopifyField { [.option1Value, .option2Value, .option3Value][index] }
}

/// Where each known field sits in a file's header row. Unknown columns are ignored.
struct ShopifyColumns {
    private var positions: [ShopifyField: Int] = [:]
    /// The header cells as the file spells them, for messages.
    let names: [String]

    init(header: [String]) {
        names = header
        var lookup: [String: ShopifyField] = [:]
        for field in ShopifyField.allCases {
            for name in field.headers { lookup[ShopifyColumns.key(name)] = field }
        }
        for (offset, cell) in header.enumerated() {
            guard let field = lookup[ShopifyColumns.key(cell)], positions[field] == nil else { continue }
            positions[field] = offset
        }
    }

    private static func key(_ header: String) -> String {
        header.trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// True when the file has a column for `field`.
    func has(_ field: ShopifyField) -> Bool { positions[field] != nil }

    /// The 1-based column number of `field`, or nil when the file has none.
    func column(_ field: ShopifyField) -> Int? { positions[field].map { $0 + 1 } }

    /// The trimmed cell of `field` in `record`; empty when the column is missing or the row is short.
    func cell(_ field: ShopifyField, in record: CSVRecord) -> String {
        guard let position = positions[field], position < record.fields.count else { return "" }
        return record.fields[position].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The raw (untrimmed) cell of `field`, for HTML bodies whose whitespace matters.
    func rawCell(_ field: ShopifyField, in record: CSVRecord) -> String {
        guard let position = positions[field], position < record.fields.count else { return "" }
        return record.fields[position]
    }
}
