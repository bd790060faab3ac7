import Commerce
import Foundation
import TerminalUI

/// A modal form over the screen that opened it (ship an order, refund, new discount code): a line
/// saying what it does, labelled fields with their errors under them; Enter on the last field (or
/// ctrl-s) submits when every field is valid, Esc closes without doing anything. `onSubmit` gets
/// the form (to put a service's field error under its field) and says what happens next: usually a
/// confirmation replacing this dialog.
final class FormDialog: Screen {
    enum Command { case field, submit }

    let title: String
    private let intro: String
    private(set) var form: Form
    private let onSubmit: @MainActor (inout Form, AppContext) -> ScreenAction
    var isOverlay: Bool { true }
    var isEditingText: Bool { true }
    var isFocusedTextEmpty: Bool { form.isFocusedValueEmpty }
    let keyMap: KeyMap<Command> = [
        KeyBinding([.tab], "Tab/\(Glyph.up)\(Glyph.down)", help: "Field", command: .field),
        KeyBinding([.ctrl("s")], "Enter", help: "Submit", priority: .high, command: .submit),
    ]

    init(title: String, intro: String, fields: [FormField], onSubmit: @escaping @MainActor (inout Form, AppContext) -> ScreenAction) {
        self.title = title
        self.intro = intro
        self.form = Form(fields: fields)
        self.onSubmit = onSubmit
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let height = min(rect.height, 8 + form.fields.count * 2)
        let box = rect.centered(Size(width: min(rect.width - 2, 72), height: height))
        surface.fill(box)
        let inside = surface.box(box, title: title, style: .accent, titleStyle: Style.accent.with(.bold)).inset(dx: 2, dy: 1)
        surface.putLine(intro, in: inside.row(0), style: .muted)
        form.draw(into: surface, in: Rect(x: inside.x, y: inside.y + 2, width: inside.width, height: max(1, inside.height - 2)))
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        if key == .escape { return .pop }
        switch form.handle(key) {
        case .edited: return .handled
        case .submitted: return onSubmit(&form, context)
        case .ignored: return nil
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .field: return .handled
        case .submit: return form.validateAll() ? onSubmit(&form, context) : .handled
        }
    }
}

extension Form {
    /// The trimmed value of the field labelled `label` ("" when there is none).
    func trimmed(_ label: String) -> String {
        (value(of: label) ?? "").trimmingCharacters(in: .whitespaces)
    }
}

extension Form {
    /// Shows a service's `.invalid(field:)` error, or a `.conflict` that starts with "field: ", under
    /// the field whose label names it (`labels` maps service field names to labels); true when it
    /// did, so the dialog stays open.
    mutating func show(_ error: CommerceError, labels: [String: String]) -> Bool {
        let field: String, reason: String
        switch error {
        case .invalid(let named, let why): (field, reason) = (named, why)
        case .conflict(let message):
            guard let colon = message.range(of: ": ") else { return false }
            (field, reason) = (String(message[..<colon.lowerBound]), String(message[colon.upperBound...]))
        default: return false
        }
        guard let label = labels[field] else { return false }
        return reject(label, message: label + ": " + reason + ".")
    }
}

extension FormDialog {
    /// A form whose submit runs `body` as one save: on success the dialog closes, every screen
    /// reloads and `done` is shown; a service error about a field (`labels` maps the service's field
    /// names to labels) stays under that field, any other error is a toast.
    static func saving(title: String, intro: String, fields: [FormField], labels: [String: String], session: StaffSession,
                       done: String, _ body: @escaping (Form) throws(CommerceError) -> Void) -> FormDialog {
        FormDialog(title: title, intro: intro, fields: fields) { form, context in
            do throws(CommerceError) {
                try body(form)
            } catch {
                if !form.show(error, labels: labels) { context.toast(error.description.capitalizedFirst, kind: .error, seconds: 5) }
                return .handled
            }
            session.changed()
            context.toast(done, kind: .success)
            return .pop
        }
    }
}
