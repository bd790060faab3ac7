import Foundation
import Testing
@testable import TerminalUI

/// A full-window list, for measuring what a selection move costs on the wire.
@MainActor
final class ProductListScreen: Screen {
    let title = "Products"
    let keyMap: KeyMap<Int> = [KeyBinding([.down], help: "Next", command: 1), KeyBinding([.up], help: "Previous", command: -1)]
    let state = ListState()
    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        ListView(count: 100_000, state: state) { ListRow("Ceramic teapot 茶 no. \($0)", detail: "€\($0 % 90).99", detailStyle: .price) }
            .draw(into: surface, in: surface.box(rect, title: "Products"))
    }
    func perform(_ command: Int, context: AppContext) -> ScreenAction {
        state.move(by: command, count: 100_000)
        return .handled
    }
}

@MainActor
@Suite(.serialized) struct CursesSurfaceTests {
    func openTerminal(_ pty: PseudoTerminal, type: String = "xterm-256color", environment: [String: String] = ["TERM": "xterm-256color"]) throws -> CursesSurface {
        setenv("LC_ALL", "C.UTF-8", 1)
        return try CursesSurface(options: TerminalOptions(inputDescriptor: pty.slave, outputDescriptor: pty.slave,
                                                          terminalType: type, environment: environment))
    }

    @Test func oneRowMoveSendsUnderATenthOfAFullRepaint() throws {
        let pty = try PseudoTerminal(size: Size(width: 120, height: 40))
        let terminal = try openTerminal(pty)
        defer { terminal.close() }
        #expect(terminal.size == Size(width: 120, height: 40))
        let app = App(root: ProductListScreen(), name: "Curio")
        app.render(into: terminal)
        terminal.present()
        let first = String(decoding: pty.drain(), as: UTF8.self)
        #expect(first.contains("\u{1B}[?1049h"), "switches to the alternate screen")
        #expect(first.contains("Ceramic teapot 茶 no. 5"))

        app.send(.down)
        app.render(into: terminal)
        terminal.present()
        let move = pty.drain().count

        terminal.invalidate()
        app.render(into: terminal)
        terminal.present()
        let full = pty.drain().count
        #expect(move > 0)
        #expect(move * 10 < full, "one-row move \(move) B vs full repaint \(full) B")

        terminal.close()
        let last = String(decoding: pty.drain(), as: UTF8.self)
        #expect(last.contains("\u{1B}[?1049l"), "close leaves the alternate screen")
        #expect(terminal.isClosed)
    }

