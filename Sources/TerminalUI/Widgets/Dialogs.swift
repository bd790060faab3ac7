/// Draws a centred dialog frame with a wrapped message; returns the row below the message.
@MainActor
private func drawDialog(_ surface: any Surface, in rect: Rect, title: String, message: String, style: Style) -> Rect {
    let width = min(rect.width - 4, max(30, min(60, DisplayWidth.of(message.sanitizedForTerminal) + 4)))
    let lines = TextLayout.wrap(message.sanitizedForTerminal, width: max(1, width - 4))
    let box = rect.centered(Size(width: width, height: lines.count + 5))
    surface.fill(box)
    let inside = surface.box(box, title: title, style: style, titleStyle: style.with(.bold))
    surface.putWrapped(message, in: inside.inset(dx: 1, dy: 1))
    return inside.row(inside.height - 1).inset(dx: 1, dy: 0)
}

/// A modal yes/no question. `y` or Enter answers yes, `n` or Esc answers no; the dialog closes and
/// `onAnswer` runs with the answer. Other keys are swallowed.
public final class ConfirmDialog: Screen {
    /// The commands of the dialog.
    public enum Command { case yes, no }
    /// Dialog title.
    public let title: String
    /// The question.
    public let message: String
    /// Keys shown in the footer and help.
    public let keyMap: KeyMap<Command> = [
        KeyBinding([.char("y"), .char("Y"), .enter], "y", help: "Yes", command: .yes),
        KeyBinding([.char("n"), .char("N"), .escape], "n/Esc", help: "No", command: .no),
    ]
    private let onAnswer: @MainActor (Bool, AppContext) -> Void
    /// Drawn over the screen that asked.
    public var isOverlay: Bool { true }

    /// Creates a confirmation dialog.
    public init(title: String = "Confirm", message: String, onAnswer: @escaping @MainActor (Bool, AppContext) -> Void) {
        self.title = title
        self.message = message
        self.onAnswer = onAnswer
    }

    /// Draws the question and the answer keys.
    public func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let buttons = drawDialog(surface, in: rect, title: title, message: message, style: .warning)
        surface.putLine("[y] Yes   [n] No", in: buttons, style: .accent, alignRight: true)
    }

    /// Swallows keys the key map does not know.
    public func handle(key: Key, context: AppContext) -> ScreenAction? {
        keyMap.command(for: key) == nil ? .handled : nil
    }

    /// Answers and closes.
    public func perform(_ command: Command, context: AppContext) -> ScreenAction {
        onAnswer(command == .yes, context)
        return .pop
    }
}

/// A modal message with an OK button. Enter or Esc closes it.
public final class AlertDialog: Screen {
    /// Dialog title.
    public let title: String
    /// The message.
    public let message: String
    /// Error alerts are drawn in the error colour.
    public let isError: Bool
    /// Keys shown in the footer and help.
    public let keyMap: KeyMap<Void> = [KeyBinding([.enter, .escape], "Enter", help: "OK", command: ())]
    /// Drawn over the screen that raised it.
    public var isOverlay: Bool { true }

    /// Creates an alert.
    public init(title: String = "Notice", message: String, isError: Bool = false) {
        self.title = title
        self.message = message
        self.isError = isError
    }

    /// Draws the message and the OK button.
    public func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let buttons = drawDialog(surface, in: rect, title: title, message: message, style: isError ? .error : .border)
        surface.putLine("[Enter] OK", in: buttons, style: .accent, alignRight: true)
    }

    /// Swallows keys the key map does not know.
    public func handle(key: Key, context: AppContext) -> ScreenAction? {
        keyMap.command(for: key) == nil ? .handled : nil
    }

    /// Closes the alert.
    public func perform(_ command: Void, context: AppContext) -> ScreenAction { .pop }
}
