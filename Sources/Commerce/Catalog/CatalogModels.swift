/// Whether a product is for sale, being prepared, or retired.
public enum ProductStatus: String, Sendable, CaseIterable, Codable {
    /// On sale and visible to shoppers.
    case active
    /// Being prepared; only staff see it.
    case draft
    /// Retired; only staff see it.
    case archived
}

/// A category as lists and breadcrumbs show it.
public struct CategorySummary: Sendable, Hashable, Identifiable {
    /// The category's row.
    public let id: CategoryID
    /// The URL-safe name (`mens-shirts`).
    public let handle: String
    /// The display name.
    public let name: String
}

/// One category in the tree, with its place and how many products it holds.
public struct CategoryNode: Sendable, Hashable, Identifiable {
    /// The category's row.
    public let id: CategoryID
    /// The parent category, or nil for a root.
    public let parentID: CategoryID?
    /// The URL-safe name.
    public let handle: String
    /// The display name.
    public let name: String
    /// Order among its siblings.
    public let position: Int
    /// 0 for a root, 1 for its children, and so on.
    public let depth: Int
    /// Products visible to the caller in this category itself.
    public let productCount: Int
    /// Products visible to the caller in this category and all its descendants.
    public let totalProductCount: Int

    /// The category without its tree details.
    public var summary: CategorySummary { CategorySummary(id: id, handle: handle, name: name) }
}

/// Average review rating and how many reviews it comes from.
public struct Rating: Sendable, Hashable {
    /// Sum of all ratings (1–5 each).
    public let sum: Int
    /// Number of reviews.
    public let count: Int

    /// Creates a rating from its sum and count.
    public init(sum: Int, count: Int) {
        self.sum = sum
        self.count = count
    }

    /// The mean rating, or nil when there are no reviews.
    public var average: Double? { count > 0 ? Double(sum) / Double(count) : nil }
}

/// A product as a list or search result shows it.
public struct ProductSummary: Sendable, Hashable, Identifiable {
    /// The product's row.
    public let id: ProductID
    /// The URL-safe name.
    public let handle: String
    /// The display title.
    public let title: String
    /// Who makes it.
    public let vendor: String
    /// Whether it is on sale (only staff see other statuses).
    public let status: ProductStatus
    /// The lowest price of its live variants.
    public let priceMin: Money
    /// The highest price of its live variants.
    public let priceMax: Money
    /// The highest compare-at price of a variant that is above that variant's price, or nil.
    public let compareAt: Money?
    /// Units in stock over its live variants.
    public let stockTotal: Int
    /// Its review rating.
    public let rating: Rating
    /// Units sold so far.
    public let unitsSold: Int
    /// The name of its category, or nil when it has none.
    public let categoryName: String?
    /// When it was created (milliseconds since the Unix epoch).
    public let createdAt: Int64

    /// True when at least one unit can be bought.
    public var inStock: Bool { stockTotal > 0 }
}

/// One page of products and the cursor for the next one.
public struct ProductPage: Sendable, Hashable {
    /// The products on this page, in the requested order.
    public let products: [ProductSummary]
    /// Pass as `ProductQuery.after` to get the next page; nil on the last page.
    public let nextCursor: ProductCursor?
}

/// A variant as the product page shows it.
public struct VariantDetail: Sendable, Hashable, Identifiable {
    /// The variant's row.
    public let id: VariantID
    /// Its stock-keeping unit, when it has one.
    public let sku: String?
    /// Its option values in order (`["M", "Blue"]`); empty for a default variant.
    public let options: [String]
    /// What it costs.
    public let price: Money
    /// The "was" price, shown only when above `price`.
    public let compareAt: Money?
    /// Units in stock.
    public let stock: Int
    /// At or below this many units the variant counts as low on stock.
    public let lowStockThreshold: Int
    /// Weight in grams.
    public let grams: Int
    /// Its barcode (ISBN, UPC, GTIN …), when it has one.
    public let barcode: String?
    /// True when retired (only staff see archived variants).
    public let archived: Bool

    /// True when some units are left but no more than the threshold.
    public var isLowStock: Bool { stock > 0 && stock <= lowStockThreshold }
    /// True when no unit is left.
    public var isSoldOut: Bool { stock <= 0 }
    /// The option values joined for display ("M / Blue"), or "Default" for a default variant.
    public var title: String { options.isEmpty ? "Default" : options.joined(separator: " / ") }
}

/// A product image.
public struct ProductImage: Sendable, Hashable {
    /// Where the image is.
    public let url: String
    /// Its alternative text.
    public let alt: String
    /// Its order among the product's images.
    public let position: Int
}

/// Everything the product page shows.
public struct ProductDetail: Sendable, Hashable {
    /// The product as lists show it (price range, stock, rating, category name).
    public let summary: ProductSummary
    /// Plain-text description.
    public let description: String
    /// The description as HTML, when the product came with one.
    public let descriptionHTML: String
    /// The product type ("T-shirt").
    public let productType: String
    /// Its tags, alphabetically.
    public let tags: [String]
    /// Names of its options in order (`["Size", "Color"]`); empty when it has none.
    public let optionNames: [String]
    /// Its variants in order (archived ones only for staff).
    public let variants: [VariantDetail]
    /// Its images in order.
    public let images: [ProductImage]
    /// Its category and the categories above it, root first; empty when it has none.
    public let categoryPath: [CategorySummary]
    /// When it was last changed (milliseconds since the Unix epoch).
    public let updatedAt: Int64
}

/// What deleting a category moved: its products and subcategories went to `parent`
/// (nil: the products are uncategorised and the subcategories are top level).
public struct CategoryDeletion: Sendable, Equatable {
    /// The deleted category's name.
    public let name: String
    /// Where its products and subcategories went; nil for the top level.
    public let parent: CategoryID?
    /// How many products changed category.
    public let productsMoved: Int
    /// How many subcategories moved up.
    public let subcategoriesMoved: Int
}
