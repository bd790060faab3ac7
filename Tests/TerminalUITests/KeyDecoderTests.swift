import Testing
@testable import TerminalUI
import CNCurses

@Suite struct KeyDecoderTests {
    let decoder = KeyDecoder()

    func chars(_ s: String) -> [RawInput] { s.unicodeScalars.map { .character($0.value) } }

    @Test func codesMatchTheCursesHeader() {
        let c = KeyDecoder.Codes.ncurses
        #expect(c.up == KEY_UP && c.down == KEY_DOWN && c.left == KEY_LEFT && c.right == KEY_RIGHT)
        #expect(c.home == KEY_HOME && c.end == KEY_END && c.pageUp == KEY_PPAGE && c.pageDown == KEY_NPAGE)
        #expect(c.insert == KEY_IC && c.delete == KEY_DC && c.backspace == KEY_BACKSPACE && c.enter == KEY_ENTER)
        #expect(c.backTab == KEY_BTAB && c.resize == KEY_RESIZE && c.f0 + 5 == curio_key_f(5))
    }

    @Test(arguments: [
        (RawInput.keyCode(KEY_UP), Key.up), (.keyCode(KEY_DOWN), .down), (.keyCode(KEY_LEFT), .left), (.keyCode(KEY_RIGHT), .right),
        (.keyCode(KEY_HOME), .home), (.keyCode(KEY_END), .end), (.keyCode(KEY_PPAGE), .pageUp), (.keyCode(KEY_NPAGE), .pageDown),
        (.keyCode(KEY_DC), .delete), (.keyCode(KEY_IC), .insert), (.keyCode(KEY_BACKSPACE), .backspace),
        (.keyCode(KEY_BTAB), .backTab), (.keyCode(KEY_RESIZE), .resize), (.keyCode(KEY_ENTER), .enter),
        (.keyCode(curio_key_f(1)), .function(1)), (.keyCode(curio_key_f(12)), .function(12)),
        (.keyCode(KEY_A1), .home), (.keyCode(KEY_C1), .end),
        (.character(0x1B), .escape), (.character(0x0D), .enter), (.character(0x0A), .enter), (.character(0x09), .tab),
        (.character(0x7F), .backspace), (.character(0x08), .backspace), (.character(0x03), .ctrl("c")),
        (.character(0x01), .ctrl("a")), (.character(0x17), .ctrl("w")), (.character(0x20), .char(" ")),
        (.character(0x71), .char("q")), (.character(0xE9), .char("é")), (.character(0x4E16), .char("世")),
        (.character(0x1F600), .char("😀")),
    ])
    func decodesSingleInputs(_ raw: RawInput, _ key: Key) {
        #expect(decoder.decode([raw]) == [key])
    }

    @Test func escapeFollowedByAKeyIsAlt() {
        #expect(decoder.decode(chars("\u{1B}x")) == [.alt(.char("x"))])
        #expect(decoder.decode([.character(0x1B), .keyCode(KEY_LEFT)]) == [.alt(.left)])
        #expect(decoder.decode([.character(0x1B), .character(0x1B)]) == [.escape, .escape])
        #expect(decoder.decode(chars("\u{1B}\u{2}")) == [.alt(.ctrl("b"))])
    }

    @Test func rawEscapeSequencesAreDecoded() {
        #expect(decoder.decode(chars("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[1;5D")) == [.up, .down, .right, .left])
        #expect(decoder.decode(chars("\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[H\u{1B}[F\u{1B}[Z")) == [.pageUp, .pageDown, .delete, .home, .end, .backTab])
        #expect(decoder.decode(chars("\u{1B}OP\u{1B}[15~\u{1B}[24~")) == [.function(1), .function(5), .function(12)])
        #expect(decoder.decode(chars("\u{1B}[")) == [.alt(.char("["))], "an incomplete sequence is Alt-[")
    }

    @Test func manyCharactersAtOnceArePaste() {
        #expect(decoder.decode(chars("héllo 世界")) == [.paste("héllo 世界")])
        #expect(decoder.decode(chars("ab")) == [.char("a"), .char("b")])
        #expect(decoder.decode(chars("line one\r")) == [.paste("line one"), .enter])
        #expect(decoder.decode(chars("abc") + [.keyCode(KEY_UP)]) == [.paste("abc"), .up])
        #expect(decoder.decode(chars("a\u{3}bcd")) == [.char("a"), .ctrl("c"), .paste("bcd")])
    }

    @Test func mouseEventsPassThrough() {
        let click = MouseEvent(.click, at: Point(x: 3, y: 4))
        #expect(decoder.decode([.mouse(click), .character(0x1B), .mouse(click)]) == [.mouse(click), .escape, .mouse(click)])
        #expect(decoder.decode(chars("ab") + [.mouse(click)] + chars("c")) == [.char("a"), .char("b"), .mouse(click), .char("c")])
    }

    @Test func keyNamesForHints() {
        #expect(Key.up.description == "↑")
        #expect(Key.ctrl("c").description == "ctrl-c")
        #expect(Key.alt(.char("x")).description == "alt-x")
        #expect(Key.function(5).description == "F5")
        #expect(Key.char(" ").description == "space")
    }
}
