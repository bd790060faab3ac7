import TerminalUI

/// A demo form with validation: name, email, card number (masked) and password.
final class CheckoutScreen: Screen {
    enum Command { case submit }

    let title = "Checkout"
    var form = Form(fields: [
        FormField("Name", field: TextField(placeholder: "Ada Lovelace", maxLength: 60)) { $0.isEmpty ? "Enter your name." : nil },
        FormField("Email", field: TextField(placeholder: "ada@example.com", maxLength: 80)) {
            $0.contains("@") && $0.contains(".") ? nil : "Enter an email address like name@example.com."
        },
        FormField("Card", field: TextField(masking: .allButLast(4), maxLength: 19)) {
            $0.filter(\.isNumber).count == 16 ? nil : "A card number has 16 digits."
        },
        FormField("Password", field: TextField(masking: .all, maxLength: 64)) {
            $0.count >= 8 ? nil : "Use at least 8 characters."
        },
    ])
    var progress = 0.0
    var isEditingText: Bool { true }
    var isFocusedTextEmpty: Bool { form.isFocusedValueEmpty }
    var minimumSize: Size { Size(width: 60, height: 16) }

    let keyMap: KeyMap<Command> = [
        KeyBinding([.ctrl("s")], help: "Pay", command: .submit),
    ]

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        TabBar(titles: ["Cart", "Details", "Pay"], selected: 1).draw(into: surface, in: rect.splitTop(2).0.inset(dx: 1, dy: 0))
        let inside = Rect(x: rect.x + 2, y: rect.y + 3, width: rect.width - 4, height: rect.height - 6)
        form.draw(into: surface, in: inside)
        ProgressBar(fraction: progress, label: "Step 2 of 3").draw(into: surface, in: rect.row(rect.height - 2).inset(dx: 2, dy: 0))
        Spinner(context: context, label: "Checking stock\(Glyph.ellipsis)").draw(into: surface, in: rect.row(rect.height - 1).inset(dx: 2, dy: 0))
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        if key == .escape { return .pop }
        switch form.handle(key) {
        case .edited:
            progress = Double(form.fields.filter { !$0.value.isEmpty }.count) / Double(form.fields.count)
            return .handled
        case .submitted:
            return .push(AlertDialog(title: "Paid", message: "Thank you, \(form.fields[0].value)!"))
        case .ignored:
            return nil
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        if form.validateAll() { return .push(AlertDialog(title: "Paid", message: "Thank you!")) }
        context.toast("Please correct the highlighted fields", kind: .error)
        return .handled
    }
}
