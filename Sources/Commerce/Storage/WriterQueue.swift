import Foundation

/// A kernel-queued lock on a small file beside the database (`<db>-writer`), taken around every
/// immediate transaction. Waiting writers sleep in `flock` and wake the moment the holder lets go,
/// instead of polling SQLite's lock with sleeps; SQLite's own locking still guards the data, so a
/// program that does not use this file (the sqlite3 shell) stays safe. The kernel releases the lock
/// when a process dies. A wait longer than the timeout gives up the queue and falls back to SQLite's
/// busy handler, so a stuck process turns into a busy error rather than a hang.
final class WriterQueue {
    private let descriptor: Int32
    private let timeoutMilliseconds: Int

    /// Opens (creating) the queue file; nil when it cannot be opened (writers then rely on SQLite alone).
    init?(databasePath: String, timeoutMilliseconds: Int) {
        let fd = open(databasePath + "-writer", O_RDWR | O_CREAT | O_CLOEXEC, 0o660)
        guard fd >= 0 else { return nil }
        descriptor = fd
        self.timeoutMilliseconds = timeoutMilliseconds
    }

    deinit { close(descriptor) }

    /// Waits for this process's turn; returns false when it gave up waiting (the caller proceeds anyway).
    func enter() -> Bool {
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
        let deadline = monotonicNanoseconds() + UInt64(timeoutMilliseconds) * 1_000_000
        var pause: UInt32 = 20
        while monotonicNanoseconds() < deadline {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return true }
            usleep(pause)
            pause = min(pause * 2, 200)
        }
        return false
    }

    /// Lets the next writer in.
    func leave() {
        flock(descriptor, LOCK_UN)
    }
}
