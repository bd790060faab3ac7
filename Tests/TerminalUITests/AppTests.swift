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
    var isFocusedTextEmpty: Bool { field.text.isEmpty }
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
        #expect(surface.line(23).hasPrefix(" now 2 ") && surface.line(23).hasSuffix("? Help · q Quit"),
                "the message shows in the footer beside Help and Quit")
        app.context.now += 10
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

    /// F1 opens help everywhere; `?` too, except while typing into a field that holds text. The
    /// footer names the keys that work where the focus is.
    @Test func helpWorksInsideTextFields() {
        let root = CounterScreen()
        root.editing = true
        let app = App(root: root)
        let surface = BufferSurface(size: Size(width: 80, height: 24))
        app.render(into: surface)
        #expect(surface.line(23).contains("F1 Help") && surface.line(23).contains("ctrl-c Quit"))
        #expect(!surface.line(23).contains("? Help") && !surface.line(23).contains("q Quit"), "? and q type here")
        app.send(.char("?"))
        #expect(app.stack.top is HelpOverlay, "? in an empty field opens help")
        app.send(.escape)
        app.send(.char("a"))
        app.send(.char("?"))
        #expect(root.field.text == "a?", "? in a field with text is typed")
        app.send(.function(1))
        #expect(app.stack.top is HelpOverlay, "F1 opens help inside a field")
        app.send(.function(1))
        #expect(app.stack.depth == 1, "and closes it")
        let plain = App(root: CounterScreen())
        plain.send(.function(1))
        #expect(plain.stack.top is HelpOverlay)
    }

    /// Hints that do not fit are dropped lowest priority first; Help, Quit and Back always show.
    @Test func footerKeepsTheEssentialKeysAtAnyWidth() {
        let hints = (1...12).map { KeyHint(keys: "k\($0)", help: "Something long \($0)") }
            + [KeyHint(keys: "/", help: "Search", priority: .high)]
            + [KeyHint(keys: "Esc", help: "Back", priority: .essential), KeyHint(keys: "?", help: "Help", priority: .essential),
               KeyHint(keys: "q", help: "Quit", priority: .essential)]
        for width in [40, 80, 120] {
            let surface = BufferSurface(size: Size(width: width, height: 1))
            Footer(hints: hints).draw(into: surface, in: surface.bounds)
            let line = surface.line(0)
            #expect(line.contains("Esc Back") && line.contains("? Help") && line.contains("q Quit"), "at \(width): \(line)")
            #expect(line.contains("/ Search") && line.firstRange(of: "/ Search")!.lowerBound < line.firstRange(of: "? Help")!.lowerBound,
                    "kept in their order")
            #expect(line.contains("k1 ") == (width >= 80), "at \(width)")
            Footer(hints: hints, toast: Toast(message: "Added 2 × Kenya Nyeri AA to the cart", expires: 1)).draw(into: surface, in: surface.bounds)
            #expect(surface.line(0).hasSuffix("Esc Back · ? Help · q Quit") || width < 44, "a message leaves Help and Quit in place")
        }
    }

    /// Esc then another key typed at once arrive as Alt plus that key; when nothing uses that,
    /// they are both delivered.
    @Test func altOfAnUnusedKeyIsEscapeThenTheKey() {
        let root = CounterScreen()
        let app = App(root: root)
        app.send(.enter)
        #expect(app.stack.depth == 2)
        app.send(.alt(.char("+")))
        #expect(app.stack.depth == 1 && root.count == 1, "back, then + on the screen below")
    }

    /// The title bar shows the whole status when it fits beside the title, else its compact form.
    @Test func titleBarShowsTheWholeStatusWhenItFits() {
        let bar = TitleBar(appName: "Curio", title: "Kenya Nyeri AA Peaberry, washed", status: "shopper@curio.shop · 2 new · cart 1",
                           compactStatus: "shopper@… · 2 new · cart 1")
        let wide = BufferSurface(size: Size(width: 120, height: 1))
        bar.draw(into: wide, in: wide.bounds)
        #expect(wide.line(0).contains("Kenya Nyeri AA Peaberry, washed") && wide.line(0).hasSuffix("shopper@curio.shop · 2 new · cart 1"))
        let narrow = BufferSurface(size: Size(width: 60, height: 1))
        bar.draw(into: narrow, in: narrow.bounds)
        #expect(narrow.line(0).hasSuffix("shopper@… · 2 new · cart 1"), Comment(rawValue: narrow.line(0)))
    }

    @Test func aNewMessageReplacesTheLast() {
        let context = AppContext(now: 0)
        context.toast("first")
        context.toast("second")
        #expect(context.toasts.active(at: 1)?.message == "second")
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
