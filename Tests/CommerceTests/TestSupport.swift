import CurioTestSupport
import Foundation
@_spi(Storage) @testable import Commerce

/// A fresh temporary folder, removed when the value is released.
final class TempDir {
    let path: String
    /// What must live as long as the folder: the PostgreSQL database of a store made on that backend.
    var companion: AnyObject?
    init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("curio-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    /// A path inside the folder.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}

/// The backend `makeStore` uses: SQLite unless `CURIO_TEST_BACKEND=postgres`, which runs the same service
/// tests against the tests' PostgreSQL server (`PostgresTestServer`).
let testBackend: Backend = ProcessInfo.processInfo.environment["CURIO_TEST_BACKEND"] == "postgres" ? .postgres : .sqlite

/// A migrated store on the test backend, with cheap password hashing: a SQLite file in a fresh temp
/// folder, or a fresh PostgreSQL database (dropped with the folder).
func makeStore(_ dir: TempDir = TempDir()) throws -> (Store, TempDir) {
    let store: Store
    switch testBackend {
    case .sqlite:
        store = try Store(path: dir.file("shop.db"))
    case .postgres:
        // The folder's database when it has one, so a store made again on the same folder reopens the
        // same shop, as `Store(path:)` reopens the folder's file.
        let database = try (dir.companion as? PostgresTestDatabase) ?? PostgresTestServer.shared().makeDatabase()
        store = try Store(location: .postgres(database.connectionString))
        // Dropped when both the store and the folder are gone (tests often drop the folder at once).
        dir.companion = database
        store.companions.append(database)
    }
    store.passwordHasher = .fast
    return (store, dir)
}

/// Another connection to the shop `store` is on (a second process's view), on either backend.
func reopen(_ store: Store) throws -> Store {
    let other = try Store(location: store.location)
    other.passwordHasher = store.passwordHasher
    return other
}
