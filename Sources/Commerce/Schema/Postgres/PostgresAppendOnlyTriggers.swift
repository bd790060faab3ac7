/// The append-only tables: SQLite's `*_no_update` and `*_no_delete` triggers, with the same names and
/// messages, plus a refusal of TRUNCATE, which PostgreSQL has and row triggers do not see.
/// Raised as SQLSTATE P0001, which `PostgresErrorCodes` classifies as SQLite's `RAISE(ABORT, …)`.
let postgresAppendOnlyTriggers = #"""
CREATE FUNCTION curio_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = TG_ARGV[0];
END $$;

"""# + appendOnlyTables.map { table, message in
    """
    CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)
        FOR EACH ROW EXECUTE FUNCTION curio_refuse_change('\(message)');
    CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)
        FOR EACH ROW EXECUTE FUNCTION curio_refuse_change('\(message)');
    CREATE TRIGGER \(table)_no_truncate BEFORE TRUNCATE ON \(table)
        FOR EACH STATEMENT EXECUTE FUNCTION curio_refuse_change('\(message)');

    """
}.joined()

/// Each append-only table and the message its refusals carry (SQLite's `RAISE(ABORT, …)` text).
let appendOnlyTables: [(table: String, message: String)] = [
    ("inventory_ledger", "the inventory ledger is append-only"),
    ("order_events", "the order timeline is append-only"),
    ("audit_log", "the audit log is append-only"),
]
