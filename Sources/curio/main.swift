import Foundation

/// Writes all of `text` to a file descriptor, retrying short writes.
@Sendable func writeAll(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        bytes = bytes.dropFirst(written)
    }
}

signal(SIGPIPE, SIG_IGN)
let status = CLI.run(
    Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    out: { writeAll(STDOUT_FILENO, $0) },
    err: { writeAll(STDERR_FILENO, $0) })
exit(status)
