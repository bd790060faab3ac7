/// What `App.run` needs of a terminal: a surface to draw on, input read with a timeout, and whether
/// it went away. `CursesSurface` is the real one; tests drive `App.run` with a scripted one (as
/// SwiftNIO's `EmbeddedChannel` stands in for a socket), so disconnects, idle timeouts, resizes and
/// key bursts are tested without a terminal.
@MainActor
public protocol AppTerminal: Surface {
    /// Waits up to `timeoutMilliseconds` for input; returns everything that arrived (empty: none).
    func readInput(timeoutMilliseconds: Int32) -> [RawInput]
    /// Shows the frame drawn since the last call.
    func present()
    /// Forgets what is on the screen, so the next frame is sent whole (ctrl-l).
    func invalidate()
    /// True once the terminal has gone away (reads keep failing at once).
    var isDisconnected: Bool { get }
}

extension CursesSurface: AppTerminal {}
