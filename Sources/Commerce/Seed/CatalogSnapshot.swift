/// The sellable part of the catalog, read once for generating order history.
struct CatalogSnapshot {
    struct Variant {
        let id: Int64
        let title: String
        let sku: String?
        let price: Int64
        let stock: Int
    }

    struct Product {
        let id: Int64
        let handle: String
        let title: String
        let categoryHandle: String
        let variants: [Variant]
    }

    var products: [Product] = []
    /// Product indexes by leaf category handle.
    var byCategory: [String: [Int]] = [:]
    /// Product index by handle.
    var byHandle: [String: Int] = [:]

    /// Reads active products that have live variants.
    static func load(_ db: any SQLConnection) throws -> CatalogSnapshot {
        var variants: [Int64: [Variant]] = [:]
        try db.forEach("""
            SELECT id, product_id, option1, option2, option3, sku, price, stock FROM variants WHERE archived = 0
            ORDER BY product_id, position, id
            """) { row in
            let title = [row.optionalString(2), row.optionalString(3), row.optionalString(4)].compactMap { $0 }.joined(separator: " / ")
            variants[row.int64(1), default: []].append(
                Variant(id: row.int64(0), title: title, sku: row.optionalString(5), price: row.int64(6), stock: row.int(7)))
        }
        var snapshot = CatalogSnapshot()
        try db.forEach("""
            SELECT p.id, p.handle, p.title, coalesce(c.handle, '') FROM products p LEFT JOIN categories c ON c.id = p.category_id
            WHERE p.status = 'active' ORDER BY p.id
            """) { row in
            guard let live = variants[row.int64(0)], !live.isEmpty else { return }
            let product = Product(id: row.int64(0), handle: row.string(1), title: row.string(2), categoryHandle: row.string(3), variants: live)
            snapshot.byCategory[product.categoryHandle, default: []].append(snapshot.products.count)
            snapshot.byHandle[product.handle] = snapshot.products.count
            snapshot.products.append(product)
        }
        return snapshot
    }
}
