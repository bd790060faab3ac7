import Foundation
import TerminalUI

/// Starts `path` with `arguments` on `pty` (stdin, stdout and stderr), in its own session so the pty
/// is its controlling terminal; returns its pid.
func spawnOnPseudoTerminal(_ pty: PseudoTerminal, path: String, arguments: [String], environment: [String: String]) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    for target in Int32(0)...2 { posix_spawn_file_actions_adddup2(&actions, pty.slave, target) }
    posix_spawn_file_actions_addclose(&actions, pty.master)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // POSIX_SPAWN_SETSID (glibc's 0x80, not imported into Swift): the child gets its own session id.
    posix_spawnattr_setflags(&attributes, Int16(0x80))
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, path, &actions, &attributes, argv, envp)
    guard status == 0 else { throw BenchError.workerFailed(status: status) }
    return child
}

/// A program on a 120x40 pseudo-terminal driven by a script: write keys, wait until the text the
/// terminal receives afterwards (escape sequences dropped) contains what the next screen shows.
final class ScriptedTerminal {
    let pty: PseudoTerminal
    let pid: pid_t
    /// The text received since the last `send`, escape sequences removed.
    private(set) var text: [UInt8] = []
    private var raw: [UInt8] = []

    init(path: String, arguments: [String], environment: [String: String]) throws {
        pty = try PseudoTerminal(size: Size(width: 120, height: 40))
        pid = try spawnOnPseudoTerminal(pty, path: path, arguments: arguments, environment: environment)
    }

    /// Writes `keys` (after dropping what arrived before) and returns the microseconds until the text
    /// received since then contains one of `markers`, and which one; nil after `timeoutSeconds`.
    func send(_ keys: String, expect markers: [String], timeoutSeconds: Double = 30) -> (micros: Double, marker: String)? {
        _ = pty.drain(quietMilliseconds: 0)
        raw = []
        text = []
        let start = DispatchTime.now().uptimeNanoseconds
        if !keys.isEmpty { pty.type(Array(keys.utf8)) }
        return wait(for: markers, since: start, timeoutSeconds: timeoutSeconds)
    }

    /// Waits (from `since`) until the received text contains one of `markers`.
    func wait(for markers: [String], since start: UInt64, timeoutSeconds: Double) -> (micros: Double, marker: String)? {
        let wanted = markers.map { Array($0.utf8) }
        let deadline = start + UInt64(timeoutSeconds * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            var fds = pollfd(fd: pty.master, events: Int16(POLLIN), revents: 0)
            guard poll(&fds, 1, 50) > 0 else { continue }
            let now = DispatchTime.now().uptimeNanoseconds
            raw += pty.drain(quietMilliseconds: 0)
            text = ScriptedTerminal.visibleText(raw)
            if let index = wanted.firstIndex(where: { ScriptedTerminal.contains(text, $0) }) {
                return (Double(now - start) / 1000, markers[index])
            }
            if fds.revents & Int16(POLLHUP) != 0 { return nil }
        }
        return nil
    }

    /// The bytes with escape sequences removed (a cursor move forward counts as one space).
    static func visibleText(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            guard byte == 0x1B else {
                if byte >= 0x20 || byte == 0x0A { out.append(byte) }
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { break }
            if bytes[i + 1] == UInt8(ascii: "[") {
                var j = i + 2
                while j < bytes.count && !(0x40...0x7E).contains(bytes[j]) { j += 1 }
                if j < bytes.count && bytes[j] == UInt8(ascii: "C") { out.append(0x20) }
                i = j + 1
            } else if bytes[i + 1] == UInt8(ascii: "(") || bytes[i + 1] == UInt8(ascii: ")") {
                i += 3
            } else {
                i += 2
            }
        }
        return out
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
        return haystack.indices.dropLast(needle.count - 1).contains { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    /// Ends the program (SIGHUP, as a closed terminal would) and reaps it.
    func stop() { endProcess(pid, signal: SIGHUP, draining: pty) }
}

/// Sends `signal` to `pid`, waits up to 3 s (draining its terminal so it never blocks on output),
/// then SIGKILL; reaps it.
func endProcess(_ pid: pid_t, signal: Int32, draining pty: PseudoTerminal) {
    kill(pid, signal)
    var status: Int32 = 0
    for _ in 0..<300 {
        if waitpid(pid, &status, WNOHANG) == pid { return }
        _ = pty.drain(quietMilliseconds: 10)
    }
    kill(pid, SIGKILL)
    waitpid(pid, &status, 0)
}
