/// Schema version 6, part two: a partial, covering index for the filtered product list the shop asks
/// most — in stock (`stock_total > 0`), one status, published, by price — so a search with a
/// category filter walks in-stock products in price order and checks each one's category from the
/// index itself, touching the table only for the page it returns. Only products in stock are in it.
let schemaV6FilteredSearchIndex = #"""
CREATE INDEX products_in_stock_price ON products(status, published, price_min, id, category_id) WHERE stock_total > 0;

"""#

/// Schema version 6 on PostgreSQL: the filtered search index with the category carried in its leaf
/// entries (`INCLUDE`), and the availability log readers' table.
enum SchemaV6Postgres {
    /// The statements of schema version 6 for PostgreSQL 15.
    static let sql = #"""
    CREATE TABLE availability_readers (
        reader  TEXT PRIMARY KEY,
        seq     BIGINT NOT NULL,
        seen_at BIGINT NOT NULL
    );

    CREATE INDEX products_in_stock_price ON products (status, published, price_min, id) INCLUDE (category_id)
        WHERE stock_total > 0;
    """#
}
