import TerminalUI

/// A modal list of choices (a role to give, say): ↑↓ moves, Enter picks, Esc closes. `onChoose`
/// gets the picked index and says what happens next (usually a confirmation replacing this dialog).
final class ChoiceDialog: Screen {
    enum Command { case move, choose }

    let title: String
    private let choices: [String]
    private let list: ListState
    private let onChoose: @MainActor (Int, AppContext) -> ScreenAction
    var isOverlay: Bool { true }
    let keyMap: KeyMap<Command> = [.move(.move), KeyBinding([.enter], help: "Choose", priority: .high, command: .choose)]

    init(title: String, choices: [String], selected: Int = 0, onChoose: @escaping @MainActor (Int, AppContext) -> ScreenAction) {
        self.title = title
        self.choices = choices
        self.list = ListState(selected: selected)
        self.onChoose = onChoose
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let width = min(rect.width - 2, max(30, (choices.map { DisplayWidth.of($0) }.max() ?? 0) + 8))
        let box = rect.centered(Size(width: width, height: min(rect.height, choices.count + 2)))
        surface.fill(box)
        let inside = surface.box(box, title: title, style: .accent, titleStyle: Style.accent.with(.bold))
        let choices = self.choices
        ListView(count: choices.count, state: list) { ListRow(choices[$0]) }.draw(into: surface, in: inside)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        list.navigate(key, count: choices.count, pageSize: choices.count) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: .handled
        case .choose: onChoose(list.selected, context)
        }
    }
}
