/// Schema version 9: publishing or hiding a product is written to the availability change log too.
/// With the catalog counter (products added, removed or moved; categories changed) the log then
/// tells when what the category tree counts (active, published products) may have changed, so a
/// session keeps its tree until then instead of counting 100k products after every order anywhere.
enum SchemaV9 {
    /// The statements of schema version 9 on SQLite.
    static let sql = #"""
    CREATE TRIGGER products_availability_published AFTER UPDATE OF published ON products
    WHEN old.published IS NOT new.published BEGIN
        INSERT INTO product_availability_changes(product_id) VALUES (new.id);
    END;

    """#

    /// The same on PostgreSQL, numbered under the log-numbering lock as the other availability rows are.
    static let postgresSQL = #"""
    CREATE TRIGGER products_availability_published AFTER UPDATE OF published ON products
        FOR EACH ROW WHEN (old.published IS DISTINCT FROM new.published) EXECUTE FUNCTION curio_log_availability();

    """#
}
