import Commerce
import TerminalUI

/// The door of `curio admin`: email and password of a staff or admin account. A customer's correct
/// password is refused with a message saying the back office is for staff, and nothing opens; a
/// staff member lands on the dashboard.
final class StaffSignInScreen: Screen {
    enum Command { case field, submit }

    let title = "Staff sign-in"
    let store: Store
    private var form = Form(fields: [
        FormField("Email", field: TextField(placeholder: "you@example.com", maxLength: 120)) { $0.contains("@") ? nil : "Enter your email address." },
        FormField("Password", field: TextField(masking: .all, maxLength: 128)) { $0.isEmpty ? "Enter your password." : nil },
    ])
    /// Why the last attempt was refused, shown in the box.
    private(set) var refusal: String?
    var isEditingText: Bool { true }
    var isFocusedTextEmpty: Bool { form.isFocusedValueEmpty }
    var minimumSize: Size { Size(width: 60, height: 16) }
    let keyMap: KeyMap<Command> = [
        KeyBinding([.tab], "Tab/\(Glyph.up)\(Glyph.down)", help: "Field", command: .field),
        KeyBinding([.enter], help: "Sign in", priority: .high, command: .submit),
    ]
    var helpNotes: [String] {
        ["The back office is for staff and admin accounts; shoppers use `curio`.",
         "An admin makes an account staff in Customers (r), or with `curio user set-role EMAIL staff`."]
    }

    /// Runs once a staff member is in (the app shows who in its title bar).
    var onSignIn: @MainActor (StaffSession) -> Void = { _ in }

    private let opensUserFiles: Bool
    private let databaseLabel: String?

    init(store: Store, opensUserFiles: Bool, databaseLabel: String? = nil) {
        self.opensUserFiles = opensUserFiles
        self.databaseLabel = databaseLabel
        self.store = store
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let box = surface.box(rect.centered(Size(width: min(rect.width, 72), height: min(rect.height, 14))), title: "Back office").inset(dx: 2, dy: 1)
        surface.putLine("Sign in with a staff or admin account to run the shop.", in: box.row(0), style: .muted)
        form.draw(into: surface, in: Rect(x: box.x, y: box.y + 2, width: box.width, height: max(1, box.height - 4)))
        if let refusal { surface.putWrapped(refusal, in: Rect(x: box.x, y: box.maxY - 2, width: box.width, height: 2), style: .error) }
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        switch form.handle(key) {
        case .edited: return .handled
        case .submitted: return submit(context)
        case .ignored: return nil
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .field: return .handled
        case .submit: return form.validateAll() ? submit(context) : .handled
        }
    }

    private func submit(_ context: AppContext) -> ScreenAction {
        let email = form.value(of: "Email") ?? "", password = form.value(of: "Password") ?? ""
        let user: UserProfile
        do {
            user = try store.accounts.signIn(email: email, password: password).user
        } catch {
            refusal = error.description.capitalizedFirst + "."
            return .handled
        }
        guard let session = StaffSession(store: store, user: user, opensUserFiles: opensUserFiles, databaseLabel: databaseLabel) else {
            refusal = "\(user.email ?? user.name) is a customer account; the back office is only for staff and admins."
            return .handled
        }
        onSignIn(session)
        context.toast("Welcome, \(user.name)", kind: .success)
        return .replace(BackofficeApp.home(session))
    }
}
