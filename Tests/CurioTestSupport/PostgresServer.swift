import Foundation

/// Why the tests' PostgreSQL server could not be used. Tests that need it fail with this; they never skip.
public struct PostgresServerError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// The real PostgreSQL server the tests run against. With `CURIO_TEST_POSTGRES` set (a libpq URI or
/// `key=value` string naming a server and a role that may create databases, as `.ci/run` exports) that
/// server; otherwise a private cluster that this test process starts once in a temporary folder — owned by
/// an unprivileged user when the tests run as root — listening only on a socket in that folder, on a
/// port chosen free at run time, and stopped when the process exits (or, should it crash, by a watchdog).
public final class PostgresTestServer: Sendable {
    /// The variable naming an existing server.
    public static let environmentVariable = "CURIO_TEST_POSTGRES"

    /// A connection string for the server's `postgres` database (or the database the variable names).
    public let connectionString: String
    /// Where the client programs are (`psql`).
    let binaries: String

    private init(connectionString: String, binaries: String) {
        self.connectionString = connectionString
        self.binaries = binaries
    }

    private static let started: Result<PostgresTestServer, PostgresServerError> = {
        do { return .success(try start()) } catch let error as PostgresServerError { return .failure(error) } catch {
            return .failure(PostgresServerError(description: "\(error)"))
        }
    }()

    /// The server for this test process, started at the first call.
    public static func shared() throws -> PostgresTestServer { try started.get() }

    /// A fresh, empty database on the server, dropped when the value is released.
    public func makeDatabase() throws -> PostgresTestDatabase {
        let name = "curio_test_\(getpid())_\(UInt64.random(in: 0...UInt64.max) & 0xFFFF_FFFF_FFFF)"
        // Bytewise collation orders text as SQLite does; a UTF-8 ctype keeps lower() and text search Unicode-aware.
        try psql("CREATE DATABASE \(name) TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C.UTF-8'")
        return PostgresTestDatabase(server: self, name: name)
    }

    /// A connection string for `database` on this server.
    public func connectionString(database: String) -> String {
        Self.connectionString(connectionString, database: database)
    }

    /// Runs SQL on the server's maintenance database through `psql`; throws with psql's message when it fails.
    @discardableResult
    public func psql(_ sql: String, database: String? = nil) throws -> String {
        let target = database.map(connectionString(database:)) ?? connectionString
        let run = try spawnProgram(binaries + "/psql",
                                   ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", target, "-c", sql], includeErrors: true)
        guard run.succeeded else {
            throw PostgresServerError(description: "psql on \(target) failed for \(sql): \(run.output)")
        }
        return run.output
    }

    /// `connection` as a `postgresql://` URI: a URI as it is; `key=value` pairs (unquoted values) as
    /// `postgresql://user@/dbname?host=…&port=…` with every other pair as a parameter.
    public static func uri(_ connection: String) -> String {
        if connection.hasPrefix("postgres://") || connection.hasPrefix("postgresql://") { return connection }
        var pairs: [(String, String)] = []
        for word in connection.split(separator: " ") {
            guard let equals = word.firstIndex(of: "=") else { continue }
            pairs.append((String(word[..<equals]), String(word[word.index(after: equals)...])))
        }
        let value = { (key: String) in pairs.last { $0.0 == key }?.1 }
        var url = URLComponents()
        url.scheme = "postgresql"
        url.user = value("user")
        url.host = ""
        url.path = "/" + (value("dbname") ?? "")
        url.queryItems = pairs.filter { !["user", "dbname"].contains($0.0) }.map { URLQueryItem(name: $0.0, value: $0.1) }
        return url.string ?? connection
    }

    /// `base` with its database replaced by `database`: the path of a URI, or a `dbname` appended to pairs.
    static func connectionString(_ base: String, database: String) -> String {
        if base.hasPrefix("postgres://") || base.hasPrefix("postgresql://"), var url = URLComponents(string: base) {
            url.path = "/" + database
            return url.string ?? base
        }
        return base + " dbname=\(database)"
    }

    // MARK: Starting

    private static func start() throws -> PostgresTestServer {
        let binaries = try findBinaries()
        if let given = ProcessInfo.processInfo.environment[environmentVariable], !given.isEmpty {
            let server = PostgresTestServer(connectionString: given, binaries: binaries)
            do {
                try server.psql("SELECT 1")
            } catch {
                throw PostgresServerError(description: "\(environmentVariable)=\(given) names a PostgreSQL server the tests cannot use: \(error)")
            }
            return server
        }
        return try PrivateCluster.start(binaries: binaries)
    }

    /// PostgreSQL 15's server programs, else the newest installed.
    private static func findBinaries() throws -> String {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted(by: >)
        let candidates = ([15] + versions).map { "\(root)/\($0)/bin" }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") }) else {
            throw PostgresServerError(description: "PostgreSQL's server programs are not installed (no \(root)/*/bin/initdb); install Debian's postgresql package (.ci/run does) or set \(environmentVariable) to a server's connection string")
        }
        return found
    }

