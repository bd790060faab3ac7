import Foundation
@testable import Commerce

/// A fresh temporary folder, removed when the value is released.
final class TempDir {
    let path: String
    init() {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("curio-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    /// A path inside the folder.
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}

/// A migrated store in a fresh temp folder, with cheap password hashing.
func makeStore(_ dir: TempDir = TempDir()) throws -> (Store, TempDir) {
    let store = try Store(path: dir.file("shop.db"))
    store.passwordHasher = .fast
    return (store, dir)
}
