import Commerce
import TerminalUI

/// The signed-in staff member's session: the store, who is working (staff or admin only), and a
/// generation counter that screens compare to know when their data is stale, bumped after a change
/// here and when another process changed the database (`PRAGMA data_version`, as the shop does).
@MainActor
public final class StaffSession: GenerationCounting {
    /// The store every screen reads and writes.
    public let store: Store
    /// The signed-in staff member or admin.
    public let user: UserProfile
    /// True when the back office was opened from the shop; its `b` key goes back there.
    public let insideShop: Bool
    /// True when staff may name files to write (an export's path); false in SSH mode, where the app
    /// opens no files named by the user, so the screens hide those actions.
    public let opensUserFiles: Bool
    /// How the System screen names the database: nil shows its path (tests fix a name for snapshots).
    public let databaseLabel: String?
    /// Bumped whenever data may have changed; screens reload when theirs is older.
    public private(set) var generation = 0
    private var dataVersion: Int64?

    /// A session for `user`; nil (nothing opens) unless the account is staff or admin and enabled.
    /// `opensUserFiles` is false unless asked for (SSH sessions never ask).
    public init?(store: Store, user: UserProfile, insideShop: Bool = false, opensUserFiles: Bool = false,
                 databaseLabel: String? = nil) {
        guard user.role >= .staff, !user.disabled else { return nil }
        self.store = store
        self.user = user
        self.insideShop = insideShop
        self.opensUserFiles = opensUserFiles
        self.databaseLabel = databaseLabel
        self.dataVersion = store.changeVersion()
    }

    /// The time now on the store's clock (tests fix it to the demo seed's), which reports count their days back from.
    public func now() -> Int64 { store.clock.now() }

    /// Who calls the services: the staff member, recorded as actor in timelines and the audit log.
    public var caller: Caller { user.caller }

    /// The title-bar status: "admin@curio.shop · admin".
    public var status: String { (user.email ?? user.name) + " \(Glyph.middleDot) " + user.role.rawValue }

    /// Records that this process changed something: every screen reloads.
    public func changed() { generation += 1 }

    /// Checks whether another process changed the database; if so, marks every screen stale.
    public func pollOutsideChanges() -> Bool {
        guard let version = store.changeVersion(), version != dataVersion else { return false }
        dataVersion = version
        changed()
        return true
    }

    /// Runs `body`; a `CommerceError` becomes an error toast and nil, so screens never crash on one.
    public func attempt<T>(_ context: AppContext, _ body: () throws(CommerceError) -> T) -> T? {
        do { return try body() } catch {
            context.toast(error.description.capitalizedFirst, kind: .error, seconds: 5)
            return nil
        }
    }

    /// Runs a change; on success shows `done` and marks every screen stale. True when it worked.
    @discardableResult
    public func change(_ context: AppContext, done: String, _ body: () throws(CommerceError) -> Void) -> Bool {
        guard attempt(context, body) != nil else { return false }
        changed()
        context.toast(done, kind: .success)
        return true
    }
}
