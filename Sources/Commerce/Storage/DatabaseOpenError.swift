/// Why a database could not be opened for Curio — a SQLite file or a PostgreSQL database (whose `path`
/// is its target, `user@host:port/database`). Each message names the database and what to do.
public enum DatabaseOpenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There is no database at the path, and the caller asked not to create one.
    case missing(path: String)
    /// The folder for a new database could not be created.
    case cannotCreateFolder(path: String, reason: String)
    /// SQLite could not open the file at all.
    case cannotOpen(path: String, reason: String)
    /// The file exists but is not a SQLite database.
    case notADatabase(path: String)
    /// The file is a SQLite database, or the PostgreSQL database holds tables, that some other program made.
    case notCurio(path: String)
    /// The file was written by a newer Curio whose schema this build does not know.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The file or its folder cannot be written.
    case readOnly(path: String)
    /// SQLite reports the file as damaged.
    case corrupt(path: String, detail: String)
    /// Another process held the database locked for longer than the busy timeout.
    case busy(path: String)
    /// The PostgreSQL server could not be reached or refused the connection.
    case postgres(PostgresOpenError)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no shop database there (run 'curio' to open the demo shop or 'curio seed' to create one; choose another file with --db)"
        case .cannotCreateFolder(let path, let reason):
            return "\(path): cannot create the folder for the database: \(reason)"
        case .cannotOpen(let path, let reason):
            return "\(path): cannot open the database: \(reason)"
        case .notADatabase(let path):
            return "\(path): not a SQLite database (is --db pointing at the right file?)"
        case .notCurio(let path):
            return "\(path): a database, but not a Curio one; choose another with --db (a Curio file, or an empty PostgreSQL database)"
        case .newerSchema(let path, let found, let supported):
            return "\(path): written by a newer version of Curio (schema \(found); this curio knows up to \(supported)); upgrade curio to open it"
        case .readOnly(let path):
            return "\(path): the database or its folder is read-only; Curio needs to write both (check permissions)"
        case .corrupt(let path, let detail):
            return "\(path): the database is damaged (\(detail)); restore it from a backup"
        case .busy(let path):
            return "\(path): the database is locked by another process; try again"
        case .postgres(let error):
            return error.description
        }
    }
}
