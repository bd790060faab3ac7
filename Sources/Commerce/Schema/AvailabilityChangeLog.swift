/// Schema version 4, part one: a log of products whose availability (active and in stock) may have flipped,
/// numbered by an ever-growing sequence, so a process follows stock changes by reading the rows
/// after the last number it saw instead of rescanning every product after each commit.
let availabilityChangeLog = #"""
CREATE TABLE product_availability_changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id INTEGER NOT NULL
);

CREATE TRIGGER products_availability_insert AFTER INSERT ON products BEGIN
    INSERT INTO product_availability_changes(product_id) VALUES (new.id);
END;

CREATE TRIGGER products_availability_update AFTER UPDATE OF status, stock_total ON products
WHEN old.status IS NOT new.status OR (old.stock_total > 0) <> (new.stock_total > 0) BEGIN
    INSERT INTO product_availability_changes(product_id) VALUES (new.id);
END;
"""#

/// Also in version 4: counters of changes to what the recommender learns from (orders; the catalog's
/// products, tags and categories), kept by triggers, so "did anything change?" is one row read
/// instead of counting and scanning the orders and products tables.
let recommenderInputCounters = """
    CREATE TABLE recommender_inputs (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        orders  INTEGER NOT NULL,
        catalog INTEGER NOT NULL
    );
    INSERT INTO recommender_inputs(id, orders, catalog) VALUES (1, 0, 0);

    """ + recommenderInputTriggers.map { name, event, counter in
        """
        CREATE TRIGGER recommender_inputs_\(name) AFTER \(event) BEGIN
            UPDATE recommender_inputs SET \(counter) = \(counter) + 1;
        END;

        """
    }.joined()

/// Each counter trigger: its name, the change it follows, the counter it bumps (SQLite's and PostgreSQL's).
let recommenderInputTriggers: [(String, String, String)] = [
    ("order_insert", "INSERT ON orders", "orders"),
    ("order_status", "UPDATE OF status, user_id, email ON orders", "orders"),
    ("order_delete", "DELETE ON orders", "orders"),
    ("line_change", "UPDATE OF product_id, order_id ON order_lines", "orders"),
    ("line_delete", "DELETE ON order_lines", "orders"),
    ("product_insert", "INSERT ON products", "catalog"),
    ("product_update", "UPDATE OF handle, title, vendor, category_id ON products", "catalog"),
    ("product_delete", "DELETE ON products", "catalog"),
    ("tag_insert", "INSERT ON product_tags", "catalog"),
    ("tag_delete", "DELETE ON product_tags", "catalog"),
    ("category_insert", "INSERT ON categories", "catalog"),
    ("category_update", "UPDATE ON categories", "catalog"),
    ("category_delete", "DELETE ON categories", "catalog"),
]
