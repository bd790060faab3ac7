/// Version 7: on PostgreSQL, checkouts run side by side (`TransactionKind.rowLocked`), locking the rows
/// they change instead of queuing on the shop's writer lock. Three things in the schema assumed one
/// writer at a time, and each gets what it needs instead:
/// - order numbers come from the `order_numbers` sequence, not `max(number) + 1`, which two overlapping
///   checkouts would both read; an order written with its own number (seeded history) moves the
///   sequence past it, and `curio_sync_identities()` does after a copy;
/// - logs read as "the rows after the last number I saw" (the outbox, availability and search-text
///   changes) are numbered under the log-numbering lock, held to commit, so numbers become visible in
///   order; an outbox row takes its id from a trigger after the lock, not from an identity before it;
/// - the one-row summaries every order touches (`sales_daily`'s day, `recommender_inputs`) are updated
///   by deferred triggers at commit, so a checkout holds those rows for its commit only.
///
/// SQLite changes nothing: its single writer already places orders one at a time.
enum SchemaV7 {
    /// The statements of schema version 7 on SQLite: none.
    static let sql = "-- Nothing changes on SQLite, whose single writer already places orders one at a time.\n"

    /// The statements of schema version 7 for PostgreSQL 15.
    static var postgresSQL: String {
        [orderNumbers, syncedSequences, postgresChangeLogFunctions, outboxNumbering, deferredSummaries, deferredRecommenderBumps]
            .joined(separator: "\n")
    }

    private static let orderNumbers = #"""
    CREATE SEQUENCE order_numbers AS BIGINT MINVALUE 1;
    SELECT setval('order_numbers', greatest((SELECT coalesce(max(number), 1000) FROM orders), 1));

    -- An order written with its own number (seeded history, a hand-made fix) keeps checkout's next number past it.
    CREATE FUNCTION curio_order_number_follow() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF new.number > (SELECT last_value FROM order_numbers) THEN
            PERFORM setval('order_numbers', new.number);
        END IF;
        RETURN new;
    END $$;
    CREATE TRIGGER orders_number_follow BEFORE INSERT ON orders
        FOR EACH ROW EXECUTE FUNCTION curio_order_number_follow();

    """#

    /// A copy's rows bring their own order numbers and outbox ids; these sequences follow them too.
    private static let syncedSequences = postgresSyncIdentities(also: """
            PERFORM setval('order_numbers', greatest((SELECT coalesce(max(number), 1000) FROM orders), 1));
            PERFORM setval('outbox_ids', (SELECT coalesce(max(id), 0) + 1 FROM outbox), false);
        """)

    /// The outbox's ids come from a trigger that takes the log-numbering lock first: an identity column
    /// would draw the id before any trigger runs, so an event could be numbered before an earlier one commits.
    private static let outboxNumbering = #"""
    ALTER TABLE outbox ALTER COLUMN id DROP IDENTITY;
    CREATE SEQUENCE outbox_ids AS BIGINT MINVALUE 1 OWNED BY outbox.id;
    SELECT setval('outbox_ids', (SELECT coalesce(max(id), 0) + 1 FROM outbox), false);
    CREATE FUNCTION curio_number_outbox_event() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM pg_advisory_xact_lock(\#(PostgresConnection.logNumberingLockKey));
        IF new.id IS NULL THEN
            new.id := nextval('outbox_ids');
        END IF;
        RETURN new;
    END $$;
    CREATE TRIGGER outbox_number_in_commit_order BEFORE INSERT ON outbox
        FOR EACH ROW EXECUTE FUNCTION curio_number_outbox_event();
    """#

    /// `sales_daily` at commit; the per-product part of an order's update stays immediate (its rows
    /// belong to products the checkout has locked anyway). A constraint trigger's WHEN is tested when
    /// the row changes and its OLD and NEW are the rows of that moment, so each counts as before.
    private static let deferredSummaries = #"""
    DROP TRIGGER sales_daily_order_insert ON orders;
    CREATE CONSTRAINT TRIGGER sales_daily_order_insert AFTER INSERT ON orders DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (new.payment_status <> 'failed') EXECUTE FUNCTION curio_sales_daily_order_insert();

    DROP TRIGGER sales_daily_order_update ON orders;
    CREATE OR REPLACE FUNCTION curio_sales_daily_order_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF old.payment_status <> 'failed' THEN
            \#(salesDailyOrderOut)
        END IF;
        IF new.payment_status <> 'failed' THEN
            \#(salesDailyOrderIn)
        END IF;
        RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER sales_daily_order_update AFTER UPDATE OF payment_status, total, placed_at ON orders
        DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (\#(orderCountChanged))
        EXECUTE FUNCTION curio_sales_daily_order_update();

    CREATE FUNCTION curio_product_sales_daily_order_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF old.payment_status <> 'failed' THEN
            \#(productSalesDailyOrderOut)
        END IF;
        IF new.payment_status <> 'failed' THEN
            \#(productSalesDailyOrderIn)
        END IF;
        RETURN NULL;
    END $$;
    CREATE TRIGGER product_sales_daily_order_update AFTER UPDATE OF payment_status, total, placed_at ON orders
        FOR EACH ROW WHEN (\#(orderCountChanged)) EXECUTE FUNCTION curio_product_sales_daily_order_update();

    DROP TRIGGER sales_daily_refund_insert ON payments;
    CREATE CONSTRAINT TRIGGER sales_daily_refund_insert AFTER INSERT ON payments DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (new.kind = 'refund' AND new.status = 'succeeded') EXECUTE FUNCTION curio_sales_daily_refund();
    DROP TRIGGER sales_daily_refund_update ON payments;
    CREATE CONSTRAINT TRIGGER sales_daily_refund_update AFTER UPDATE OF status ON payments DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW WHEN (new.kind = 'refund' AND new.status = 'succeeded' AND old.status <> 'succeeded')
        EXECUTE FUNCTION curio_sales_daily_refund();
    """#

    /// When an order moves between days, changes its total, or its payment fails or recovers.
    private static let orderCountChanged = """
        (old.payment_status <> 'failed') <> (new.payment_status <> 'failed') OR old.total <> new.total OR old.placed_at <> new.placed_at
        """

    /// The recommender's input counters at commit, still once per transaction and counter.
    private static var deferredRecommenderBumps: String {
        recommenderInputTriggers.map { name, event, counter in
            let table = event.split(separator: " ").last.map(String.init) ?? ""
            return """
                DROP TRIGGER recommender_inputs_\(name) ON \(table);
                CREATE CONSTRAINT TRIGGER recommender_inputs_\(name) AFTER \(event) DEFERRABLE INITIALLY DEFERRED
                    FOR EACH ROW EXECUTE FUNCTION curio_recommender_bump('\(counter)');

                """
        }.joined()
    }
}
