/// A cart's rows as stored, each line beside its variant as it is now.
struct CartSnapshot {
    /// One stored line and the variant it points at.
    struct Line {
        let title: String
        let sku: String?
        let quantity: Int
        let unitPrice: Int64
        let addedAt: Int64
        let variant: SellableVariant
    }

    let cartID: Int64?
    let discountCode: String?
    let lines: [Line]

    /// The owner's cart, or an empty snapshot when there is none yet.
    static func load(_ owner: CartOwner, in db: any SQLConnection, currency: Currency) throws -> CartSnapshot {
        guard let cart = try owner.cartID(in: db) else { return CartSnapshot(cartID: nil, discountCode: nil, lines: []) }
        let code = try db.scalarString("SELECT discount_code FROM carts WHERE id = ?", cart)
        let lines = try db.all("""
            SELECT l.title, l.sku, l.quantity, l.unit_price, l.added_at, \(SellableVariant.columns)
            FROM cart_lines l JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id
            WHERE l.cart_id = ? ORDER BY l.added_at, l.variant_id
            """, cart) { row in
            Line(title: row.string(0), sku: row.optionalString(1), quantity: row.int(2), unitPrice: row.int64(3),
                 addedAt: row.int64(4), variant: SellableVariant(row: row, base: 5))
        }
        return CartSnapshot(cartID: cart, discountCode: code, lines: lines)
    }
}
