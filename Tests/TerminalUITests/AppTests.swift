import Testing
@testable import TerminalUI

/// A small screen used to test the app's routing.
@MainActor
final class CounterScreen: Screen {
    enum Command { case increment, open, replace, ask }
    let title: String
    var count = 0
    var polls = 0
    var editing = false
    var field = TextField()
    var answered: Bool?
    var isEditingText: Bool { editing }
    var minimumSize: Size { Size(width: 30, height: 8) }
    let keyMap: KeyMap<Command> = [
        KeyBinding([.char("+"), .char("=")], "+", help: "Add one", command: .increment),
        KeyBinding([.enter], help: "Open", command: .open),
        KeyBinding([.char("r")], help: "Replace", inFooter: false, command: .replace),
        KeyBinding([.char("d")], help: "Ask", command: .ask),
    ]
    init(title: String = "Counter") { self.title = title }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        surface.put("count \(count) field \(field.text)", at: Point(x: rect.x, y: rect.y))
    }
    func handle(key: Key, context: AppContext) -> ScreenAction? {
        editing && field.handle(key) ? .handled : nil
    }
    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .increment: count += 1; context.toast("now \(count)")
        case .open: return .push(CounterScreen(title: "Inner"))
        case .replace: return .replace(CounterScreen(title: "Replaced"))
        case .ask: return .push(ConfirmDialog(message: "Sure?") { [weak self] yes, _ in self?.answered = yes })
        }
        return .handled
    }
    func poll(context: AppContext) -> Bool { polls += 1; return false }
}

@MainActor
@Suite struct AppTests {
    @Test func keyMapDrivesDispatchFooterAndHelp() {
        let root = CounterScreen()
        let app = App(root: root, name: "Test")
        app.send(.char("+"))
        app.send(.char("="))
        #expect(root.count == 2)
        let surface = BufferSurface(size: Size(width: 80, height: 24))
        app.render(into: surface)
        #expect(surface.line(0).contains("Test › Counter"))
        #expect(surface.line(23).contains("+ Add one"))
        #expect(!surface.line(23).contains("Replace"), "inFooter: false hides a binding from the footer")
        app.send(.char("?"))
        #expect(app.stack.top is HelpOverlay)
        app.render(into: surface)
        #expect(surface.text.contains("Replace"), "help lists every binding")
        #expect(surface.text.contains("Add one"))
        #expect(surface.text.contains("count 2"), "the screen stays visible under the overlay")
        app.send(.escape)
        #expect(app.stack.depth == 1)
    }

    @Test func stackPushPopReplace() {
        let app = App(root: CounterScreen())
        app.send(.enter)
        #expect(app.stack.depth == 2 && app.stack.top.title == "Inner")
        app.send(.char("r"))
        #expect(app.stack.depth == 2 && app.stack.top.title == "Replaced")
        app.send(.escape)
        #expect(app.stack.depth == 1 && app.stack.top.title == "Counter")
        app.send(.escape)
        #expect(app.stack.depth == 1 && app.isRunning, "Esc at the root does nothing")
    }

    @Test func quitKeys() {
        let app = App(root: CounterScreen())
        #expect(!app.send(.ctrl("c")))
        let editing = CounterScreen()
        editing.editing = true
        let app2 = App(root: editing)
        #expect(app2.send(.char("q")), "q types into a focused text field")
        #expect(editing.field.text == "q")
        #expect(!app2.send(.ctrl("c")), "ctrl-c quits even while editing")
        let app3 = App(root: CounterScreen())
        #expect(!app3.send(.char("q")))
    }

    @Test func confirmDialogAnswersAndCloses() {
        let root = CounterScreen()
        let app = App(root: root)
        app.send(.char("d"))
        app.send(.char("+"))
        #expect(root.count == 0, "the dialog is modal")
        app.send(.char("q"))
        #expect(app.isRunning && app.stack.depth == 2, "q does not quit from inside a confirmation")
        app.send(.char("y"))
        #expect(root.answered == true && app.stack.depth == 1)
        app.send(.char("d"))
        app.send(.escape)
        #expect(root.answered == false)
    }

    @Test func tooSmallTerminalSaysWhatItNeeds() {
        let app = App(root: CounterScreen())
        let surface = BufferSurface(size: Size(width: 25, height: 6))
        app.render(into: surface)
        #expect(surface.text.contains("Terminal too small"))
        #expect(surface.text.contains("30×8"))
        surface.resize(to: Size(width: 80, height: 24))
        app.render(into: surface)
        #expect(surface.text.contains("count 0"))
    }

    @Test func toastsExpire() {
        let context = AppContext(now: 10)
        let app = App(root: CounterScreen(), context: context)
        app.send(.char("+"))
        let surface = BufferSurface(size: Size(width: 60, height: 12))
        app.render(into: surface)
        #expect(surface.text.contains("now 1"))
        context.now = 14
        #expect(context.expireToasts())
        app.render(into: surface)
        #expect(!surface.text.contains("now 1"))
    }

    @Test func layoutShowsTwoPanesOnlyWhenWide() {
        let layout = PaneLayout(ratio: 0.5, minPrimary: 40, minSecondary: 40)
        let narrow = layout.split(Rect(x: 0, y: 0, width: 80, height: 20))
        #expect(narrow.secondary == nil && narrow.primary.width == 80)
        let wide = layout.split(Rect(x: 0, y: 0, width: 120, height: 20))
        #expect(wide.primary.width + 1 + (wide.secondary?.width ?? 0) == 120)
        #expect((wide.secondary?.width ?? 0) >= 40)
        let skewed = PaneLayout(ratio: 0.9, minPrimary: 40, minSecondary: 40).split(Rect(x: 0, y: 0, width: 100, height: 5))
        #expect(skewed.secondary?.width == 40, "the minimum width wins over the ratio")
    }
}
