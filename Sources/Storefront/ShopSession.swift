import Commerce
import Foundation
import TerminalUI

/// The shopper's session: the store, who is shopping (a guest with a random cart token until
/// sign-in), the cart and unread counts for the title bar, the session's recommender, and a
/// generation counter that screens compare to know when their data is stale (after a change here
/// or in another process).
@MainActor
public final class ShopSession: GenerationCounting {
    /// The store every screen reads and writes.
    public let store: Store
    /// Who is shopping.
    public private(set) var caller: Caller
    /// The signed-in account, nil for a guest.
    public private(set) var user: UserProfile?
    /// The guest cart's token (kept so a later sign-in merges that cart).
    public let guestToken: String
    /// True for the anonymous SSH entrance: browsing and guest checkout only, no sign-in.
    public var guestOnly = false
    /// The SSH key the session connected with (nil on a local terminal).
    public let keyFingerprint: String?
    /// Bumped whenever data may have changed; screens reload when theirs is older.
    public private(set) var generation = 0
    /// Units in the cart, for the title bar.
    public private(set) var cartCount = 0
    /// Unread notifications of the signed-in shopper, for the title bar (0 for a guest).
    public private(set) var unreadCount = 0
    /// The session's recommender; nil shows no suggestions.
    public let recommender: Recommender?
    /// Bumped when the recommender starts serving or serves a new model; suggestion panes reload.
    public private(set) var recommendationVersion = 0
    private var recommenderStatus: RecommenderStatus?
    /// Opens the back office for a signed-in staff member or admin (nil for anyone else); set by the
    /// app that has one. While set, staff see its key (`b`) on every browsing screen.
    public var backOffice: (@MainActor (UserProfile) -> (any Screen)?)?
    /// Called when the title-bar status text changes (full and compact).
    var onStatusChange: (@MainActor (String, String) -> Void)?
    private var dataVersion: Int64?

    /// A guest session on `store`; `guestToken` is the key the guest's cart is kept under (see
    /// `GuestCartKey`), a fresh random one by default.
    public init(store: Store, guestToken: String = GuestCartKey.random(), recommender: Recommender? = nil) {
        self.store = store
        self.guestToken = guestToken
        self.recommender = recommender
        self.caller = .guest(token: guestToken)
        self.keyFingerprint = nil
        self.dataVersion = store.changeVersion()
        refreshStatus()
    }

    /// A session over SSH: signed in as `user` when given (the account of the shopper's key), else a
    /// guest; `keyFingerprint` is the key the session connected with, so failures are throttled per key.
    public init(store: Store, guestToken: String, recommender: Recommender?, user: UserProfile?, keyFingerprint: String?) {
        self.store = store
        self.guestToken = guestToken
        self.recommender = recommender
        self.keyFingerprint = keyFingerprint
        self.user = user
        self.caller = (user?.caller ?? .guest(token: guestToken)).connected(by: keyFingerprint)
        self.dataVersion = store.changeVersion()
        refreshStatus()
    }

    /// "guest · cart 2", "ada@example.com · cart 2", with unread messages "ada@example.com · 2 new · cart 2".
    public var status: String { statusText(who) }

    /// The status for a narrow title bar: the email's domain gives way ("ada@… · 2 new · cart 2").
    public var compactStatus: String {
        statusText(who.firstIndex(of: "@").map { who[...$0] + "\(Glyph.ellipsis)" } ?? who)
    }

    private var who: String { user.map { $0.email ?? $0.name } ?? "guest" }

    private func statusText(_ who: String) -> String {
        let dot = " \(Glyph.middleDot) "
        return who + dot + (unreadCount > 0 ? "\(unreadCount) new" + dot : "") + "cart \(cartCount)"
    }

    /// How to try the demo shop, when this is one (its demo accounts exist): the accounts and the
    /// test cards. Empty for a real shop. Shown on the home screen's help.
    public private(set) lazy var demoGuide: [String] = DemoGuide.lines(for: store)

    /// Records that this process changed something: screens reload, the cart count is refreshed.
    public func changed() {
        generation += 1
        refreshStatus()
    }

    /// Checks whether another process changed the database; if so, marks every screen stale.
    public func pollOutsideChanges() -> Bool {
        guard let version = store.changeVersion(), version != dataVersion else { return false }
        dataVersion = version
        changed()
        return true
    }

    /// Checks whether the recommender became ready or serves a newer model; true when it did.
    public func pollRecommender() -> Bool {
        guard let status = recommender?.status, status != recommenderStatus else { return false }
        recommenderStatus = status
        recommendationVersion += 1
        return true
    }

    /// Switches to the signed-in account (after the guest cart was merged into it).
    public func signedIn(_ profile: UserProfile) {
        user = profile
        caller = profile.caller.connected(by: keyFingerprint)
        changed()
    }

    /// Back to a guest with the original guest token (its cart was merged away, so it is empty).
    public func signOut() {
        user = nil
        caller = Caller.guest(token: guestToken).connected(by: keyFingerprint)
        changed()
    }

    /// Runs `body`; a `CommerceError` becomes an error toast and nil, so screens never crash on one.
    public func attempt<T>(_ context: AppContext, _ body: () throws(CommerceError) -> T) -> T? {
        do { return try body() } catch {
            context.toast(error.description.capitalizedFirst, kind: .error, seconds: 5)
            return nil
        }
    }

    private func refreshStatus() {
        cartCount = (try? store.carts.cart(as: caller).itemCount) ?? 0
        unreadCount = (try? store.notifications.unreadCount(as: caller)) ?? 0
        onStatusChange?(status, compactStatus)
    }
}
