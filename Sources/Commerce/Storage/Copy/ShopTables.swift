/// Which tables make up a shop's data, for copying a shop from one database to another
/// (`ShopMigration`): every table either is copied, row for row, or is derived and rebuilt.
enum ShopTables {
    /// One table copied row for row.
    struct Copied: Sendable, Equatable {
        /// The table's name, the same on both backends.
        let name: String
        /// Its primary key's columns: rows are read in this order, a page at a time.
        let key: [String]
        /// A column referring to the same table's key (a category's parent), so rows go parents first.
        var parent: String? = nil
        /// True when a new schema already holds this table's rows (a counter row), which the copy replaces.
        var seededBySchema = false
    }

    /// The copied tables, each after every table it refers to.
    static let copied: [Copied] = [
        Copied(name: "settings", key: ["key"]),
        Copied(name: "users", key: ["id"]),
        Copied(name: "user_keys", key: ["id"]),
        Copied(name: "throttles", key: ["key"]),
        Copied(name: "addresses", key: ["id"]),
        Copied(name: "categories", key: ["id"], parent: "parent_id"),
        Copied(name: "products", key: ["id"]),
        Copied(name: "product_tags", key: ["product_id", "tag"]),
        Copied(name: "product_images", key: ["id"]),
        Copied(name: "variants", key: ["id"]),
        Copied(name: "reviews", key: ["id"]),
        Copied(name: "discount_codes", key: ["id"]),
        Copied(name: "shipping_methods", key: ["id"]),
        Copied(name: "tax_rates", key: ["id"]),
        Copied(name: "carts", key: ["id"]),
        Copied(name: "cart_lines", key: ["cart_id", "variant_id"]),
        Copied(name: "orders", key: ["id"]),
        Copied(name: "order_lines", key: ["id"]),
        Copied(name: "order_events", key: ["id"]),
        Copied(name: "payments", key: ["id"]),
        Copied(name: "inventory_ledger", key: ["id"]),
        Copied(name: "outbox", key: ["id"]),
        Copied(name: "outbox_deliveries", key: ["event_id", "subscriber"]),
        Copied(name: "notifications", key: ["id"]),
        Copied(name: "audit_log", key: ["id"]),
        Copied(name: "sales_daily", key: ["day"]),
        Copied(name: "product_sales_daily", key: ["day", "product_id"]),
        Copied(name: "recommender_inputs", key: ["id"], seededBySchema: true),
    ]

    /// Tables that are not copied, and why each may be left behind.
    static let notCopied: [String: String] = [
        "schema_migrations": "the target records its own schema history",
        "curio_schema": "PostgreSQL's schema marker, written when the schema is made",
        "sqlite_sequence": "SQLite keeps it as rows with their own ids are written",
        "product_search": "the search index, rebuilt from the products",
        "product_availability_changes": "a change log each process follows from its own start",
        "availability_readers": "which processes follow the change log, per database",
        "search_text_changes": "a change log the did-you-mean vocabulary follows from its own start",
    ]

    /// True for a table the copy knows: copied, left behind, part of SQLite's FTS5 index
    /// (`product_search_data`, `_idx`, `_docsize`, `_config`, and the `_vocab` view's table), or the
    /// planner statistics SQLite's ANALYZE keeps (`sqlite_stat1`, `sqlite_stat4`), gathered afresh on the copy.
    static func isKnown(_ table: String) -> Bool {
        copied.contains { $0.name == table } || notCopied[table] != nil || table.hasPrefix("product_search_")
            || table.hasPrefix("sqlite_stat")
    }
}