    @Test func unknownTermFallsBackToAKnownType() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        let terminal = try openTerminal(pty, type: "no-such-terminal-xyz", environment: ["TERM": "no-such-terminal-xyz"])
        defer { terminal.close() }
        #expect(terminal.terminalType == "xterm-256color")
        #expect(TerminalOptions(terminalType: nil, environment: ["TERM": "weird"]).terminalTypeCandidates == ["weird", "xterm-256color", "xterm", "vt100"])
        #expect(TerminalError.noUsableTerminal(tried: ["a", "b"]).description.contains("set TERM"))
    }

    @Test func noColorAndDumbTerminalsGetNoColour() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        func frame(_ environment: [String: String], theme: Theme = .default) throws -> (ColorDepth, String) {
            setenv("LC_ALL", "C.UTF-8", 1)
            let terminal = try CursesSurface(options: TerminalOptions(theme: theme, inputDescriptor: pty.slave, outputDescriptor: pty.slave,
                                                                      terminalType: "xterm-256color", environment: environment))
            defer { terminal.close() }
            _ = pty.drain()
            terminal.put("price", at: Point(x: 0, y: 0), style: .price)
            terminal.put("picked", at: Point(x: 0, y: 1), style: .selection)
            terminal.present()
            return (terminal.colorDepth, String(decoding: pty.drain(), as: UTF8.self))
        }
        let (mono, monoOutput) = try frame(["TERM": "xterm-256color", "NO_COLOR": "1"])
        #expect(mono == .none)
        #expect(!monoOutput.contains("\u{1B}[3") && !monoOutput.contains("\u{1B}[4") && !monoOutput.contains(";5;"), "no colour escapes")
        #expect(monoOutput.contains("[0;7m") || monoOutput.contains("[7m"), "the selection is still visible, in reverse video")
        let (colour, colourOutput) = try frame(["TERM": "xterm-256color"], theme: try ThemeLoader.load(file: repositoryRoot.path + "/Themes/light.json"))
        #expect(colour == .xterm256)
        #expect(colourOutput.contains("38;5;90m") || colourOutput.contains("[38;5;90;"), "light theme price #870087 is xterm colour 90")
    }

    @Test func nonUTF8LocaleDrawsASCIIBorders() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        setenv("LC_ALL", "C", 1)
        defer { setenv("LC_ALL", "C.UTF-8", 1) }
        let terminal = try CursesSurface(options: TerminalOptions(inputDescriptor: pty.slave, outputDescriptor: pty.slave,
                                                                  terminalType: "xterm-256color", environment: ["TERM": "xterm-256color"]))
        #expect(terminal.glyphs.isASCII)
        terminal.close()
        let forced = try openTerminal(pty)
        #expect(!forced.glyphs.isASCII)
        forced.close()
        let ascii = try CursesSurface(options: TerminalOptions(ascii: true, inputDescriptor: pty.slave, outputDescriptor: pty.slave,
                                                               terminalType: "xterm-256color", environment: ["TERM": "xterm-256color"]))
        #expect(ascii.glyphs.isASCII, "--ascii wins on a UTF-8 locale")
        ascii.close()
    }

    @Test func onlyOneTerminalAtATime() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        let terminal = try openTerminal(pty)
        defer { terminal.close() }
        #expect(throws: TerminalError.alreadyOpen) { _ = try openTerminal(pty) }
    }

    /// Decodes one read with a fresh decoder.
    func keys(_ raw: [RawInput]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(raw)
    }

    @Test func readsKeysAsBursts() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        let terminal = try openTerminal(pty)
        defer { terminal.close() }
        terminal.present()
        _ = pty.drain()
        #expect(terminal.readInput(timeoutMilliseconds: 10).isEmpty)
        pty.type(Array("jjj".utf8))
        #expect(keys(terminal.readInput(timeoutMilliseconds: 500)) == [.char("j"), .char("j"), .char("j")], "typed together, still three keys")
        pty.type(Array("\u{1B}OA".utf8))
        #expect(keys(terminal.readInput(timeoutMilliseconds: 500)) == [.up], "keypad mode: curses decodes SS3")
        pty.type(Array("\u{1B}[A".utf8))
        #expect(keys(terminal.readInput(timeoutMilliseconds: 500)) == [.up], "normal mode: the decoder handles CSI")
        pty.type(Array("\u{1B}x".utf8))
        #expect(keys(terminal.readInput(timeoutMilliseconds: 500)) == [.alt(.char("x"))])
    }

    /// The terminal is asked for bracketed paste, curses hands its markers over as characters, and
    /// a paste split over two reads is one key; closing switches the mode off again.
    @Test func bracketedPasteArrivesAsOnePaste() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        let terminal = try openTerminal(pty)
        terminal.present()
        #expect(String(decoding: pty.drain(), as: UTF8.self).contains("\u{1B}[?2004h"), "bracketed paste is switched on")
        var decoder = KeyDecoder()
        pty.type(Array("\u{1B}[200~héllo 世界\u{1B}[201~".utf8))
        #expect(decoder.decode(terminal.readInput(timeoutMilliseconds: 500)) == [.paste("héllo 世界")])
        pty.type(Array("\u{1B}[200~first ha".utf8))
        let first = decoder.decode(terminal.readInput(timeoutMilliseconds: 500))
        pty.type(Array("lf\u{1B}[201~q".utf8))
        let second = decoder.decode(terminal.readInput(timeoutMilliseconds: 500))
        #expect(first + second == [.paste("first half"), .char("q")])
        terminal.close()
        #expect(String(decoding: pty.drain(), as: UTF8.self).contains("\u{1B}[?2004l"), "and off again on close")
    }

    @Test func aTerminalThatCannotMoveTheCursorIsRefused() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        #expect(throws: TerminalError.noCursorMovement(terminalType: "dumb")) {
            _ = try openTerminal(pty, type: "dumb", environment: ["TERM": "dumb"])
        }
        #expect(TerminalError.noCursorMovement(terminalType: "dumb").description.contains("TERM=dumb cannot draw it"))
        let terminal = try openTerminal(pty)
        #expect(!terminal.isClosed, "the refusal left nothing open")
        terminal.close()
    }

    @Test func mouseClicksArriveWhenEnabled() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        setenv("LC_ALL", "C.UTF-8", 1)
        let terminal = try CursesSurface(options: TerminalOptions(inputDescriptor: pty.slave, outputDescriptor: pty.slave,
                                                                  terminalType: "xterm-256color", environment: ["TERM": "xterm-256color"], mouse: true))
        defer { terminal.close() }
        terminal.present()
        #expect(String(decoding: pty.drain(), as: UTF8.self).contains("1000h"), "mouse reporting is switched on")
        // SGR encoding (mode 1006, which xterm-256color asks for): button 0 pressed at column 11, row 6 (1-based).
        pty.type(Array("\u{1B}[<0;11;6M".utf8))
        #expect(keys(terminal.readInput(timeoutMilliseconds: 500)) == [.mouse(MouseEvent(.click, at: Point(x: 10, y: 5)))])
        pty.type(Array("\u{1B}[<65;3;4M".utf8))
        #expect(keys(terminal.readInput(timeoutMilliseconds: 500)) == [.mouse(MouseEvent(.wheelDown, at: Point(x: 2, y: 3)))])
        pty.type([0x03])
        #expect(keys(terminal.readInput(timeoutMilliseconds: 500)) == [.ctrl("c")])
    }

    @Test func idleLoopSleepsAndCtrlCQuits() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        let terminal = try openTerminal(pty)
        defer { terminal.close() }
        let root = CounterScreen()
        let app = App(root: root)
        app.pollIntervalMilliseconds = 100
        let master = pty.master
        Thread.detachNewThread {
            usleep(800_000)
            var ctrlC: UInt8 = 3
            _ = write(master, &ctrlC, 1)
        }
        let started = ContinuousClock.now
        let reason = app.run(on: terminal)
        let elapsed = ContinuousClock.now - started
        #expect(reason == .quit)
        // A loop that blocks in its input wait polls about once per interval; a spinning one would poll
        // thousands of times. The bound follows the wall time actually spent, so a slow machine cannot fail it.
        let intervals = Int(elapsed / .milliseconds(100))
        #expect(root.polls >= 1 && root.polls <= intervals + 2, "polled \(root.polls) times in \(elapsed) at 100 ms")
    }

    @Test func terminationSignalEndsTheLoopCleanly() throws {
        let pty = try PseudoTerminal(size: Size(width: 80, height: 24))
        let terminal = try openTerminal(pty)
        let app = App(root: CounterScreen())
        raise(SIGTERM)
        #expect(app.run(on: terminal) == .signal(SIGTERM))
        #expect(ExitReason.signal(SIGTERM).exitStatus == 143)
        terminal.close()
        let output = String(decoding: pty.drain(), as: UTF8.self)
        #expect(output.contains("\u{1B}[?1049l"))
    }
}
