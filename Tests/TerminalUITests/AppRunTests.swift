import CurioTestSupport
import Testing
@testable import TerminalUI

/// `App.run` against a scripted terminal: the loop itself, not just `send` and `render`.
@MainActor
@Suite struct AppRunTests {
    func app(_ root: CounterScreen, on terminal: ScriptedTerminal, idle: Double? = nil) -> App {
        let app = App(root: root, name: "Test")
        app.clock = terminal.clock
        app.idleTimeoutSeconds = idle
        return app
    }

    @Test func aBurstOfKeysIsEachHandledInOrder() {
        let root = CounterScreen()
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), script: [.burst(ScriptedTerminal.typed("+++=+")), .burst([.character(113)])])
        #expect(app(root, on: terminal).run(on: terminal) == .quit)
        #expect(root.count == 5)
        #expect(terminal.screen.text.contains("count 5"))
    }

    @Test func aTerminalThatGoesAwayEndsTheRun() {
        let root = CounterScreen()
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), script: [.burst(ScriptedTerminal.typed("+")), .silence])
        #expect(app(root, on: terminal).run(on: terminal) == .disconnected)
        #expect(root.count == 1)
    }

    @Test func aResizeLaysOutAtOnce() {
        let root = CounterScreen()
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24),
                                        script: [.resize(Size(width: 20, height: 5)), .silence, .resize(Size(width: 100, height: 30)), .silence])
        let app = app(root, on: terminal)
        _ = app.run(on: terminal)
        #expect(terminal.screen.size == Size(width: 100, height: 30))
        #expect(terminal.screen.line(0).contains("Test › Counter") && terminal.screen.line(29).contains("q Quit"))
    }

    @Test func tooSmallThenBackShowsTheNotice() {
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), script: [.resize(Size(width: 20, height: 5))])
        let app = app(CounterScreen(), on: terminal)
        _ = app.run(on: terminal)
        #expect(!terminal.screen.text.contains("count 0"), "below the minimum size the screen is not drawn")
    }

    @Test func anIdleRunCountsDownThenEnds() {
        let root = CounterScreen()
        // 250 ms reads (the default poll interval): 1,300 of them are over five minutes of silence.
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), script: Array(repeating: .silence, count: 1_300))
        let app = app(root, on: terminal, idle: 120)
        #expect(app.run(on: terminal) == .idle)
        #expect(terminal.now >= 120 && terminal.now < 122)
        #expect(terminal.screen.text.contains("closing in 1 s"))
    }

    @Test func aKeyDuringTheCountdownStartsTheWaitAgain() {
        let root = CounterScreen()
        let silence = Array(repeating: ScriptedTerminal.Step.silence, count: 100)  // 100 s at one-second reads
        let terminal = ScriptedTerminal(size: Size(width: 80, height: 24), script: silence + [.burst(ScriptedTerminal.typed("+"))] + silence + silence)
        let app = app(root, on: terminal, idle: 120)
        app.pollIntervalMilliseconds = 1000
        #expect(app.run(on: terminal) == .idle)
        #expect(root.count == 1)
        #expect(terminal.now > 215, "the key at 100 s moved the end to 220 s")
    }
}
