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

    /// Restores the default actions.
    static func uninstall() {
        for sig in watched { _ = curio_default_signal(sig) }
    }

    /// The signal received since `install`, if any.
    static var pending: Int32? {
        let value = pendingSignal.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}

/// True while a curses screen is open; read by the `atexit` hook.
private let cursesActive = Atomic<Bool>(false)
/// Set once the `atexit` hook is registered.
private let exitHookRegistered = Atomic<Bool>(false)

/// A last line of defence: if the process calls `exit()` while curses is active (from a screen,
/// say), an `atexit` hook still leaves curses mode so the shell is usable.
enum CursesExitGuard {
    static func arm() {
        cursesActive.store(true, ordering: .relaxed)
        if exitHookRegistered.exchange(true, ordering: .relaxed) == false {
            atexit { if cursesActive.exchange(false, ordering: .relaxed) { endwin() } }
        }
    }

    static func disarm() { cursesActive.store(false, ordering: .relaxed) }
}
