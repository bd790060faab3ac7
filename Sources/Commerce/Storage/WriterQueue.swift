import Foundation

/// A kernel-queued lock on a small file beside the database (`<db>-writer`), taken around every
/// immediate transaction. Waiting writers sleep in `flock` and wake the moment the holder lets go,
/// instead of polling SQLite's lock with sleeps; SQLite's own locking still guards the data, so a
/// program that does not use this file (the sqlite3 shell) stays safe. The kernel releases the lock
/// when a process dies. A wait longer than the timeout gives up the queue and falls back to SQLite's
/// busy handler, so a stuck process turns into a busy error rather than a hang: a timer aimed at the
/// waiting thread interrupts its `flock` (polling with sleeps instead let the holder take the lock
/// again before a sleeper woke, and four processes placed fewer orders than one).
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
        guard let alarm = ThreadAlarm(afterMilliseconds: timeoutMilliseconds) else { return pollingEnter() }
        defer { alarm.cancel() }  // runs before the mask is restored
        while true {
            if flock(descriptor, LOCK_EX) == 0 { return true }
            // Interrupted: by the alarm (give up), or by another signal (wait on).
            guard errno == EINTR, !alarm.fired else { return false }
        }
    }

    /// The wait without a timer (none could be made): tries again with short, growing sleeps.
    private func pollingEnter() -> Bool {
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

/// A one-shot timer that sends SIGURG to the calling thread, so a blocking call there returns EINTR
/// (SIGURG is ignored by default; the no-op handler is installed without SA_RESTART).
private final class ThreadAlarm {
    private var timer: timer_t?
    private let deadline: UInt64

    private static let handlerInstalled: Bool = {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        return sigaction(SIGURG, &action, nil) == 0
    }()

    /// The calling thread's signal mask before SIGURG was let through (dispatch's threads block it).
    private var savedMask = sigset_t()

    /// Arms the timer and lets SIGURG reach this thread until `cancel`; nil when the handler or the
    /// timer cannot be set up.
    init?(afterMilliseconds milliseconds: Int) {
        guard Self.handlerInstalled, let thread = Self.threadID() else { return nil }
        var urgent = sigset_t()
        sigemptyset(&urgent)
        sigaddset(&urgent, SIGURG)
        guard pthread_sigmask(SIG_UNBLOCK, &urgent, &savedMask) == 0 else { return nil }
        deadline = monotonicNanoseconds() + UInt64(max(milliseconds, 1)) * 1_000_000
        var event = sigevent()
        event.sigev_notify = Int32(SIGEV_THREAD_ID)
        event.sigev_signo = SIGURG
        event._sigev_un._tid = thread
        var created: timer_t?
        guard timer_create(CLOCK_MONOTONIC, &event, &created) == 0, let created else {
            pthread_sigmask(SIG_SETMASK, &savedMask, nil)
            return nil
        }
        timer = created
        let ms = max(milliseconds, 1)
        var spec = itimerspec(it_interval: timespec(tv_sec: 0, tv_nsec: 0),
                              it_value: timespec(tv_sec: ms / 1000, tv_nsec: (ms % 1000) * 1_000_000))
        guard timer_settime(created, 0, &spec, nil) == 0 else {
            timer_delete(created)
            timer = nil
            pthread_sigmask(SIG_SETMASK, &savedMask, nil)
            return nil
        }
    }

    /// The kernel's id of the calling thread, from `/proc/thread-self` ("PID/task/TID").
    private static func threadID() -> pid_t? {
        var buffer = [CChar](repeating: 0, count: 64)
        let count = readlink("/proc/thread-self", &buffer, buffer.count - 1)
        guard count > 0 else { return nil }
        let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return link.split(separator: "/").last.flatMap { pid_t($0) }
    }

    /// True once the time is up.
    var fired: Bool { monotonicNanoseconds() >= deadline }

    /// Disarms and frees the timer, and puts the thread's signal mask back.
    func cancel() {
        guard let timer else { return }
        timer_delete(timer)
        self.timer = nil
        pthread_sigmask(SIG_SETMASK, &savedMask, nil)
    }

    deinit { cancel() }
}
