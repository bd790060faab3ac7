import Commerce
import TerminalUI

/// Puts the back office together: `curio admin` opens the staff sign-in, then the dashboard with
/// the fulfilment queue and the other sections one digit away; inside the shop a signed-in staff member's `b` opens the
/// same screens on top of the shop and `b` again goes back.
@MainActor
public enum BackofficeApp {
    /// The name at the left of the title bar.
    public static let name = "Curio back office"

    /// The first screen after sign-in.
    static func home(_ session: StaffSession) -> any Screen { Section.dashboard.screen(session) }

    /// An app showing the staff sign-in on `store` (`curio admin` on this machine); drive it with
    /// `send` and `render` in tests (the store's clock is the one reports count back from;
    /// `opensUserFiles` false hides exports to a named file, as in SSH mode; `databaseLabel` replaces the
    /// database's path on the System screen, for snapshots).
    public static func makeApp(store: Store, context: AppContext = AppContext(), opensUserFiles: Bool = true,
                               databaseLabel: String? = nil) -> App {
        let signIn = StaffSignInScreen(store: store, opensUserFiles: opensUserFiles, databaseLabel: databaseLabel)
        let app = App(root: signIn, name: name, context: context)
        app.status = "not signed in"
        signIn.onSignIn = { [weak app] session in app?.status = session.status }
        app.pollIntervalMilliseconds = 500
        return app
    }

    /// The back office for `user` opened from the shop (pushed on top of it), or nil when the
    /// account is not staff: the shop offers its key only to staff and admins. Only the local shop
    /// offers it (SSH sessions give the shop no back office), so files may be named here.
    public static func screen(store: Store, user: UserProfile) -> (any Screen)? {
        StaffSession(store: store, user: user, insideShop: true, opensUserFiles: true).map(home)
    }

    /// Opens the terminal and runs the back office until the staff member quits; the terminal is
    /// restored on every exit path.
    public static func run(store: Store, options: TerminalOptions = TerminalOptions()) throws(TerminalError) -> ExitReason {
        let terminal = try CursesSurface(options: options)
        defer { terminal.close() }
        return makeApp(store: store).run(on: terminal)
    }

    /// Opens the back office for `user`, already identified (the staff SSH entrance: a key linked to a
    /// staff account), without the sign-in; nil, with nothing drawn, when the account is not staff.
    /// This is SSH mode: no action writes a file the staff member names.
    public static func run(store: Store, user: UserProfile, options: TerminalOptions,
                           idleTimeoutSeconds: Double? = nil) throws(TerminalError) -> ExitReason? {
        guard let session = StaffSession(store: store, user: user, opensUserFiles: false) else { return nil }
        let terminal = try CursesSurface(options: options)
        defer { terminal.close() }
        let app = App(root: home(session), name: name)
        app.status = session.status
        app.pollIntervalMilliseconds = 500
        app.idleTimeoutSeconds = idleTimeoutSeconds
        return app.run(on: terminal)
    }
}
