import Foundation
@_spi(Storage) @testable import Commerce

extension BackendDatabase {
    /// A connection to the shop as Curio opens it: SQLite's through `CurioDatabase.open(path:)`,
    /// PostgreSQL's through `CurioDatabase.open(postgres:)` (which creates the schema).
    func openShop() throws -> any SQLConnection {
        if let connectionString { return try CurioDatabase.open(postgres: connectionString) }
        return try connect()
    }
}

/// Where a shop lives, as a value threads can share: a SQLite file or a PostgreSQL connection string.
enum ShopTarget: Sendable {
    case file(String)
    case postgres(String)

    /// Opens the shop through `CurioDatabase`.
    func open() throws(DatabaseOpenError) -> any SQLConnection {
        switch self {
        case .file(let path): return try CurioDatabase.open(path: path)
        case .postgres(let connectionString): return try CurioDatabase.open(postgres: connectionString)
        }
    }
}

/// Rows for the schema tests, written with SQL that both backends run (`INSERT … RETURNING id`).
enum SchemaFixture {
    /// A product with one variant and `stock` units from the ledger.
    @discardableResult
    static func product(_ db: any SQLConnection, handle: String = "mug", title: String = "Mug", stock: Int64 = 5,
                        price: Int64 = 1000) throws -> (product: Int64, variant: Int64) {
        let product = try insert(db, "INSERT INTO products(handle, title, tags, vendor, created_at, updated_at) VALUES (?, ?, 'kitchen', 'Acme', 1, 1) RETURNING id",
                                 handle, title)
        let variant = try insert(db, "INSERT INTO variants(product_id, sku, price, created_at, updated_at) VALUES (?, ?, ?, 1, 1) RETURNING id",
                                 product, handle.uppercased(), price)
        if stock != 0 {
            try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, ?, 'import', 1)", variant, stock)
        }
        return (product, variant)
    }

    /// An order of `total` (all subtotal) placed at `placedAt`, with the given payment status.
    static func order(_ db: any SQLConnection, number: Int64 = 1, token: String = "tok-1", total: Int64 = 2000,
                      placedAt: Int64 = 86_400_000 * 3 + 5, paymentStatus: String = "paid") throws -> Int64 {
        try insert(db, """
            INSERT INTO orders(number, checkout_token, email, payment_status, payment_method, currency, subtotal, total,
                               ship_name, ship_line1, ship_city, ship_country, placed_at, updated_at)
            VALUES (?, ?, 'kim@example.com', ?, 'card', 'EUR', ?, ?, 'Kim', '1 Road', 'Town', 'FR', ?, ?) RETURNING id
            """, number, token, paymentStatus, total, total, placedAt, placedAt)
    }

    /// An order line of `quantity` × `unitPrice` for `product`.
    static func line(_ db: any SQLConnection, order: Int64, product: Int64, variant: Int64?, quantity: Int64,
                     unitPrice: Int64) throws {
        try db.execute("""
            INSERT INTO order_lines(order_id, variant_id, product_id, title, unit_price, quantity, line_total)
            VALUES (?, ?, ?, 'Mug', ?, ?, ?)
            """, order, variant, product, unitPrice, quantity, unitPrice * quantity)
    }

    /// A user with `email`.
    static func user(_ db: any SQLConnection, email: String) throws -> Int64 {
        try insert(db, "INSERT INTO users(email, created_at, updated_at) VALUES (?, 0, 0) RETURNING id", email)
    }

    /// Runs an `INSERT … RETURNING id` and returns the id.
    static func insert(_ db: any SQLConnection, _ sql: String, _ values: SQLBindable?...) throws -> Int64 {
        guard let id = try db.first(sql, values: values, map: { $0.int64(0) }) else {
            throw DatabaseError(code: 1, message: "no id returned", sql: sql)
        }
        return id
    }

    /// Products whose search document (FTS5's `product_search` or PostgreSQL's tsvector) matches `word`.
    static func searchMatches(_ db: any SQLConnection, _ backend: Backend, _ word: String) throws -> Int64 {
        switch backend {
        case .sqlite:
            return try db.scalarInt("SELECT count(*) FROM product_search WHERE product_search MATCH ?", word) ?? -1
        case .postgres:
            return try db.scalarInt("SELECT count(*) FROM product_search WHERE document @@ to_tsquery('curio_search', ?)", word) ?? -1
        }
    }
}
