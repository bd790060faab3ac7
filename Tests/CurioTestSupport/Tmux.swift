import Foundation

/// Why a tmux-driven test could not go on.
public struct TmuxError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A detached tmux session on a private socket (`tmux -L`), driven through the tmux command.
public struct TmuxSession {
    /// The tmux binary, or nil when tmux is not installed (tests that need it are skipped then).
    public static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The private socket name.
    public let socket = "curio-e2e-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    /// The session (and window) name.
    public let name: String

    /// Starts `command` with `arguments` in a new detached session of `width`×`height` with
    /// `LC_ALL=C.UTF-8` and the extra environment; when the command ends the pane shows `CURIO-EXIT:<status>`.
    public init(name: String, width: Int, height: Int, directory: String? = nil, environment: [String: String] = [:],
                command: String, arguments: [String] = []) throws {
        self.name = name
        let extra = arguments
        var arguments = ["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height)]
        if let directory { arguments += ["-c", directory] }
        arguments += ["-e", "LC_ALL=C.UTF-8"]
        for (key, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(key)=\(value)"] }
        let words = ([command] + extra).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        arguments.append(words.joined(separator: " ") + "; echo CURIO-EXIT:$?; sleep 120")
        try tmux(arguments)
    }

    /// Runs a tmux command on this session's server.
    @discardableResult
    public func tmux(_ arguments: String...) throws -> String { try tmux(arguments) }

    /// Runs a tmux command on this session's server.
    @discardableResult
    public func tmux(_ arguments: [String]) throws -> String {
        try runProgram(TmuxSession.tmuxPath ?? "tmux", ["-L", socket] + arguments)
    }

    /// The pane's text now.
    public func capture() throws -> String { try tmux("capture-pane", "-p", "-t", name) }

    /// Polls the pane until `text` appears; fails after a deadline with what the pane showed.
    @discardableResult
    public func waitFor(_ text: String, seconds: Double = 15) throws -> String {
        try waitUntil("\"\(text)\" appears", seconds: seconds) { $0.contains(text) }
    }

    /// Polls the pane until `condition` holds; fails after a deadline with what the pane showed.
    @discardableResult
    public func waitUntil(_ what: String, seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            usleep(50_000)
        }
        throw TmuxError(description: "timed out after \(seconds) s waiting until \(what); the pane shows:\n\(screen)")
    }

    /// Stops the private tmux server.
    public func kill() { _ = try? tmux("kill-server") }
}

/// An executable built next to the tests (the build products folder), or `.build/debug` under `packageRoot`.
public func builtProduct(_ name: String, packageRoot: URL) throws -> String {
    var candidates: [URL] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
        candidates.append(URL(fileURLWithPath: exe).deletingLastPathComponent())
    }
    candidates += [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                   packageRoot.appendingPathComponent(".build/debug")]
    for dir in candidates where FileManager.default.isExecutableFile(atPath: dir.appendingPathComponent(name).path) {
        return dir.appendingPathComponent(name).path
    }
    throw TmuxError(description: "\(name) not found next to the tests in \(candidates.map(\.path))")
}

/// Runs a program and returns its standard output; throws when it fails. Uses posix_spawn and
/// waitpid directly, and a temporary file rather than a pipe for output: the tmux server started by
/// `new-session` inherits the descriptors and would hold a pipe open forever. The test runner's
/// threads block signals; the child gets an empty mask and default handlers.
@discardableResult
public func runProgram(_ path: String, _ arguments: [String]) throws -> String {
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
