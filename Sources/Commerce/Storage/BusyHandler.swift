import CSQLite
import Foundation

/// What the busy handler needs to know about the lock it is waiting for.
struct BusyState {
    let timeoutNanoseconds: UInt64
    var startedAt: UInt64 = 0
}

/// Monotonic time in nanoseconds.
func monotonicNanoseconds() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
}

/// Waits for another process's lock with short, jittered sleeps (20 µs growing to 0.5 ms) instead of
/// SQLite's default steps of up to 100 ms, so many processes writing one file keep a high throughput.
let busyHandler: @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32 = { context, attempt in
    guard let state = context?.assumingMemoryBound(to: BusyState.self) else { return 0 }
    let now = monotonicNanoseconds()
    if attempt == 0 { state.pointee.startedAt = now }
    if now - state.pointee.startedAt >= state.pointee.timeoutNanoseconds { return 0 }
    let ceiling = min(500, 20 << min(Int(attempt), 5))
    usleep(UInt32(ceiling / 2 + Int.random(in: 0...(ceiling / 2))))
    return 1
}
