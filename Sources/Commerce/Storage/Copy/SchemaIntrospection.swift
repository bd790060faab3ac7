/// What a connection's schema holds, as each backend's catalog tells it: the storage layer's view for
/// copying a shop between backends.
extension SQLConnection {
    /// The names of the schema's ordinary tables (not views), in name order.
    func tableNames() throws -> [String] {
        switch dialect {
        case .sqlite:
            return try all("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name") { $0.string(0) }
        case .postgres:
            return try all("""
                SELECT table_name FROM information_schema.tables
                WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
                """) { $0.string(0) }
        }
    }

    /// The columns of `table` in their declared order; empty when there is no such table.
    func columnNames(of table: String) throws -> [String] {
        switch dialect {
        case .sqlite:
            return try all("SELECT name FROM pragma_table_info(?) ORDER BY cid", table) { $0.string(0) }
        case .postgres:
            return try all("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position
                """, table) { $0.string(0) }
        }
    }

    /// Runs `body` with the schema's own triggers off on `tables` (foreign keys stay checked), inside the
    /// open transaction, then puts them back: rows copied with their derived columns and summaries must
    /// not be counted a second time (a ledger row adding its delta to stock again).
    /// SQLite has no switch, so its triggers are dropped and created again from their recorded SQL;
    /// PostgreSQL disables them per table (`DISABLE TRIGGER USER`, which the tables' owner may do).
    func withTriggersOff<T>(on tables: [String], _ body: () throws -> T) throws -> T {
        // Only inside a transaction, whose rollback puts the triggers back when anything fails.
        guard !isAutocommit else { throw DatabaseError(code: 1, message: "triggers are switched off only inside a transaction") }
        switch dialect {
        case .sqlite:
            // Our own schema's SQL, read back from the file just made: never user input.
            let triggers = try all("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY rowid") {
                (name: $0.string(0), sql: $0.string(1))
            }
            for trigger in triggers { try executeScript("DROP TRIGGER \(sqlIdentifier(trigger.name))") }
            let result = try body()
            for trigger in triggers { try executeScript(trigger.sql) }
            return result
        case .postgres:
            for table in tables { try executeScript("ALTER TABLE \(sqlIdentifier(table)) DISABLE TRIGGER USER") }
            let result = try body()
            for table in tables { try executeScript("ALTER TABLE \(sqlIdentifier(table)) ENABLE TRIGGER USER") }
            return result
        }
    }

    /// Gathers the planner's statistics for every table (`ANALYZE`, on both backends): a database just
    /// filled has none, and PostgreSQL's planner without them walks every product for a search.
    func gatherStatistics() throws {
        try executeScript("ANALYZE")
    }

    /// Moves every identity past the largest id its table holds, after rows were written with their own
    /// ids; SQLite's integer keys continue from the largest by themselves.
    func advanceIdentities() throws {
        if dialect == .postgres { _ = try first("SELECT curio_sync_identities()") { _ in () } }
    }
}

/// `name` as a quoted SQL identifier, the same on both backends (without a connection at hand, unlike
/// libpq's `PostgresConnection.quotedIdentifier`).
func sqlIdentifier(_ name: String) -> String {
    "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}
