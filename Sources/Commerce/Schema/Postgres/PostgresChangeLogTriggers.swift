/// Versions 4 and 5's logs and counters, kept by triggers of SQLite's names.
///
/// `recommender_inputs` is bumped once per transaction and counter instead of once per row: its value is
/// only compared, and a row updated once per imported product within one transaction would grow a chain
/// of row versions PostgreSQL walks on every update. (Version 7 defers the bump to the commit.)
let postgresChangeLogTriggers = postgresChangeLogFunctions + #"""
CREATE TRIGGER products_availability_insert AFTER INSERT ON products
    FOR EACH ROW EXECUTE FUNCTION curio_log_availability();
CREATE TRIGGER products_availability_update AFTER UPDATE OF status, stock_total ON products
    FOR EACH ROW WHEN (old.status IS DISTINCT FROM new.status OR (old.stock_total > 0) <> (new.stock_total > 0))
    EXECUTE FUNCTION curio_log_availability();

CREATE TRIGGER products_search_text_insert AFTER INSERT ON products
    FOR EACH ROW EXECUTE FUNCTION curio_log_search_text();
CREATE TRIGGER products_search_text_delete AFTER DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION curio_log_search_text();
CREATE TRIGGER products_search_text_update AFTER UPDATE OF title, description, vendor, tags, product_type ON products
    FOR EACH ROW EXECUTE FUNCTION curio_log_search_text();

-- TG_ARGV[0] names the counter; a transaction-local setting remembers that this transaction bumped it
-- (a rolled-back savepoint forgets both the bump and the setting).
CREATE FUNCTION curio_recommender_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('curio.recommender_' || TG_ARGV[0], true) IS DISTINCT FROM 'bumped' THEN
        IF TG_ARGV[0] = 'orders' THEN
            UPDATE recommender_inputs SET orders = orders + 1;
        ELSE
            UPDATE recommender_inputs SET catalog = catalog + 1;
        END IF;
        PERFORM set_config('curio.recommender_' || TG_ARGV[0], 'bumped', true);
    END IF;
    RETURN NULL;
END $$;

"""# + recommenderInputTriggers.map { name, event, counter in
    """
    CREATE TRIGGER recommender_inputs_\(name) AFTER \(event)
        FOR EACH ROW EXECUTE FUNCTION curio_recommender_bump('\(counter)');

    """
}.joined()

/// The functions that write the two change logs, which are read as "the rows after the last number I
/// saw": that holds only when numbers become visible in the order they were handed out. SQLite's single
/// writer gives that; here a writer takes the log-numbering lock (`PostgresConnection.logNumberingLockKey`)
/// before it numbers a row and keeps it to its commit. Version 7 moved them off the writer lock, which
/// checkouts hold shared, onto that lock of their own; the baseline and version 7 both run this.
let postgresChangeLogFunctions = #"""
CREATE OR REPLACE FUNCTION curio_log_availability() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(\#(PostgresConnection.logNumberingLockKey));
    INSERT INTO product_availability_changes(product_id) VALUES (new.id);
    RETURN NULL;
END $$;
CREATE OR REPLACE FUNCTION curio_log_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    replaced TEXT;
    written  TEXT;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        replaced := old.title || ' ' || old.description || ' ' || old.vendor || ' ' || old.tags || ' ' || old.product_type;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        written := new.title || ' ' || new.description || ' ' || new.vendor || ' ' || new.tags || ' ' || new.product_type;
    END IF;
    PERFORM pg_advisory_xact_lock(\#(PostgresConnection.logNumberingLockKey));
    INSERT INTO search_text_changes(old_text, new_text) VALUES (replaced, written);
    DELETE FROM search_text_changes WHERE id <= (SELECT max(id) FROM search_text_changes) - 1000;
    RETURN NULL;
END $$;
"""#
