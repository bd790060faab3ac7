/// Why Curio could not open a PostgreSQL database. Each message names the target (never its password)
/// and what to do; `sqlState` is PostgreSQL's code when the server answered.
public enum PostgresOpenError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The connection string could not be parsed.
    case invalidConnectionString(reason: String)
    /// No server answered at the target (not running, wrong host, port or socket folder, a firewall).
    case unreachable(target: String, reason: String)
    /// The server answers but is starting up, shutting down or recovering.
    case serverNotReady(target: String)
    /// The server refused the user: a wrong or missing password, an unknown role, a role that may not log in,
    /// or no `pg_hba.conf` line admitting it.
    case authenticationFailed(target: String, user: String, sqlState: String?, reason: String)
    /// The database named in the connection string does not exist on the server.
    case noSuchDatabase(target: String, database: String)
    /// The server has no free connection slots.
    case tooManyConnections(target: String)
    /// The server is older than the oldest version Curio supports.
    case serverTooOld(target: String, version: String, required: String)
    /// The database holds tables, but not a Curio shop's.
    case notCurio(target: String)
    /// The database was written by a newer Curio whose schema this build does not know.
    case newerSchema(target: String, found: Int, supported: Int)
    /// The server refused the connection for another reason.
    case refused(target: String, sqlState: String?, reason: String)

    /// PostgreSQL's SQLSTATE for the failure, when the server sent one.
    public var sqlState: String? {
        switch self {
        case .authenticationFailed(_, _, let state, _), .refused(_, let state, _): return state
        case .noSuchDatabase: return PostgresErrorCodes.invalidCatalogName
        case .tooManyConnections: return PostgresErrorCodes.tooManyConnections
        case .serverNotReady: return PostgresErrorCodes.cannotConnectNow
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .invalidConnectionString(let reason):
            return "not a PostgreSQL connection string (\(reason)); write it as postgresql://USER@HOST:PORT/DATABASE or host=… dbname=…"
        case .unreachable(let target, let reason):
            return "\(target): cannot reach the PostgreSQL server (\(reason)); check that it is running and that host, port and socket folder are right"
        case .serverNotReady(let target):
            return "\(target): the PostgreSQL server is starting up, shutting down or recovering; try again in a moment"
        case .authenticationFailed(let target, let user, _, let reason):
            return "\(target): PostgreSQL refused user \"\(user)\" (\(reason)); check the user name, the password (in the connection string, PGPASSWORD or ~/.pgpass) and pg_hba.conf"
        case .noSuchDatabase(let target, let database):
            return "\(target): there is no database \"\(database)\" on the server; create it first (createdb \(database)) or name another"
        case .tooManyConnections(let target):
            return "\(target): the PostgreSQL server has no free connections (max_connections); close some sessions or raise the limit"
        case .serverTooOld(let target, let version, let required):
            return "\(target): PostgreSQL \(version) is too old for Curio, which needs \(required) or newer; upgrade the server"
        case .notCurio(let target):
            return "\(target): the database holds tables, but not a Curio shop's; name an empty database or a Curio one"
        case .newerSchema(let target, let found, let supported):
            return "\(target): written by a newer version of Curio (schema \(found); this curio knows up to \(supported)); upgrade curio to open it"
        case .refused(let target, let state, let reason):
            return "\(target): PostgreSQL refused the connection (\(state.map { "SQLSTATE \($0): " } ?? "")\(reason))"
        }
    }
}