    /// A cluster in a temporary folder, run by `initdb` and `pg_ctl`.
    private enum PrivateCluster {
        static func start(binaries: String) throws -> PostgresTestServer {
            var template = Array("/tmp/curio-pg-XXXXXX".utf8CString)
            guard let made = mkdtemp(&template) else {
                throw PostgresServerError(description: "cannot create a temporary folder for PostgreSQL: \(String(cString: strerror(errno)))")
            }
            let folder = String(cString: made)
            let data = folder + "/data"
            // As root, the cluster belongs to an unprivileged user: PostgreSQL refuses to run as root.
            var runAs: [String] = []
            if getuid() == 0 {
                guard let account = getpwnam("postgres") ?? getpwnam("nobody") else {
                    throw PostgresServerError(description: "running as root and there is no postgres or nobody user to run PostgreSQL as")
                }
                let (uid, gid) = (account.pointee.pw_uid, account.pointee.pw_gid)
                guard chown(folder, uid, gid) == 0 else {
                    throw PostgresServerError(description: "cannot give \(folder) to the PostgreSQL user: \(String(cString: strerror(errno)))")
                }
                runAs = ["/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--"]
            }
            func run(_ program: String, _ arguments: [String]) throws -> ProgramRun {
                let command = runAs + [binaries + "/" + program] + arguments
                return try spawnProgram(command[0], Array(command.dropFirst()), includeErrors: true)
            }
            let initdb = try run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
            guard initdb.succeeded else {
                removeFolder(folder)
                throw PostgresServerError(description: "initdb failed in \(data): \(initdb.output)")
            }
            let port = try LoopbackSocket(listening: false).port
            // Durability is not under test here: fsync off keeps CREATE DATABASE per test cheap.
            let settings = "-k \(folder) -p \(port) -c listen_addresses='' -c fsync=off -c full_page_writes=off -c max_connections=200"
            let pgctl = try run("pg_ctl", ["-D", data, "-o", settings, "-l", folder + "/server.log", "-w", "-t", "60", "start"])
            guard pgctl.succeeded else {
                let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
                removeFolder(folder)
                throw PostgresServerError(description: "pg_ctl could not start PostgreSQL in \(data): \(pgctl.output)\n\(log)")
            }
            let stop = runAs + [binaries + "/pg_ctl", "-D", data, "-m", "immediate", "-w", "stop"]
            clusterToStop = (stop, folder)
            atexit(stopClusterAtExit)
            startWatchdog(stop: stop, folder: folder)
            return PostgresTestServer(connectionString: "host=\(folder) port=\(port) user=postgres dbname=postgres", binaries: binaries)
        }

        /// A detached shell that stops the cluster once this process is gone, however it ended.
        static func startWatchdog(stop: [String], folder: String) {
            let quoted = stop.map { "'\($0)'" }.joined(separator: " ")
            let script = "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(quoted) >/dev/null 2>&1; rm -rf '\(folder)'"
            // setsid: the watchdog outlives a ctrl-c sent to the test's process group; spawnProgram would wait, so fork it off.
            _ = try? spawnProgram("/bin/sh", ["-c", "/usr/bin/setsid /bin/sh -c \"\(script)\" </dev/null >/dev/null 2>&1 &"])
        }

        static func removeFolder(_ folder: String) {
            try? FileManager.default.removeItem(atPath: folder)
        }
    }
}

/// The cluster `atexit` stops: its `pg_ctl stop` command and its folder.
nonisolated(unsafe) private var clusterToStop: (command: [String], folder: String)?

private let stopClusterAtExit: @convention(c) () -> Void = {
    guard let cluster = clusterToStop else { return }
    clusterToStop = nil
    _ = try? spawnProgram(cluster.command[0], Array(cluster.command.dropFirst()))
    try? FileManager.default.removeItem(atPath: cluster.folder)
}

/// A database of its own for one test, on the shared server; dropped (with any connections still open
/// to it) when released.
public final class PostgresTestDatabase: Sendable {
    /// The database's name.
    public let name: String
    /// A connection string for it.
    public let connectionString: String
    private let server: PostgresTestServer

    init(server: PostgresTestServer, name: String) {
        self.server = server
        self.name = name
        self.connectionString = server.connectionString(database: name)
    }

    /// The database as a `postgresql://` URI, the form `curio --db` takes.
    public var uri: String { PostgresTestServer.uri(connectionString) }

    deinit { _ = try? server.psql("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
}

/// A TCP socket on 127.0.0.1 at a port the kernel chose, closed when released: bound only, it names a
/// port that is free now; listening, it accepts connections (into the backlog) and never answers them.
public final class LoopbackSocket {
    /// The socket's descriptor.
    public let descriptor: Int32
    /// The port it is bound to.
    public let port: Int

    /// Binds (and with `listening`, listens on) a fresh socket.
    public init(listening: Bool) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw PostgresServerError(description: "cannot open a socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && (!listening || listen(descriptor, 4) == 0)
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard ready else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw PostgresServerError(description: "cannot bind a socket on 127.0.0.1: \(reason)")
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(descriptor) }
}
