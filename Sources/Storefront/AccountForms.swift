import Commerce
import TerminalUI

/// A boxed form that saves through Commerce: Enter on the last field (or ctrl-s) submits; a
/// Commerce field error shows under its field, any other error as a toast; on success the screen
/// closes with a toast.
final class AccountFormScreen: Screen {
    enum Command { case field, submit }
    /// Saves the form's values and returns the toast to show, or throws the problem.
    typealias Save = @MainActor (Form) throws(CommerceError) -> String

    let title: String
    let session: ShopSession
    private let intro: String
    /// The form being filled in.
    private(set) var form: Form
    private let save: Save
    var isEditingText: Bool { true }
    var isFocusedTextEmpty: Bool { form.isFocusedValueEmpty }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(title: String, intro: String, session: ShopSession, form: Form, save: @escaping Save) {
        self.title = title
        self.intro = intro
        self.session = session
        self.form = form
        self.save = save
    }

    var keyMap: KeyMap<Command> {
        [KeyBinding([.tab], "Tab/\(Glyph.up)\(Glyph.down)", help: "Field", command: .field),
         KeyBinding([.ctrl("s")], "Enter/ctrl-s", help: "Save", command: .submit)]
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let height = min(rect.height, form.fields.count * 2 + 8)
        let box = surface.box(rect.centered(Size(width: min(rect.width, 76), height: height)), title: title).inset(dx: 2, dy: 1)
        surface.putLine(intro, in: box.row(0), style: .muted)
        form.draw(into: surface, in: Rect(x: box.x, y: box.y + 2, width: box.width, height: box.height - 3))
        surface.putLine("Enter on the last field saves \(Glyph.middleDot) Esc cancels", in: box.row(box.height - 1), style: .muted)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        form.handle(key).action { submit(context) }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .field: return .handled
        case .submit: return form.validateAll() ? submit(context) : .handled
        }
    }

    private func submit(_ context: AppContext) -> ScreenAction {
        let message: String
        do { message = try save(form) } catch {
            if !form.show(error) { context.toast(error.description.capitalizedFirst, kind: .error, seconds: 5) }
            return .handled
        }
        session.changed()
        context.toast(message, kind: .success)
        return .pop
    }
}

/// The account's forms: display name, password, and a saved address.
@MainActor
enum AccountForms {
    /// Changes the display name; the title bar and account screen follow.
    static func nameScreen(_ session: ShopSession) -> AccountFormScreen {
        let form = Form(fields: [
            FormField("Name", field: TextField(text: session.user?.name ?? "", maxLength: 120)) {
                $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Enter your name." : nil
            },
        ])
        return AccountFormScreen(title: "Your name", intro: "The name on your account and new orders.", session: session, form: form) { form throws(CommerceError) in
            let profile = try session.store.accounts.updateName(form.value(of: "Name") ?? "", as: session.caller)
            session.signedIn(profile)
            return "Name changed to \(profile.name)"
        }
    }

    /// Changes the password after checking the current one; both fields are masked.
    static func passwordScreen(_ session: ShopSession) -> AccountFormScreen {
        let form = Form(fields: [
            FormField("Current password", field: TextField(masking: .all, maxLength: 128)) { $0.isEmpty ? "Enter your current password." : nil },
            FormField("New password", field: TextField(masking: .all, maxLength: 200)),
        ])
        return AccountFormScreen(title: "Change password", intro: "Enter your current password, then the new one.", session: session, form: form) {
            form throws(CommerceError) in
            try session.store.accounts.changePassword(current: form.value(of: "Current password") ?? "", new: form.value(of: "New password") ?? "",
                                                      as: session.caller)
            return "Password changed"
        }
    }

    /// Adds a new saved address, or edits `editing` (its label, company, second line and phone are kept).
    static func addressScreen(_ session: ShopSession, editing: Address?) -> AccountFormScreen {
        var form = CheckoutForms.address(name: editing?.name ?? session.user?.name ?? "")
        if let editing {
            for (label, value) in [("Address", editing.line1), ("City", editing.city), ("Region", editing.region),
                                   ("Postal code", editing.postalCode), ("Country", editing.country)] {
                if let index = form.fields.firstIndex(where: { $0.label == label }) { form.fields[index].field.setText(value) }
            }
        }
        let intro = editing == nil ? "Saved addresses are offered at checkout." : "Changes apply to future orders."
        return AccountFormScreen(title: editing == nil ? "New address" : "Edit address", intro: intro, session: session, form: form) {
            form throws(CommerceError) in
            let typed = CheckoutForms.address(from: form)
            guard var address = editing else {
                _ = try session.store.addresses.add(typed, as: session.caller)
                return "Address saved"
            }
            address.name = typed.name; address.line1 = typed.line1; address.city = typed.city
            address.region = typed.region; address.postalCode = typed.postalCode; address.country = typed.country
            _ = try session.store.addresses.update(address, as: session.caller)
            return "Address updated"
        }
    }
}
