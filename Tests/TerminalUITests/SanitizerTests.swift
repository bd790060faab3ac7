import Testing
@testable import TerminalUI

@Suite struct SanitizerTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("red \u{1B}[31mtext\u{1B}[0m", "red text"),
        ("clear\u{1B}[2J\u{1B}[H!", "clear!"),
        ("title \u{1B}]0;owned\u{07}done", "title done"),
        ("link \u{1B}]8;;http://x\u{1B}\\here\u{1B}]8;;\u{1B}\\", "link here"),
        ("dcs \u{1B}P1$r0m\u{1B}\\ end", "dcs  end"),
        ("c1 csi \u{9B}31m red", "c1 csi  red"),
        ("charset \u{1B}(B ok", "charset  ok"),
        ("reset \u{1B}c ok", "reset  ok"),
        ("bell\u{07} nul\u{0} del\u{7F}", "bell nul del"),
        ("tab\there\nnewline", "tab here newline"),
        ("unterminated \u{1B}]0;title", "unterminated "),
        ("東京 👨‍👩‍👧 e\u{301}", "東京 👨‍👩‍👧 e\u{301}"),
    ])
    func removesControlsAndEscapes(_ input: String, _ expected: String) {
        #expect(Sanitizer.sanitize(input) == expected)
    }

    @Test @MainActor func everyDrawPathSanitizes() {
        let surface = BufferSurface(size: Size(width: 40, height: 6))
        let evil = "A\u{1B}[2JB\u{1B}]0;x\u{07}C\u{9B}1mD\u{7}"
        surface.put(evil, at: Point(x: 0, y: 0))
        surface.putLine(evil, in: surface.bounds.row(1))
        surface.putWrapped(evil, in: surface.bounds.row(2))
        surface.box(Rect(x: 0, y: 3, width: 20, height: 3), title: evil)
        #expect(surface.line(0) == "ABCD")
        #expect(surface.line(1) == "ABCD")
        #expect(surface.line(2) == "ABCD")
        #expect(surface.line(3).contains(" ABCD "))
        #expect(!surface.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) })
    }
}
