import Foundation

/// Standard output or error for the CLI: writes everything, retrying short writes, and remembers the
/// first failure (ENOSPC, EPIPE, EIO) so the process can report it and exit 1 instead of claiming
/// success with nothing written.
final class StandardStream: @unchecked Sendable {
    private let descriptor: Int32
    private let lock = NSLock()
    private var failure: String?

    /// A stream on an open file descriptor.
    init(descriptor: Int32) { self.descriptor = descriptor }

    /// Writes all of `text`; after a failure, later writes are dropped.
    func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        guard failure == nil else { return }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Closes the stream (where a deferred write error shows) and returns the first failure, if any.
    func closeAndReportFailure() -> String? {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil, close(descriptor) != 0, errno != EBADF {
            failure = String(cString: strerror(errno))
        }
        return failure
    }
}
