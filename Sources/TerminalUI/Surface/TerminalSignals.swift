import CNCurses
import Glibc
import Synchronization

/// The last termination signal received while the UI runs (0 when none).
private let pendingSignal = Atomic<Int32>(0)

/// Catches SIGTERM, SIGHUP (an SSH connection dropping), SIGINT and SIGQUIT while the terminal is
/// in curses mode. The handler only records the signal; the app loop notices it within one input
/// timeout, restores the terminal and returns, so cleanup runs on the normal path.
enum TerminalSignals {
    static let watched: [Int32] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT]

    /// Starts recording the watched signals (and unblocks them, in case a parent blocked them).
    static func install() {
        pendingSignal.store(0, ordering: .relaxed)
        for sig in watched {
            _ = curio_install_signal(sig) { received in pendingSignal.store(received, ordering: .relaxed) }
            _ = curio_unblock_signal(sig)
        }
    }

    /// Restores the default actions, but for SIGHUP, which stays ignored: the terminal is gone, and a
    /// second hangup (a dropped SSH connection signals again when the session's shell exits) must not
    /// cut short the cleanup that follows, such as the session's log line.
    static func uninstall() {
        for sig in watched where sig != SIGHUP { _ = curio_default_signal(sig) }
        _ = curio_ignore_signal(SIGHUP)
    }

    /// The signal received since `install`, if any.
    static var pending: Int32? {
        let value = pendingSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}

/// True while a curses screen is open; read by the `atexit` hook.
private let cursesActive = Atomic<Bool>(false)
/// The descriptor the open screen writes to, for the `atexit` hook (-1 when none).
private let cursesOutput = Atomic<Int32>(-1)
/// Set once the `atexit` hook is registered.
private let exitHookRegistered = Atomic<Bool>(false)

/// A last line of defence: if the process calls `exit()` while curses is active (from a screen,
/// say), an `atexit` hook still switches bracketed paste off and leaves curses mode so the shell
/// is usable.
enum CursesExitGuard {
    static func arm(outputDescriptor: Int32) {
        cursesOutput.store(outputDescriptor, ordering: .relaxed)
        cursesActive.store(true, ordering: .relaxed)
        if exitHookRegistered.exchange(true, ordering: .relaxed) == false {
            atexit {
                guard cursesActive.exchange(false, ordering: .relaxed) else { return }
                let fd = cursesOutput.load(ordering: .relaxed)
                if fd >= 0 {
                    let off = Array(BracketedPaste.off.utf8)
                    _ = off.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                }
                endwin()
            }
        }
    }

    static func disarm() { cursesActive.store(false, ordering: .relaxed) }
}

/// The sequences that switch the terminal's bracketed paste mode on and off.
enum BracketedPaste {
    /// Pastes arrive between `ESC [ 200 ~` and `ESC [ 201 ~`.
    static let on = "\u{1B}[?2004h"
    /// Back to pastes as plain typing.
    static let off = "\u{1B}[?2004l"
}
