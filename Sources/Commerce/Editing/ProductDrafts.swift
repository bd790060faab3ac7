/// What staff fill in to create a product.
public struct ProductDraft: Sendable, Equatable {
    /// The URL handle; nil makes one from the title.
    public var handle: String?
    /// The product's name; required.
    public var title: String
    /// The description as simple HTML; its readable text is derived from it.
    public var descriptionHTML: String = ""
    /// Who makes it.
    public var vendor: String = ""
    /// A free-form product type ("Coffee beans").
    public var productType: String = ""
    /// Where it sits in the category tree.
    public var categoryID: CategoryID?
    /// Tags; normalised (trimmed, de-duplicated ignoring case) when saved.
    public var tags: [String] = []
    /// Whether it is on sale.
    public var status: ProductStatus = .active
    /// Up to three option names ("Size", "Colour"); empty for a product with one default variant.
    public var optionNames: [String] = []

    /// A draft with a title and, optionally, a handle.
    public init(title: String, handle: String? = nil) {
        self.title = title
        self.handle = handle
    }
}

/// What staff fill in to create a variant.
public struct VariantDraft: Sendable, Equatable {
    /// The stock-keeping unit; unique across the shop when given.
    public var sku: String?
    /// One value per option name of the product, in order.
    public var options: [String] = []
    /// The selling price; 0 or more.
    public var price: Money
    /// The "was" price shown struck through, if any; at least `price`.
    public var compareAtPrice: Money?
    /// The barcode (ISBN, UPC, GTIN …), if any.
    public var barcode: String?
    /// Shipping weight in grams.
    public var grams: Int = 0
    /// Units in stock at creation; written to the ledger as a restock.
    public var stock: Int = 0

    /// A draft with a price and, optionally, a SKU and option values.
    public init(price: Money, sku: String? = nil, options: [String] = []) {
        self.price = price
        self.sku = sku
        self.options = options
    }
}

/// Changes to a product; nil fields stay as they are.
public struct ProductChanges: Sendable, Equatable {
    /// A new URL handle.
    public var handle: String?
    /// A new title.
    public var title: String?
    /// A new HTML description.
    public var descriptionHTML: String?
    /// A new vendor.
    public var vendor: String?
    /// A new product type.
    public var productType: String?
    /// A new category; `.some(nil)` removes the product from its category.
    public var categoryID: CategoryID??
    /// New tags (replacing the old ones).
    public var tags: [String]?
    /// A new status.
    public var status: ProductStatus?
    /// New option names; the count must stay the same as the product's variants use.
    public var optionNames: [String]?

    /// No changes.
    public init() {}
}

/// Changes to a variant; nil fields stay as they are.
public struct VariantChanges: Sendable, Equatable {
    /// A new SKU; `.some(nil)` removes it.
    public var sku: String??
    /// New option values.
    public var options: [String]?
    /// A new price.
    public var price: Money?
    /// A new compare-at price (at least the price); `.some(nil)` removes it.
    public var compareAtPrice: Money??
    /// A new barcode; `.some(nil)` removes it.
    public var barcode: String??
    /// A new weight in grams.
    public var grams: Int?

    /// No changes.
    public init() {}
}
