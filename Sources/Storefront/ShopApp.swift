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
    /// `backOffice` opens the staff screens for a signed-in staff member (the shop's `b` key).
    public static func run(store: Store, guestToken: String = GuestCartKey.random(), options: TerminalOptions = TerminalOptions(),
                           backOffice: (@MainActor (UserProfile) -> (any Screen)?)? = nil) throws(TerminalError) -> ExitReason {
        try run(store: store, launch: ShopLaunch(guestToken: guestToken), options: options, backOffice: backOffice).reason
    }

    /// Runs the shop as `launch` says (who is shopping, the screen to open, the idle timeout) and
    /// tells how the session went, for the session's log line; `backOffice` as above.
    public static func run(store: Store, launch: ShopLaunch, options: TerminalOptions,
                           backOffice: (@MainActor (UserProfile) -> (any Screen)?)? = nil) throws(TerminalError) -> ShopOutcome {
        let location = store.location
        // The model is loaded once the first frame is out; until then suggestion panes show "…".
        var configuration = RecommenderConfiguration()
        configuration.startDelay = .milliseconds(250)
        // The worker opens a store of its own; it keeps this session's clock.
        configuration.clock = store.clock
        let recommender = Recommender(location: location, configuration: configuration)
        recommender.observeOrders(of: store)
        let delivery = DispatchLoop.start(location: location,
                                          subscribers: [NotificationSubscriber(maildir: Maildir.beside(location))])
        defer { delivery.stop() }
        let terminal = try CursesSurface(options: options)
        defer { terminal.close() }
        let session = ShopSession(store: store, guestToken: launch.guestToken, recommender: recommender, user: launch.user,
                                  keyFingerprint: launch.keyFingerprint)
        session.guestOnly = launch.guestOnly
        session.backOffice = backOffice
        let app = makeApp(session: session, link: launch.link)
        app.idleTimeoutSeconds = launch.idleTimeoutSeconds
        let reason = app.run(on: terminal)
        return ShopOutcome(reason: reason, terminalType: terminal.terminalType, size: terminal.bounds.size)
    }

    /// An app for `session` opened at `link` (the home screen underneath, so Esc goes home).
    public static func makeApp(session: ShopSession, link: DeepLink, context: AppContext = AppContext()) -> App {
        let app = makeApp(session: session, context: context)
        if let screen = link.screen(session: session) { app.apply(.push(screen)) }
        return app
    }
}

/// How a shop session starts: who is shopping, where, and for how long it may sit idle.
public struct ShopLaunch: Sendable {
    /// The key the guest cart is kept under.
    public var guestToken: String
    /// The signed-in account (over SSH: the account of the shopper's key), nil for a guest.
    public var user: UserProfile?
    /// The SSH key the session connected with.
    public var keyFingerprint: String?
    /// The screen to open.
    public var link: DeepLink
    /// Ends the session after this many seconds without a key; nil never.
    public var idleTimeoutSeconds: Double?
    /// Browsing and guest checkout only (the anonymous SSH entrance): no sign-in.
    public var guestOnly = false

    /// A launch; a guest at the home screen with no idle timeout by default.
    public init(guestToken: String, user: UserProfile? = nil, keyFingerprint: String? = nil, link: DeepLink = .home,
                idleTimeoutSeconds: Double? = nil) {
        self.guestToken = guestToken
        self.user = user
        self.keyFingerprint = keyFingerprint
        self.link = link
        self.idleTimeoutSeconds = idleTimeoutSeconds
    }
}

/// How a shop session ended, with the terminal it ran on.
public struct ShopOutcome: Sendable, Equatable {
    /// Why the app stopped.
    public let reason: ExitReason
    /// The terminal type opened (after any fallback).
    public let terminalType: String
    /// The terminal's size at the end.
    public let size: Size
}
