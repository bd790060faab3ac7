import Foundation

extension CurioDatabase {
    /// Opens the Curio shop in the PostgreSQL database `connectionString` names (a `postgresql://` URI,
    /// `key=value` pairs, or empty for libpq's environment): an empty database gets the whole schema, an
    /// older Curio one its missing migrations. Refuses a database holding other tables (`.notCurio`) or
    /// written by a newer Curio (`.newerSchema`) without changing it. Safe when several processes start at once.
    /// With `mustExist`, a database without Curio's schema is refused (`.missing`) and left empty, as a
    /// missing SQLite file is: a command that reads or changes a shop never makes an empty one by mistake.
    public static func open(postgres connectionString: String, options: PostgresOptions = PostgresOptions(),
                            mustExist: Bool = false) throws(DatabaseOpenError) -> PostgresConnection {
        let db: PostgresConnection
        do {
            db = try PostgresConnection(connectionString, options: options)
        } catch {
            throw .postgres(error)
        }
        if mustExist {
            let version: Int
            do { version = try db.schemaVersion() } catch { throw .cannotOpen(path: db.location, reason: "\(error)") }
            if version == 0 { throw .missing(path: db.location) }
        }
        try migrate(db, migrations: Migrations.all)
        return db
    }

    /// Brings `db` up to the last of `migrations`: the baseline (versions 1 through
    /// `PostgresBaseline.version`, in one transaction) on an empty database, then each later migration's
    /// `postgresSQL` in a transaction of its own. Each transaction takes the shop's writer lock (an
    /// advisory lock) and reads the version again under it, so of several processes opening an empty
    /// database at once one creates the schema and the others find it made. A database already up to
    /// date is only read.
    static func migrate(_ db: PostgresConnection, migrations: [Migration]) throws(DatabaseOpenError) {
        let latest = migrations.last?.version ?? 0
        var version = try checkedVersion(db, supported: latest)
        while version < latest {
            do {
                version = try db.transaction(.immediate) {
                    let locked = try checkedVersion(db, supported: latest)
                    if locked >= latest { return locked }
                    return try step(db, from: locked, migrations: migrations)
                }
            } catch {
                throw openError(error, db: db)
            }
        }
    }

    /// The version the database records, refusing one that is not Curio's or is newer than `supported`.
    private static func checkedVersion(_ db: PostgresConnection, supported: Int) throws(DatabaseOpenError) -> Int {
        do {
            return try db.checkCurioSchema(supported: supported)
        } catch {
            switch error {
            case .notCurio(let target): throw .notCurio(path: target)
            case .newerSchema(let target, let found, let supported): throw .newerSchema(path: target, found: found, supported: supported)
            default: throw .postgres(error)
            }
        }
    }

    /// Applies the next step after `version` inside the open transaction; returns the version reached.
    private static func step(_ db: PostgresConnection, from version: Int, migrations: [Migration]) throws -> Int {
        let now = Clock.millisecondsNow()
        if version == 0 {
            try installSearchExtension(db)
            try db.executeScript(PostgresBaseline.sql)
            for migration in migrations where migration.version <= PostgresBaseline.version {
                try db.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                               migration.version, migration.name, now)
            }
            try db.execute("INSERT INTO curio_schema(id, application_id, version) VALUES (1, ?, ?)",
                           Migrations.applicationID, PostgresBaseline.version)
            return PostgresBaseline.version
        }
        guard version >= PostgresBaseline.version else {
            throw DatabaseOpenError.cannotOpen(path: db.location, reason: "it records schema \(version), older than any Curio wrote on PostgreSQL (\(PostgresBaseline.version)); it was changed by hand — restore it from a backup")
        }
        guard let next = migrations.first(where: { $0.version > version }) else { return version }
        guard let sql = next.postgresSQL else {
            throw DatabaseOpenError.cannotOpen(path: db.location, reason: "this build of Curio has no PostgreSQL form of schema \(next.version) (\(next.name)); use a build that has")
        }
        try db.executeScript(sql)
        try db.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)", next.version, next.name, now)
        try db.execute("UPDATE curio_schema SET version = ?", next.version)
        return next.version
    }

    /// `unaccent`, which the search configuration builds on; the one step that needs an extension.
    private static func installSearchExtension(_ db: PostgresConnection) throws {
        do {
            try db.executeScript("CREATE EXTENSION IF NOT EXISTS unaccent")
        } catch let error as DatabaseError where error.sqlState != PostgresErrorCodes.insufficientPrivilege {
            throw DatabaseOpenError.cannotOpen(path: db.location, reason: "cannot install the unaccent extension that Curio's search needs (\(error.message)); install PostgreSQL's contrib modules on the server, or have the database's owner or a superuser run CREATE EXTENSION unaccent in it")
        }
    }

    /// A failure while migrating, as the message a user can act on.
    private static func openError(_ error: Error, db: PostgresConnection) -> DatabaseOpenError {
        if let open = error as? DatabaseOpenError { return open }
        guard let failure = error as? DatabaseError else { return .cannotOpen(path: db.location, reason: "\(error)") }
        switch failure.sqlState {
        case PostgresErrorCodes.connectionFailure?:
            return .postgres(.unreachable(target: db.location, reason: failure.message))
        case PostgresErrorCodes.insufficientPrivilege?:
            return .cannotOpen(path: db.location, reason: "\(failure.message): role \"\(db.user)\" may not create Curio's tables and the unaccent extension here; make it the database's owner (ALTER DATABASE \(db.database) OWNER TO \(db.user)), or GRANT CREATE ON DATABASE \(db.database) TO \(db.user) and GRANT CREATE ON SCHEMA public TO \(db.user)")
        case PostgresErrorCodes.readOnlyTransaction?:
            return .cannotOpen(path: db.location, reason: "the server accepts only reads (a standby, or default_transaction_read_only is on); point Curio at the primary")
        default:
            if failure.isBusy { return .busy(path: db.location) }
            return .cannotOpen(path: db.location, reason: failure.sqlState.map { "SQLSTATE \($0): \(failure.message)" } ?? failure.message)
        }
    }
}
