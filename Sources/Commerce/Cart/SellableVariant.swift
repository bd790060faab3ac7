/// A variant as the cart needs it: the title to copy, its price and stock, and whether it is on sale.
struct SellableVariant {
    let id: VariantID
    let productID: ProductID
    /// Product title and option values: "Ceramic Mug — Blue", or just the product title.
    let title: String
    let sku: String?
    let price: Int64
    let stock: Int
    /// False when the variant is archived or its product is not active or hidden from the shop.
    let forSale: Bool

    /// The columns `init(row:)` reads, from `variants v JOIN products p`.
    static let columns = """
        v.id, v.product_id, p.title, v.option1, v.option2, v.option3, v.sku, v.price, v.stock,
        v.archived = 0 AND p.status = 'active' AND p.published = 1
        """

    /// Reads a row selected with `columns` (starting at column `base`).
    init(row: Row, base: Int = 0) {
        id = VariantID(row.int64(base))
        productID = ProductID(row.int64(base + 1))
        let options = (base + 3...base + 5).compactMap { row.optionalString($0) }.filter { !$0.isEmpty }
        title = SellableVariant.title(product: row.string(base + 2), options: options)
        sku = row.optionalString(base + 6)
        price = row.int64(base + 7)
        stock = row.int(base + 8)
        forSale = row.bool(base + 9)
    }

    /// The variant `id`, or nil when there is none.
    static func load(_ id: VariantID, in db: any SQLConnection) throws -> SellableVariant? {
        try db.first("SELECT \(columns) FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?", id) {
            SellableVariant(row: $0)
        }
    }

    /// The variant `id` if it can be put in a cart: `.notFound` or `.notAllowed` otherwise.
    static func requireForSale(_ id: VariantID, in db: any SQLConnection) throws -> SellableVariant {
        guard let variant = try load(id, in: db) else { throw CommerceError.notFound("no product variant with id \(id)") }
        guard variant.forSale else {
            throw CommerceError.notAllowed("\"\(variant.title)\" is no longer for sale; remove it from your cart")
        }
        return variant
    }

    /// "Ceramic Mug — Blue / L" from a product title and option values.
    static func title(product: String, options: [String]) -> String {
        options.isEmpty ? product : product + " — " + options.joined(separator: " / ")
    }
}
