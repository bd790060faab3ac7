import CLibPQ
import Foundation

/// One connection to a PostgreSQL database through libpq, implementing the same `SQLConnection` as
/// SQLite's `Database`: `?` placeholders (translated to `$n`), values always bound out of line, rows read
/// with SQLite's conversions, errors as `DatabaseError` with the SQLSTATE. Use from one thread at a time.
public final class PostgresConnection: SQLConnection {
    /// The target as `user@host:port/database`, for messages; never holds the password.
    public let location: String
    /// The server's version as a number (150004 for 15.4).
    public let serverVersion: Int
    /// The options the connection was opened with.
    public let options: PostgresOptions
    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public internal(set) var changes = 0

    let handle: OpaquePointer
    /// Translations of `?` SQL, by the SQL services wrote.
    private var texts: [String: PostgresStatementText] = [:]
    /// Server-side prepared statements, by translated SQL and parameter types. One dropped from the cache
    /// (its plan went stale) stays on the server under its old name until the session ends.
    private var prepared: [String: String] = [:]
    /// Statements prepared so far; names are never reused within a session.
    private var preparedCount = 0
    /// Savepoints open inside the current transaction.
    var savepointDepth = 0
    /// True while `transaction` holds a transaction open.
    var inTransaction = false
    /// True when the open transaction changed anything, so its commit notifies other connections.
    var wroteInTransaction = false
    /// Channels this connection listens on, restored after a reconnect.
    var channels: Set<String> = []
    /// Notifications read from the server and not yet handed out by `notifications()`.
    var pendingNotifications: [PostgresNotification] = []
    /// Commits by other connections seen on `curio_changes`; `dataVersion()`.
    var changeCount: Int64 = 0

    /// The server's process for this connection (the `be_pid` of notifications it sends).
    public var backendPID: Int32 { PQbackendPID(handle) }
    /// The host (or socket folder) connected to.
    public var host: String { PQhost(handle).map { String(cString: $0) } ?? "" }
    /// The port connected to.
    public var port: String { PQport(handle).map { String(cString: $0) } ?? "" }
    /// The role connected as.
    public var user: String { PQuser(handle).map { String(cString: $0) } ?? "" }
    /// The database connected to.
    public var database: String { PQdb(handle).map { String(cString: $0) } ?? "" }

    /// Connects to `connectionString` — a `postgresql://` URI, `key=value` pairs, or empty for libpq's
    /// environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD …) and defaults alone.
    /// `overrides` (such as `["dbname": "other"]`) replace what the string or environment says.
    public init(_ connectionString: String, options: PostgresOptions = PostgresOptions(),
                overrides: [String: String] = [:]) throws(PostgresOpenError) {
        self.options = options
        handle = try PostgresConnector.connect(connectionString, overrides: overrides,
                                               timeoutMilliseconds: options.connectTimeoutMilliseconds)
        location = PostgresConnector.describe(handle)
        serverVersion = Int(PQserverVersion(handle))
        PQsetNoticeProcessor(handle, ignoreNotice, nil)
        if serverVersion < PostgresConnector.oldestServer {
            PQfinish(handle)
            throw .serverTooOld(target: location, version: PostgresConnector.versionText(serverVersion), required: "12")
        }
        do {
            try startSession()
        } catch {
            PQfinish(handle)
            throw .refused(target: location, sqlState: error.sqlState, reason: error.message)
        }
    }

    deinit { PQfinish(handle) }

    /// True when no transaction is open.
    public var isAutocommit: Bool {
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_IDLE || (status == PQTRANS_UNKNOWN && !inTransaction)
    }

    // MARK: Running statements

    /// Runs one statement with an array of bound values; returns the number of rows changed.
    @discardableResult
    public func execute(_ sql: String, values: [SQLBindable?]) throws -> Int {
        let result = try run(sql, values)
        PQclear(result)
        return changes
    }

    /// Runs several `;`-separated statements that take no values (schema scripts), in one round trip.
    public func executeScript(_ sql: String) throws {
        try reconnectIfIdleAndBroken()
        PQclear(try simple(sql))
        noteWrite(changed: true)
    }

