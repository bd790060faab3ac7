import Foundation
import Testing

/// Runs the real `curio` binary in a private tmux server: the home screen appears, `/` + "mug"
/// shows results, Enter opens a product, `q` quits with status 0.
@Suite(.serialized) struct EndToEndTests {
    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test(.enabled(if: tmuxPath != nil, "tmux is not installed"))
    func curioOpensSearchesOpensAProductAndQuits() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let tmux = Tmux(socket: "curio-shop-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { tmux.kill() }
        let curio = try curioBinary()
        try tmux.run("-f", "/dev/null", "new-session", "-d", "-s", "shop", "-x", "120", "-y", "40", "-c", EndToEndTests.repositoryRoot.path,
                     "-e", "LC_ALL=C.UTF-8", "-e", "CURIO_DB=\(directory.path)/shop.db", "'\(curio)'; echo CURIO-EXIT:$?; sleep 120")
        try tmux.waitFor("Categories", seconds: 60)
        try tmux.waitFor("guest · cart 0")
        try tmux.run("send-keys", "-t", "shop", "/")
        try tmux.waitFor("Search:")
        try tmux.run("send-keys", "-t", "shop", "-l", "mug")
        let results = try tmux.waitFor("Results for “mug”")
        #expect(!results.contains("No products match"))
        try tmux.run("send-keys", "-t", "shop", "Enter")
        try tmux.waitFor("a Add to cart")
        try tmux.run("send-keys", "-t", "shop", "q")
        let after = try tmux.waitFor("CURIO-EXIT:0")
        #expect(!after.contains("Categories"), "the alternate screen is gone")
    }

    /// `curio` in the build products directory next to the test bundle, or `.build/debug`.
    func curioBinary() throws -> String {
        var candidates = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.insert(URL(fileURLWithPath: exe).deletingLastPathComponent(), at: 0)
        }
        candidates.append(EndToEndTests.repositoryRoot.appendingPathComponent(".build/debug"))
        for dir in candidates where FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent("curio").path) {
            return dir.appendingPathComponent("curio").path
        }
        throw TmuxFailure(description: "curio not found in \(candidates.map(\.path))")
    }
}

struct TmuxFailure: Error, CustomStringConvertible {
    var description: String
}

/// A private tmux server (its own socket) driven through the tmux command.
struct Tmux {
    let socket: String

    @discardableResult
    func run(_ arguments: String...) throws -> String {
        try spawn(EndToEndTests.tmuxPath ?? "tmux", ["-L", socket] + arguments)
    }

    /// Polls the pane until `text` appears; fails after the deadline with what the pane showed.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try run("capture-pane", "-p", "-t", "shop")
            if screen.contains(text) { return screen }
            usleep(50_000)
        }
        throw TmuxFailure(description: "timed out after \(seconds) s waiting for \"\(text)\"; the pane shows:\n\(screen)")
    }

    func kill() { _ = try? run("kill-server") }

    /// Runs a program to completion and returns its output. Output goes to a file, not a pipe: the
    /// tmux server inherits descriptors and would keep a pipe open.
    private func spawn(_ path: String, _ arguments: [String]) throws -> String {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("curio-tmux-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, &attributes, argv, environ) == 0 else {
            throw TmuxFailure(description: "cannot run \(path)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard status == 0 else { throw TmuxFailure(description: "\(path) \(arguments.joined(separator: " ")) exited with status \(status)") }
        return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
    }
}
