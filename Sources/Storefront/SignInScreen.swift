import Commerce
import TerminalUI

/// Sign in (merging the guest cart into the account) or register; the password is masked.
/// Only guests reach it; a signed-in shopper's `u` opens the account screen, which signs out.
/// Afterwards the shopper is back where they came from: the screen below, or the one `then` makes
/// (the orders or inbox that asked them to sign in, now showing theirs).
final class SignInScreen: Screen {
    enum Command { case field, submit, toggleMode }

    let session: ShopSession
    private(set) var registering = false
    private var form = SignInScreen.signInForm()
    var title: String { registering ? "Register" : "Sign in" }
    var isEditingText: Bool { true }
    var isFocusedTextEmpty: Bool { form.isFocusedValueEmpty }
    var helpNotes: [String] { session.demoGuide }
    private let then: (@MainActor () -> any Screen)?
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession, then: (@MainActor () -> any Screen)? = nil) {
        self.session = session
        self.then = then
    }

    var keyMap: KeyMap<Command> {
        return [KeyBinding([.tab], "Tab/\(Glyph.up)\(Glyph.down)", help: "Field", command: .field),
                KeyBinding([.enter], help: registering ? "Register" : "Sign in", command: .submit),
                KeyBinding([.ctrl("r")], help: registering ? "I have an account" : "New account", command: .toggleMode)]
    }

    private static func signInForm() -> Form {
        Form(fields: [
            FormField("Email", field: TextField(placeholder: "you@example.com", maxLength: 120)) { $0.contains("@") ? nil : "Enter your email address." },
            FormField("Password", field: TextField(masking: .all, maxLength: 128)) { $0.isEmpty ? "Enter your password." : nil },
        ])
    }

    private static func registerForm() -> Form {
        Form(fields: [
            FormField("Name", field: TextField(maxLength: 100)) { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Enter your name." : nil },
            FormField("Email", field: TextField(placeholder: "you@example.com", maxLength: 120)) { CheckoutForms.emailProblem($0) },
            FormField("Password", field: TextField(masking: .all, maxLength: 128)) {
                $0.count >= Accounts.minimumPasswordLength ? nil : "Use at least \(Accounts.minimumPasswordLength) characters."
            },
        ])
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let box = surface.box(rect.centered(Size(width: min(rect.width, 72), height: min(rect.height, 14))), title: title).inset(dx: 2, dy: 1)
        let intro = registering ? "Create an account to keep your orders and addresses." : "Sign in to see your orders; your cart comes with you."
        surface.putLine(intro, in: box.row(0), style: .muted)
        form.draw(into: surface, in: Rect(x: box.x, y: box.y + 2, width: box.width, height: box.height - 3))
        let demo = session.demoGuide.isEmpty ? "" : " \(Glyph.middleDot) ? lists the demo accounts"
        surface.putLine(registering ? "ctrl-r: sign in instead" : "ctrl-r: create an account" + demo, in: box.row(box.height - 1), style: .muted)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        form.handle(key).action { submit(context) }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .field: return .handled
        case .submit: return form.validateAll() ? submit(context) : .handled
        case .toggleMode:
            registering.toggle()
            form = registering ? SignInScreen.registerForm() : SignInScreen.signInForm()
            return .handled
        }
    }

    private func submit(_ context: AppContext) -> ScreenAction {
        let accounts = session.store.accounts, carts = session.store.carts, token = session.guestToken
        let email = form.value(of: "Email") ?? "", password = form.value(of: "Password") ?? "", name = form.value(of: "Name") ?? ""
        if session.guestOnly {
            context.toast("Sign-in is not offered on the guest entrance; connect with your SSH key for an account", kind: .error, seconds: 5)
            return .handled
        }
        let registering = self.registering, origin = session.caller
        let result = session.attempt(context) { () throws(CommerceError) -> (UserProfile, CartMergeReport) in
            if registering {
                let signedIn = try accounts.register(email: email, name: name, password: password)
                let merged = try carts.mergeGuestCart(token: token, into: signedIn.user.id)
                return (signedIn.user, merged)
            }
            let signed = try accounts.signIn(email: email, password: password, guestToken: token, from: origin)
            return (signed.signedIn.user, signed.cartMerge)
        }
        guard let (user, merge) = result else { return .handled }
        session.signedIn(user)
        var message = "Welcome, \(user.name)"
        if merge.mergedLines > 0 { message += " \(Glyph.middleDot) \(merge.mergedLines) cart line\(merge.mergedLines == 1 ? "" : "s") kept" }
        context.toast(message, kind: .success)
        for shortfall in merge.shortfalls {
            context.toast("Only \(shortfall.kept) of \(shortfall.wanted) \(Glyph.times) \(shortfall.title) could be kept", kind: .error, seconds: 6)
        }
        return then.map { .replace($0()) } ?? .pop
    }
}
