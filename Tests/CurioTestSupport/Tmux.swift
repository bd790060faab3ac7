import Foundation

/// Why a tmux-driven test could not go on.
public struct TmuxError: Error, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

/// A detached tmux session on a private socket (`tmux -L`), driven through the tmux command.
public struct TmuxSession {
    /// The tmux binary, or nil when tmux is not installed (tests that need it then fail: `.ci/run` installs it).
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
        guard TmuxSession.tmuxPath != nil else {
            throw TmuxError(description: "tmux is not installed; this end-to-end test needs it (.ci/run installs it)")
        }
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

/// Runs a program and returns its standard output; throws when it fails (see `spawnProgram`).
@discardableResult
public func runProgram(_ path: String, _ arguments: [String]) throws -> String {
    let run = try spawnProgram(path, arguments)
    guard run.succeeded else {
        throw TmuxError(description: "\(path) \(arguments.joined(separator: " ")) exited with status \(run.status)")
    }
    return run.output
}
