import Foundation

/// How a program run by `spawnProgram` ended.
public struct ProgramRun: Sendable {
    /// The raw `waitpid` status.
    public let status: Int32
    /// What it wrote on standard output (and standard error, when asked for).
    public let output: String
    /// True when it exited normally with status 0.
    public var succeeded: Bool { status & 0x7F == 0 && (status >> 8) & 0xFF == 0 }
}

/// Why a program could not be started.
public struct ProgramError: Error, CustomStringConvertible {
    public let description: String
}

/// Runs a program to its end. Uses posix_spawn and waitpid directly, and a temporary file rather than a
/// pipe for output: a server the program starts (tmux's, PostgreSQL's) inherits the descriptors and
/// would hold a pipe open forever. The test runner's threads block signals; the child gets an empty mask
/// and default handlers. Standard error is discarded unless `includeErrors` sends it with the output.
public func spawnProgram(_ path: String, _ arguments: [String], includeErrors: Bool = false) throws -> ProgramRun {
    let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent("curio-e2e-\(UUID().uuidString).out").path
    defer { unlink(outputPath) }
    let pid = try startProgram(path, arguments, output: outputPath, includeErrors: includeErrors)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return ProgramRun(status: status, output: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "")
}

/// Starts a program in the background (as `spawnProgram` does, output into the file `output`) and
/// returns its pid; the caller signals and reaps it with `waitpid`. For a server the test runs beside
/// other children: Foundation's `Process` reaps none of its children while one of them still runs.
public func startProgram(_ path: String, _ arguments: [String], output: String, includeErrors: Bool = true) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if includeErrors {
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
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
    guard spawned == 0 else { throw ProgramError(description: "cannot run \(path): \(String(cString: strerror(spawned)))") }
    return pid
}
