import Commerce
import TerminalUI

/// Puts the shop together: a guest session on the store, the home screen, the title bar status
/// (signed-in user or "guest", unread notifications, cart count), polling for changes made by
/// other processes, the session's recommender and the notification delivery loop.
@MainActor
public enum ShopApp {
    /// The name at the left of the title bar.
    public static let name = "Curio"

    /// An app showing the home screen for `session`; drive it with `send` and `render` in tests.
    public static func makeApp(session: ShopSession, context: AppContext = AppContext()) -> App {
        let app = App(root: HomeScreen(session: session), name: name, context: context)
        app.status = session.status
        app.compactStatus = session.compactStatus
        session.onStatusChange = { [weak app] status, compact in
            app?.status = status
            app?.compactStatus = compact
        }
        app.onPoll = {
            let outside = session.pollOutsideChanges()
            let suggestions = session.pollRecommender()
            return outside || suggestions
        }
        app.pollIntervalMilliseconds = 500
        return app
    }

    /// Opens the terminal and runs the shop as a guest until the shopper quits; the terminal is
    /// restored on every exit path. `guestToken` keys the guest's cart (`GuestCartKey`). The
    /// recommender loads the shop's shared model just after the first frame (it learns orders placed
    /// here at once), and notifications are delivered in the background until the shop closes.
    public static func run(store: Store, guestToken: String = GuestCartKey.random(),
                           options: TerminalOptions = TerminalOptions()) throws(TerminalError) -> ExitReason {
        let path = store.db.path
        // The model is loaded once the first frame is out; until then suggestion panes show "…".
        var configuration = RecommenderConfiguration()
        configuration.startDelay = .milliseconds(250)
        let recommender = Recommender(databasePath: path, configuration: configuration)
        recommender.observeOrders(of: store)
        let delivery = DispatchLoop.start(databasePath: path,
                                          subscribers: [NotificationSubscriber(maildir: Maildir.beside(databasePath: path))])
        defer { delivery.stop() }
        let terminal = try CursesSurface(options: options)
        defer { terminal.close() }
        return makeApp(session: ShopSession(store: store, guestToken: guestToken, recommender: recommender)).run(on: terminal)
    }
}
