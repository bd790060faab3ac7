import Testing
@testable import TerminalUI
import CNCurses

@Suite struct KeyDecoderTests {
    func chars(_ s: String) -> [RawInput] { s.unicodeScalars.map { .character($0.value) } }

    /// Decodes one read with a fresh decoder.
    func decode(_ burst: [RawInput]) -> [Key] {
        var decoder = KeyDecoder()
        return decoder.decode(burst)
    }

    /// Decodes reads one after another with one decoder, as the app loop does; an empty read is a
    /// timeout (the decoder gives up waiting).
    func decode(reads: [[RawInput]]) -> [Key] {
        var decoder = KeyDecoder()
        return reads.flatMap { $0.isEmpty ? decoder.flush() : decoder.decode($0) }
    }

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
        #expect(decode(reads: [[raw], []]) == [key])
    }

    @Test func escapeAloneWaitsAMomentForTheRestOfASequence() {
        var decoder = KeyDecoder()
        #expect(decoder.decode([.character(0x1B)]) == [])
        #expect(decoder.waitMilliseconds == KeyDecoder.sequenceWaitMilliseconds)
        #expect(decoder.flush() == [.escape])
        #expect(decode(reads: [[.character(0x1B)], chars("[B")]) == [.down])
    }

    @Test func escapeFollowedByAKeyIsAlt() {
        #expect(decode(chars("\u{1B}x")) == [.alt(.char("x"))])
        #expect(decode([.character(0x1B), .keyCode(KEY_LEFT)]) == [.alt(.left)])
        #expect(decode(reads: [[.character(0x1B), .character(0x1B)], []]) == [.escape, .escape])
        #expect(decode(chars("\u{1B}\u{2}")) == [.alt(.ctrl("b"))])
    }

    @Test func rawEscapeSequencesAreDecoded() {
        #expect(decode(chars("\u{1B}[A\u{1B}[B\u{1B}OC\u{1B}[1;5D")) == [.up, .down, .right, .left])
        #expect(decode(chars("\u{1B}[5~\u{1B}[6~\u{1B}[3~\u{1B}[H\u{1B}[F\u{1B}[Z")) == [.pageUp, .pageDown, .delete, .home, .end, .backTab])
        #expect(decode(chars("\u{1B}OP\u{1B}[15~\u{1B}[24~")) == [.function(1), .function(5), .function(12)])
        #expect(decode(reads: [chars("\u{1B}["), []]) == [.alt(.char("["))], "an unfinished sequence is Alt-[ once the wait is over")
    }

    /// Typing that arrives in one read (a fast typist, a burst over SSH) is one key per character.
    @Test func charactersThatArriveTogetherAreKeysInOrder() {
        #expect(decode(chars("jjj")) == [.char("j"), .char("j"), .char("j")])
        #expect(decode(chars("héllo 世界")) == "héllo 世界".map { Key.char($0) })
        #expect(decode(chars("ja\r")) == [.char("j"), .char("a"), .enter])
        #expect(decode(chars("abc") + [.keyCode(KEY_UP)]) == [.char("a"), .char("b"), .char("c"), .up])
        #expect(decode(chars("a\u{3}bcd")) == [.char("a"), .ctrl("c"), .char("b"), .char("c"), .char("d")])
    }

    @Test func bracketedPasteIsOneKey() {
        #expect(decode(chars("\u{1B}[200~héllo 世界\u{1B}[201~")) == [.paste("héllo 世界")])
        #expect(decode(chars("j\u{1B}[200~two\nlines\u{1B}[201~k")) == [.char("j"), .paste("two\nlines"), .char("k")])
        #expect(decode(chars("\u{1B}[200~q\u{1B}x\u{1B}[201~")) == [.paste("qx")], "keys inside a paste are text; ESC is dropped")
        #expect(decode(chars("\u{1B}[200~a") + [.keyCode(KEY_ENTER)] + chars("b\u{1B}[201~")) == [.paste("a\nb")])
        #expect(decode(chars("\u{1B}[201~j")) == [.char("j")], "a stray end marker is dropped")
    }

    /// Reads may end anywhere: inside the start marker, the text, or the end marker.
    @Test func aPasteSplitOverReadsIsStillOnePaste() {
        let whole = chars("\u{1B}[200~pasted text\u{1B}[201~j")
        for cut in 1..<whole.count {
            #expect(decode(reads: [Array(whole[..<cut]), Array(whole[cut...])]) == [.paste("pasted text"), .char("j")], "cut at \(cut)")
        }
        for (a, b) in [(2, 9), (4, 17), (7, 19), (1, 18)] {
            #expect(decode(reads: [Array(whole[..<a]), Array(whole[a..<b]), Array(whole[b...])]) == [.paste("pasted text"), .char("j")])
        }
        var decoder = KeyDecoder()
        #expect(decoder.decode(chars("\u{1B}[200~part")) == [])
        #expect(decoder.waitMilliseconds == KeyDecoder.pasteWaitMilliseconds)
        #expect(decoder.flush() == [.paste("part")], "a paste whose end never comes is delivered after the wait")
        #expect(decoder.decode(chars("j")) == [.char("j")], "and what follows is keys again")
        #expect(decoder.waitMilliseconds == nil)
    }

    @Test func anArrowSplitOverReadsIsStillAnArrow() {
        #expect(decode(reads: [chars("\u{1B}["), chars("A")]) == [.up])
        #expect(decode(reads: [chars("j\u{1B}[1;5"), chars("Dk")]) == [.char("j"), .left, .char("k")])
        var decoder = KeyDecoder()
        _ = decoder.decode(chars("\u{1B}[1"))
        #expect(decoder.waitMilliseconds == KeyDecoder.sequenceWaitMilliseconds)
    }

    @Test func mouseEventsPassThrough() {
        let click = MouseEvent(.click, at: Point(x: 3, y: 4))
        #expect(decode([.mouse(click), .character(0x1B), .mouse(click)]) == [.mouse(click), .escape, .mouse(click)])
        #expect(decode(reads: [[.mouse(click), .character(0x1B)], []]) == [.mouse(click), .escape])
        #expect(decode(chars("ab") + [.mouse(click)] + chars("c")) == [.char("a"), .char("b"), .mouse(click), .char("c")])
    }

    @Test func keyNamesForHints() {
        #expect(Key.up.description == "↑")
        #expect(Key.ctrl("c").description == "ctrl-c")
        #expect(Key.alt(.char("x")).description == "alt-x")
        #expect(Key.function(5).description == "F5")
        #expect(Key.char(" ").description == "space")
    }
}
