import CurioTestSupport
import Foundation
import Testing

/// Runs the real `curio` binary in a private tmux server: the home screen appears, `/` + "mug"
/// shows results, Enter opens a product, `q` quits with status 0.
@Suite(.serialized) struct EndToEndTests {
    static let tmuxPath = TmuxSession.tmuxPath
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(.enabled(if: tmuxPath != nil, "tmux is not installed"))
    func curioOpensSearchesOpensAProductAndQuits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let curio = try builtProduct("curio", packageRoot: EndToEndTests.repositoryRoot)
        let tmux = try TmuxSession(name: "shop", width: 120, height: 40, directory: EndToEndTests.repositoryRoot.path,
                                   environment: ["CURIO_DB": "\(directory.path)/shop.db"], command: curio)
        defer { tmux.kill() }
        try tmux.waitFor("Categories", seconds: 60)
        try tmux.waitFor("guest · cart 0")
        try tmux.tmux("send-keys", "-t", "shop", "/")
        try tmux.waitFor("Search:")
        try tmux.tmux("send-keys", "-t", "shop", "-l", "mug")
        let results = try tmux.waitFor("Results for “mug”")
        #expect(!results.contains("No products match"))
        try tmux.tmux("send-keys", "-t", "shop", "Enter")
        try tmux.waitFor("a Add to cart")
        try tmux.tmux("send-keys", "-t", "shop", "q")
        let after = try tmux.waitFor("CURIO-EXIT:0")
        #expect(!after.contains("Categories"), "the alternate screen is gone")
    }
}
