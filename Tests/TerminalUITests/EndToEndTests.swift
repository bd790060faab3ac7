import Foundation
import Testing

/// Runs curio-ui-demo inside a private tmux server and checks it draws, re-lays out on resize,
/// echoes typed UTF-8 and restores the terminal when it quits or is terminated.
@Suite(.serialized) struct EndToEndTests {
    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: tmuxPath != nil, "tmux is not installed"))
    func demoDrawsResizesTakesUTF8AndQuits() throws {
        let session = try TmuxSession()
        defer { session.kill() }
        try session.waitFor("Products (100000)")
        var screen = try session.capture()
        #expect(!screen.contains("─ Details "), "one pane at 80 columns")
        #expect(screen.contains("↑↓/jk Move"), "the footer shows the screen's keys")

        try session.tmux("resize-window", "-t", session.name, "-x", "120", "-y", "40")
        screen = try session.waitUntil("two panes and the footer on row 40") { pane in
            let rows = pane.components(separatedBy: "\n")
            return pane.contains("─ Details ") && rows.count >= 40 && rows[39].contains("q Quit")
        }
        #expect(screen.contains("─ Products (100000) "))

        try session.tmux("send-keys", "-t", session.name, "/")
        try session.waitFor("Search (Enter ends):")
        try session.tmux("send-keys", "-t", session.name, "-l", "héllo 世界")
        try session.waitFor("Search (Enter ends): héllo 世界")
        try session.tmux("send-keys", "-t", session.name, "Escape")
        screen = try session.waitFor("Searching for héllo 世界")
        #expect(screen.contains("Search: héllo 世界"), "the field keeps the text after editing ends")

        try session.tmux("send-keys", "-t", session.name, "q")
        screen = try session.waitFor("CURIO-EXIT:0")
        #expect(!screen.contains("Products (100000)"), "the alternate screen is gone after quitting")
    }

    @Test(.enabled(if: tmuxPath != nil, "tmux is not installed"), arguments: [SIGTERM, SIGHUP])
    func terminationSignalRestoresTheTerminal(_ signal: Int32) throws {
        let session = try TmuxSession()
        defer { session.kill() }
        try session.waitFor("Products (100000)")
        let shell = try session.tmux("display-message", "-p", "-t", session.name, "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try run("/usr/bin/pgrep", ["-P", shell]).split(separator: "\n").compactMap { Int32($0) }
        #expect(children.count == 1)
        for pid in children { kill(pid, signal) }
        let screen = try session.waitFor("CURIO-EXIT:\(128 + signal)")
        #expect(!screen.contains("Products (100000)"))
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
}

/// A detached tmux session on a private socket running the demo.
struct TmuxSession {
    let socket = "curio-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let name = "demo"

    init() throws {
        let demo = try TmuxSession.demoBinary()
        try tmux("-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "80", "-y", "24", "-e", "LC_ALL=C.UTF-8",
                 "'\(demo)'; echo CURIO-EXIT:$?; sleep 120")
    }

    @discardableResult
    func tmux(_ arguments: String...) throws -> String {
        try run(EndToEndTests.tmuxPath ?? "tmux", ["-L", socket] + arguments)
    }

    func capture() throws -> String { try tmux("capture-pane", "-p", "-t", name) }

    /// Polls the pane until `text` appears; fails after a deadline.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15) throws -> String {
        try waitUntil("\"\(text)\" appears", seconds: seconds) { $0.contains(text) }
    }

    /// Polls the pane until `condition` holds; fails after a deadline with what the pane showed.
    @discardableResult
    func waitUntil(_ what: String, seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            usleep(50_000)
        }
        throw TmuxError(description: "timed out after \(seconds) s waiting until \(what); the pane shows:\n\(screen)")
    }

    func kill() { _ = try? tmux("kill-server") }

    /// The demo binary sits in the build products directory next to the test bundle.
    static func demoBinary() throws -> String {
        var candidates: [URL] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
        }
        candidates.append(Bundle.main.bundleURL)
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for dir in candidates {
            let path = dir.appendingPathComponent("curio-ui-demo").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw TmuxError(description: "curio-ui-demo not found next to the tests in \(candidates.map(\.path))")
    }
}

/// Runs a program and returns its standard output; throws when it fails. Uses posix_spawn and
/// waitpid directly, and a temporary file rather than a pipe for output: the tmux server started by
/// `new-session` inherits the descriptors and would hold a pipe open forever.
@discardableResult
func run(_ path: String, _ arguments: [String]) throws -> String {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("curio-e2e-\(UUID().uuidString).out").path
    defer { unlink(outputPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    // Test runner threads block signals; the tmux server and the demo must not inherit that.
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for sig in [SIGTERM, SIGHUP, SIGINT, SIGPIPE] { sigaddset(&defaults, sig) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
    guard spawned == 0 else { throw TmuxError(description: "cannot run \(path): error \(spawned)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exitCode = (status >> 8) & 0xFF
    guard status & 0x7F == 0, exitCode == 0 else {
        throw TmuxError(description: "\(path) \(arguments.joined(separator: " ")) exited with status \(status)")
    }
    return (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
}
