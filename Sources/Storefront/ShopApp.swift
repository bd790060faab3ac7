import Commerce
import TerminalUI

/// Puts the shop together: a guest session on the store, the home screen, the title bar status
/// (signed-in user or "guest", cart count) and polling for changes made by other processes.
@MainActor
public enum ShopApp {
    /// The name at the left of the title bar.
    public static let name = "Curio"

    /// An app showing the home screen for `session`; drive it with `send` and `render` in tests.
    public static func makeApp(session: ShopSession, context: AppContext = AppContext()) -> App {
        let app = App(root: HomeScreen(session: session), name: name, context: context)
        app.status = session.status
        session.onStatusChange = { [weak app] status in app?.status = status }
        app.onPoll = { session.pollOutsideChanges() }
        app.pollIntervalMilliseconds = 500
        return app
    }

    /// Opens the terminal and runs the shop as a guest until the shopper quits; the terminal is
    /// restored on every exit path.
    public static func run(store: Store, options: TerminalOptions = TerminalOptions()) throws(TerminalError) -> ExitReason {
        let terminal = try CursesSurface(options: options)
        defer { terminal.close() }
        return makeApp(session: ShopSession(store: store)).run(on: terminal)
    }
}
