import CurioTestSupport
import Foundation
@_spi(Storage) @testable import Commerce

/// The storage backends a test can run against: `@Test(arguments: Backend.allCases)`.
enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    var description: String { rawValue }
}

/// An empty database of its own for one test on one backend — a SQLite file in a temp folder, or a fresh
/// database on the tests' PostgreSQL server — and a way to open more connections to it.
final class BackendDatabase {
    let backend: Backend
    private let folder: TempDir?
    private let postgres: PostgresTestDatabase?

    init(_ backend: Backend) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            folder = TempDir()
            postgres = nil
        case .postgres:
            folder = nil
            postgres = try PostgresTestServer.shared().makeDatabase()
        }
    }

    /// The PostgreSQL connection string (nil for SQLite).
    var connectionString: String? { postgres?.connectionString }

    /// A new connection; SQLite's is a Curio file (WAL, foreign keys on), PostgreSQL's a plain database.
    func connect(lockTimeoutMilliseconds: Int = 10_000, preparedStatements: Bool = true) throws -> any SQLConnection {
        if let folder {
            var options = DatabaseOptions()
            options.busyTimeoutMilliseconds = lockTimeoutMilliseconds
            return try CurioDatabase.open(path: folder.file("shop.db"), options: options)
        }
        return try postgresConnection(lockTimeoutMilliseconds: lockTimeoutMilliseconds, preparedStatements: preparedStatements)
    }

    /// A new PostgreSQL connection (for tests of PostgreSQL itself).
    func postgresConnection(lockTimeoutMilliseconds: Int = 10_000, preparedStatements: Bool = true) throws -> PostgresConnection {
        guard let postgres else { throw PostgresServerError(description: "not a PostgreSQL database") }
        var options = PostgresOptions()
        options.lockTimeoutMilliseconds = lockTimeoutMilliseconds
        options.preparedStatements = preparedStatements
        return try PostgresConnection(postgres.connectionString, options: options)
    }

    /// `sql` in this backend's dialect: the few type names the two spell differently.
    func dialect(_ sql: String) -> String {
        backend == .sqlite ? sql : sql.replacingOccurrences(of: "BLOB", with: "BYTEA")
            .replacingOccurrences(of: "REAL", with: "DOUBLE PRECISION")
    }

    /// Waits (PostgreSQL's notifications travel on a socket) until `connection` sees another's commit
    /// after `version`, or ten seconds pass; returns its data version then.
    static func dataVersion(of connection: any SQLConnection, after version: Int64) throws -> Int64 {
        if let postgres = connection as? PostgresConnection {
            _ = try postgres.waitForChange(since: version, timeoutMilliseconds: 10_000)
        }
        return try connection.dataVersion()
    }
}