    /// Calls `body` for every row the query returns, with an array of bound values.
    public func forEach(_ sql: String, values: [SQLBindable?], body: (Row) throws -> Void) throws {
        let result = try run(sql, values)
        defer { PQclear(result) }
        for row in 0..<PQntuples(result) {
            try body(Row(postgres: PostgresCells(result: result, row: row)))
        }
    }

    /// Maps the first row the query returns, with an array of bound values; nil when there is none.
    public func first<T>(_ sql: String, values: [SQLBindable?], map: (Row) throws -> T) throws -> T? {
        let result = try run(sql, values)
        defer { PQclear(result) }
        guard PQntuples(result) > 0 else { return nil }
        return try map(Row(postgres: PostgresCells(result: result, row: 0)))
    }

    // MARK: Internals

    /// Runs one statement with bound values and returns its result, which the caller must `PQclear`.
    private func run(_ source: String, _ values: [SQLBindable?]) throws(DatabaseError) -> OpaquePointer {
        try reconnectIfIdleAndBroken()
        let text: PostgresStatementText
        if let cached = texts[source] {
            text = cached
        } else {
            text = try PostgresStatementText(source)
            texts[source] = text
        }
        guard values.count == text.parameterCount else {
            throw DatabaseError(sqlState: PostgresErrorCodes.undefinedParameter,
                                message: "statement takes \(text.parameterCount) parameters but \(values.count) were given",
                                sql: source)
        }
        let parameters = try PostgresParameters(values, sql: source)
        let result: OpaquePointer
        do {
            result = try send(text, parameters, source: source)
        } catch let error where isAutocommit && (error.sqlState == PostgresErrorCodes.featureNotSupported
                                                 || error.sqlState == PostgresErrorCodes.invalidStatementName) {
            // A plan a schema change invalidated, or a statement the server forgot: outside a transaction
            // nothing ran, so prepare afresh and try once more.
            result = try send(text, parameters, source: source)
        }
        noteWrite(changed: recordChanges(result))
        return result
    }

    /// Sends the statement once, prepared or not; a failed prepared statement leaves the cache.
    private func send(_ text: PostgresStatementText, _ parameters: PostgresParameters,
                      source: String) throws(DatabaseError) -> OpaquePointer {
        guard options.preparedStatements else {
            return try check(parameters.withArrays { values, lengths, formats in
                PQexecParams(handle, text.sql, Int32(parameters.count), parameters.types, values, lengths, formats, 0)
            }, sql: source)
        }
        let name = try preparedName(text.sql, parameters, source: source)
        do {
            return try check(parameters.withArrays { values, lengths, formats in
                PQexecPrepared(handle, name, Int32(parameters.count), values, lengths, formats, 0)
            }, sql: source)
        } catch {
            if error.sqlState == PostgresErrorCodes.featureNotSupported || error.sqlState == PostgresErrorCodes.invalidStatementName {
                prepared[text.sql + "\u{1}" + parameters.signature] = nil
            }
            throw error
        }
    }

    /// The name of the prepared statement for `sql` with these parameter types, preparing it when new.
    private func preparedName(_ sql: String, _ parameters: PostgresParameters, source: String) throws(DatabaseError) -> String {
        let key = sql + "\u{1}" + parameters.signature
        if let name = prepared[key] { return name }
        preparedCount += 1
        let name = "curio_\(preparedCount)"
        let result = PQprepare(handle, name, sql, Int32(parameters.count), parameters.types)
        PQclear(try check(result, sql: source))
        prepared[key] = name
        return name
    }

    /// Runs SQL without parameters through the simple query protocol (several statements allowed).
    func simple(_ sql: String) throws(DatabaseError) -> OpaquePointer {
        try check(PQexec(handle, sql), sql: sql)
    }

