import CSQLite
import Foundation

/// How a transaction takes its locks.
public enum TransactionKind: Sendable {
    /// Takes the write lock at the first write; for read-only work.
    case deferred
    /// Takes the write lock at once (waiting for it), so the transaction never fails midway on a lock.
    case immediate
    /// A write whose body locks the rows it decides on (`SQLConnection.lockRows`) before reading them, so
    /// where the backend has row locks (PostgreSQL) such writes run beside one another and wait only for
    /// `.immediate` ones; SQLite runs it as `.immediate`. `Store.write` runs the body again after a
    /// deadlock or a conflicting commit, so it must do nothing but database work.
    case rowLocked
}

/// How hard SQLite works to make a commit durable.
public enum SynchronousMode: String, Sendable {
    /// Durable across power loss: the default.
    case full = "FULL"
    /// Durable across application crashes; faster.
    case normal = "NORMAL"
    /// No syncs; for throwaway data only.
    case off = "OFF"
}

/// Settings for opening a connection.
public struct DatabaseOptions: Sendable {
    /// Open without write access.
    public var readOnly = false
    /// How long to wait for another process's lock, in milliseconds.
    public var busyTimeoutMilliseconds: Int = 10_000
    /// The `synchronous` pragma.
    public var synchronous: SynchronousMode = .full
    /// Refuse to create the file when there is none (`DatabaseOpenError.missing`) instead of making an empty shop.
    public var mustExist = false
    /// The permissions a new database file is created with (then masked by the umask): 0600, only the
    /// owner; a shop served over SSH to several accounts of one group uses 0660. SQLite gives the
    /// `-wal` and `-shm` files the same permissions.
    public var newFileMode: mode_t = 0o600
    /// Creates the default options.
    public init() {}
}

/// One connection to a SQLite file with its cache of prepared statements. Use from one thread at a time.
public final class Database: SQLConnection {
    /// The file this connection opened.
    public let path: String
    /// The file this connection opened (`SQLConnection`).
    public var location: String { path }
    let handle: OpaquePointer
    private var statements: [String: Statement] = [:]
    private var savepointDepth = 0
    private let busyState: UnsafeMutablePointer<BusyState>
    /// Orders this process's writers behind other processes' in the kernel instead of by polling.
    var writerQueue: WriterQueue?

