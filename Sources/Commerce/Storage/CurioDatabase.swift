import CSQLite
import Foundation

/// Opens a Curio database file: refuses files that are not Curio's or that a newer Curio wrote,
/// sets the pragmas, and brings the schema up to date.
public enum CurioDatabase {
    /// Opens (creating when missing) the Curio database at `path`, migrated to the latest schema.
    /// A file that is refused is left byte-for-byte unchanged.
    public static func open(path: String, options: DatabaseOptions = DatabaseOptions()) throws(DatabaseOpenError) -> Database {
        let db = try Database(path: path, options: options)
        let probe: (applicationID: Int64, version: Int, objects: Int64)
        do {
            // Reads only: nothing has been written to the file yet.
            probe = (try db.scalarInt("PRAGMA application_id") ?? 0,
                     Int(try db.scalarInt("PRAGMA user_version") ?? 0),
                     try db.scalarInt("SELECT count(*) FROM sqlite_schema") ?? 0)
        } catch {
            throw translate(error, path: path)
        }
        if probe.applicationID != Migrations.applicationID && probe.objects > 0 {
            throw .notCurio(path: path)
        }
        if probe.version > Migrations.latestVersion {
            throw .newerSchema(path: path, found: probe.version, supported: Migrations.latestVersion)
        }
        if db.isReadOnly && !options.readOnly {
            throw .readOnly(path: path)
        }
        do {
            if !options.readOnly {
                _ = try db.scalarString("PRAGMA journal_mode = WAL")
            }
            try db.executeScript("""
                PRAGMA synchronous = \(options.synchronous.rawValue);
                PRAGMA foreign_keys = ON;
                PRAGMA temp_store = MEMORY;
                PRAGMA cache_size = -16000;
                """)
            if !options.readOnly {
                db.writerQueue = WriterQueue(databasePath: path, timeoutMilliseconds: options.busyTimeoutMilliseconds)
            }
            if options.readOnly {
                if probe.version < Migrations.latestVersion { throw DatabaseError(code: SQLITE_READONLY, message: "schema is out of date") }
            } else {
                try migrate(db)
            }
        } catch {
            throw translate(error, path: path)
        }
        return db
    }

    /// Applies every migration newer than the file's schema, each in its own immediate transaction.
    /// Safe when several processes start at once: the version is read again under the write lock.
    /// Foreign keys are off while migrations run (a table rebuild drops and recreates a parent table,
    /// which must not cascade); each migration commits only when `PRAGMA foreign_key_check` finds nothing.
    static func migrate(_ db: Database) throws {
        guard Int(try db.scalarInt("PRAGMA user_version") ?? 0) < Migrations.latestVersion else { return }
        try db.execute("PRAGMA foreign_keys = OFF")
        defer { _ = try? db.execute("PRAGMA foreign_keys = ON") }
        for migration in Migrations.all {
            let current = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
            if current >= migration.version { continue }
            try db.transaction(.immediate) {
                let locked = Int(try db.scalarInt("PRAGMA user_version") ?? 0)
                if locked >= migration.version { return }
                if locked > Migrations.latestVersion {
                    throw DatabaseOpenError.newerSchema(path: db.path, found: locked, supported: Migrations.latestVersion)
                }
                try db.executeScript("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    INTEGER PRIMARY KEY,
                        name       TEXT NOT NULL,
                        applied_at INTEGER NOT NULL
                    );
                    """)
                try db.executeScript(migration.sql)
                if let broken = try db.first("PRAGMA foreign_key_check", map: { "\($0.string(0)) row \($0.int64(1)) → \($0.string(2))" }) {
                    throw DatabaseError(code: SQLITE_CONSTRAINT, message: "migration \(migration.version) left a broken foreign key: \(broken)")
                }
                try db.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                               migration.version, migration.name, Clock.millisecondsNow())
                // Pragmas take no bound values; these are integers from this build, never user input.
                try db.executeScript("""
                    PRAGMA user_version = \(migration.version);
                    PRAGMA application_id = \(Migrations.applicationID);
                    """)
            }
        }
    }

    /// Maps a low-level failure while opening to the message a user can act on.
    static func translate(_ error: Error, path: String) -> DatabaseOpenError {
        if let open = error as? DatabaseOpenError { return open }
        guard let db = error as? DatabaseError else { return .cannotOpen(path: path, reason: "\(error)") }
        switch db.code {
        case SQLITE_NOTADB: return .notADatabase(path: path)
        case SQLITE_CORRUPT: return .corrupt(path: path, detail: db.message)
        case SQLITE_BUSY, SQLITE_LOCKED: return .busy(path: path)
        case SQLITE_READONLY, SQLITE_PERM: return .readOnly(path: path)
        case SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: "\(db.message) (the file and its folder must be readable and writable)")
        default: return .cannotOpen(path: path, reason: db.message)
        }
    }
}
