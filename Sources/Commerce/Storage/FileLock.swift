import Foundation

/// A lock that makes one process at a time do a shop's background job (build the recommender's
/// model, deliver the outbox): `flock` on a small file beside the shop, which the kernel releases
/// when the holder exits, however it ends.
final class FileLock {
    /// What trying the lock gave.
    enum Attempt {
        /// This process holds it until `release`.
        case taken(FileLock)
        /// Another process (or another open of the file) holds it.
        case heldElsewhere
        /// The lock file cannot be opened (a read-only folder): no process can coordinate through it.
        case unavailable
    }

    private var fd: Int32

    private init(fd: Int32) { self.fd = fd }

    /// Takes the lock on `path` (creating the file) without waiting.
    static func take(_ path: String) -> Attempt {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .unavailable }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            close(fd)
            return busy ? .heldElsewhere : .unavailable
        }
        return .taken(FileLock(fd: fd))
    }

    /// Lets another process take it.
    func release() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