    /// Opens (creating when missing, with its folders) the database at `path`.
    /// Only opens the file: it does not read or change it, so a caller can inspect it first.
    public init(path: String, options: DatabaseOptions = DatabaseOptions()) throws(DatabaseOpenError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), !isFolder.boolValue {
            throw .cannotCreateFolder(path: folder, reason: "a file with that name is in the way")
        }
        if options.mustExist || options.readOnly, !FileManager.default.fileExists(atPath: path) {
            throw .missing(path: path)
        }
        if !options.readOnly, !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw .cannotCreateFolder(path: folder, reason: Database.reason(of: error))
            }
        }
        if !options.readOnly, !options.mustExist, !path.isEmpty, !path.hasPrefix(":"), !path.hasPrefix("file:"),
           !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, options.newFileMode)
            if fd >= 0 { close(fd) }
        }
        var pointer: OpaquePointer?
        let flags = (options.readOnly ? SQLITE_OPEN_READONLY
                     : options.mustExist ? SQLITE_OPEN_READWRITE : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE))
            | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let rc = sqlite3_open_v2(path, &pointer, flags, nil)
        guard rc == SQLITE_OK, let opened = pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(rc))
            sqlite3_close_v2(pointer)
            throw .cannotOpen(path: path, reason: message)
        }
        handle = opened
        busyState = .allocate(capacity: 1)
        busyState.initialize(to: BusyState(timeoutNanoseconds: UInt64(options.busyTimeoutMilliseconds) * 1_000_000))
        sqlite3_busy_handler(handle, busyHandler, busyState)
        _ = curio_sqlite3_enable_defensive(handle, 1)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
        busyState.deinitialize(count: 1)
        busyState.deallocate()
    }

    /// True when this connection cannot write (opened read-only, or the file is write-protected).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// True when no transaction is open.
    public var isAutocommit: Bool { sqlite3_get_autocommit(handle) != 0 }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// The rowid of the last successful INSERT on this connection.
    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// A number that changes whenever another connection commits to the file (`PRAGMA data_version`).
    public func dataVersion() throws -> Int64 {
        try scalarInt("PRAGMA data_version") ?? 0
    }

    // MARK: Running statements

    /// Runs one statement with an array of bound values; returns the number of rows changed.
    @discardableResult
    public func execute(_ sql: String, values: [SQLBindable?]) throws -> Int {
        try withStatement(sql, values) { statement in
            while true {
                let rc = sqlite3_step(statement.handle)
                if rc == SQLITE_DONE { break }
                if rc != SQLITE_ROW { throw error(rc, sql: sql) }
            }
        }
        return changes
    }

    /// Runs several `;`-separated statements that take no values (schema scripts).
    public func executeScript(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw DatabaseError(code: sqlite3_extended_errcode(handle), message: text, sql: sql)
        }
    }

    /// Calls `body` for every row the query returns, with an array of bound values.
    public func forEach(_ sql: String, values: [SQLBindable?], body: (Row) throws -> Void) throws {
        try withStatement(sql, values) { statement in
            while true {
                let rc = sqlite3_step(statement.handle)
                if rc == SQLITE_DONE { break }
                guard rc == SQLITE_ROW else { throw error(rc, sql: sql) }
                try body(Row(handle: statement.handle))
            }
        }
    }

    /// Maps the first row the query returns, with an array of bound values.
    public func first<T>(_ sql: String, values: [SQLBindable?], map: (Row) throws -> T) throws -> T? {
        try withStatement(sql, values) { statement in
            let rc = sqlite3_step(statement.handle)
            if rc == SQLITE_DONE { return nil }
            guard rc == SQLITE_ROW else { throw error(rc, sql: sql) }
            return try map(Row(handle: statement.handle))
        }
    }

    // MARK: Transactions

    /// Runs `body` in a transaction that commits when it returns and rolls back when it throws.
    /// Inside another transaction it becomes a savepoint, so an inner failure undoes only its own work.
    @discardableResult
    public func transaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        if !isAutocommit {
            savepointDepth += 1
            let name = "curio_sp\(savepointDepth)"
            defer { savepointDepth -= 1 }
            try executeScript("SAVEPOINT \(name)")
            do {
                let result = try body()
                try executeScript("RELEASE \(name)")
                return result
            } catch {
                try? executeScript("ROLLBACK TO \(name); RELEASE \(name)")
                throw error
            }
        }
        let queued = kind != .deferred ? writerQueue?.enter() ?? false : false
        defer { if queued { writerQueue?.leave() } }
        try executeScript(kind != .deferred ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED")
        do {
            let result = try body()
            try executeScript("COMMIT")
            return result
        } catch {
            if !isAutocommit { try? executeScript("ROLLBACK") }
            throw error
        }
    }

    // MARK: Internals

    /// Prepares (or takes from the cache) the statement for `sql`, binds `values`, runs `body`, resets.
    private func withStatement<T>(_ sql: String, _ values: [SQLBindable?],
                                  _ body: (Statement) throws -> T) throws -> T {
        let statement: Statement
        var cached = false
        if let found = statements[sql] {
            statement = found
            cached = true
            statements[sql] = nil  // taken while in use, so a nested use of the same SQL prepares its own
        } else {
            statement = try prepare(sql)
        }
        defer {
            statement.reset()
            if cached || statements[sql] == nil { statements[sql] = statement }
        }
        try statement.bind(values, connection: handle)
        return try body(statement)
    }

    private func prepare(_ sql: String) throws -> Statement {
        var pointer: OpaquePointer?
        let rc = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard rc == SQLITE_OK, let prepared = pointer else {
            sqlite3_finalize(pointer)
            throw error(rc, sql: sql)
        }
        return Statement(handle: prepared, sql: sql)
    }

    func error(_ rc: Int32, sql: String?) -> DatabaseError {
        let extended = sqlite3_extended_errcode(handle)
        return DatabaseError(code: extended != 0 ? extended : rc,
                             message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    private static func reason(of error: Error) -> String {
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        if let posix = underlying, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        return error.localizedDescription
    }
}
