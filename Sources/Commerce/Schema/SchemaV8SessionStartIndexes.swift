/// Schema version 8: what every session reads as it starts is read from a small index, not the table
/// (at 100k products and 360k payments these were 300 ms and 60 ms of every first frame):
/// - the category tree's counts of listed (active, published) products walk a partial index holding
///   only listed products' categories;
/// - the stalled-refund and stalled-charge checks find pending payments in a partial index holding
///   only pending ones (normally none).
/// The statements are the same on SQLite and PostgreSQL.
enum SchemaV8 {
    /// The statements of schema version 8.
    static let sql = #"""
    CREATE INDEX products_listed_category ON products(category_id) WHERE status = 'active' AND published = 1;
    CREATE INDEX payments_pending ON payments(kind, created_at) WHERE status = 'pending';

    """#
}