    /// Returns `result` when it succeeded; otherwise clears it and throws its error.
    func check(_ result: OpaquePointer?, sql: String?) throws(DatabaseError) -> OpaquePointer {
        guard let result else { throw connectionError(sql: sql) }
        let status = PQresultStatus(result)
        if status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY { return result }
        defer { PQclear(result) }
        if PQstatus(handle) == CONNECTION_BAD { throw connectionError(sql: sql) }
        guard status == PGRES_FATAL_ERROR || status == PGRES_NONFATAL_ERROR, let state = field(result, CURIO_PG_DIAG_SQLSTATE) else {
            let message = field(result, CURIO_PG_DIAG_MESSAGE_PRIMARY) ?? String(cString: PQresStatus(status))
            throw DatabaseError(sqlState: "XX000", message: message, sql: sql)
        }
        let detail = [field(result, CURIO_PG_DIAG_MESSAGE_DETAIL), field(result, CURIO_PG_DIAG_MESSAGE_HINT)].compactMap { $0 }
        throw DatabaseError(sqlState: state, message: field(result, CURIO_PG_DIAG_MESSAGE_PRIMARY) ?? "failed",
                            detail: detail.isEmpty ? nil : detail.joined(separator: "; "), sql: sql)
    }

    private func field(_ result: OpaquePointer, _ code: Int) -> String? {
        PQresultErrorField(result, Int32(code)).map { String(cString: $0) }
    }

    /// The error for a connection that broke (the server went away, the network dropped).
    func connectionError(sql: String?) -> DatabaseError {
        let reason = String(cString: PQerrorMessage(handle)).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "; ")
        let during = inTransaction ? "; the open transaction was lost, nothing of it was committed" : ""
        return DatabaseError(sqlState: PostgresErrorCodes.connectionFailure,
                             message: "lost the connection to the PostgreSQL server at \(location) (\(reason))\(during)",
                             sql: sql)
    }

    /// Reads how many rows the statement changed; returns true when it changed any.
    private func recordChanges(_ result: OpaquePointer) -> Bool {
        let tuples = String(cString: PQcmdTuples(result))
        let command = String(cString: PQcmdStatus(result))
        let isWrite = command.hasPrefix("INSERT") || command.hasPrefix("UPDATE") || command.hasPrefix("DELETE")
            || command.hasPrefix("MERGE")
        if isWrite { changes = Int(tuples) ?? 0 }
        return isWrite && changes > 0
    }

    /// Before a statement outside a transaction: a connection the server dropped is opened again, so a
    /// long-lived session survives a server restart. Inside a transaction the failure surfaces instead.
    func reconnectIfIdleAndBroken() throws(DatabaseError) {
        guard !inTransaction else { return }
        // Reading what is waiting finds a session the server has already ended: its goodbye, then the end
        // of the stream. A healthy idle connection costs one poll that returns at once.
        var reads = 0
        while reads < 4, PQstatus(handle) == CONNECTION_OK, PQtransactionStatus(handle) == PQTRANS_IDLE {
            var descriptor = pollfd(fd: PQsocket(handle), events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { break }
            PQconsumeInput(handle)
            reads += 1
        }
        guard PQstatus(handle) == CONNECTION_BAD else { return }
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else { throw connectionError(sql: nil) }
        prepared.removeAll()
        pendingNotifications.removeAll()
        changeCount += 1  // changes may have been missed while disconnected
        try startSession()
    }

    /// Settings every session gets, and the channels it listens on. Every execution of a prepared
    /// statement is planned for its values (`plan_cache_mode`): after five runs PostgreSQL would
    /// otherwise settle on a generic plan, and for a search the generic plan walks every product's
    /// document in key order (430 ms at 100k products for a rare word, against 1 ms planned for it).
    private func startSession() throws(DatabaseError) {
        PQclear(try run("SELECT set_config('lock_timeout', ?, false), set_config('plan_cache_mode', 'force_custom_plan', false)",
                        ["\(max(0, options.lockTimeoutMilliseconds))ms"]))
        for channel in channels.sorted() {
            PQclear(try simple("LISTEN \(try quotedIdentifier(channel))"))
        }
    }

    /// `name` quoted as an SQL identifier by libpq.
    func quotedIdentifier(_ name: String) throws(DatabaseError) -> String {
        guard let quoted = PQescapeIdentifier(handle, name, name.utf8.count) else {
            throw DatabaseError(sqlState: PostgresErrorCodes.characterNotInRepertoire,
                                message: "cannot quote \"\(name)\" as an identifier", sql: nil)
        }
        defer { PQfreemem(quoted) }
        return String(cString: quoted)
    }
}

/// Drops the server's NOTICE and WARNING messages, which libpq would otherwise print on stderr — over the
/// terminal interface. Errors still arrive as `DatabaseError`s.
private let ignoreNotice: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Void = { _, _ in }
