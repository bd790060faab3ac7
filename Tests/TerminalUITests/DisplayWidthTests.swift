import Testing
@testable import TerminalUI

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("hello", 5), ("", 0), ("世界", 4), ("ｶﾀｶﾅ", 4), ("한국어", 6), ("ＡＢ", 4),
        ("e\u{301}", 1), ("Zalgo: z\u{336}\u{33F}", 8), ("👍", 2), ("👍🏽", 2),
        ("👨‍👩‍👧‍👦", 2), ("🇯🇵", 2), ("🇯🇵🇫🇷", 4), ("❤", 1), ("❤️", 2), ("☕", 2),
        ("a\u{200B}b", 2), ("\u{1B}[31m", 4), ("Café", 4), ("1️⃣", 2), ("🏳️‍🌈", 2),
    ])
    func widthOfText(_ text: String, _ width: Int) {
        #expect(DisplayWidth.of(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }

    @Test func controlCharactersHaveNoWidth() {
        #expect(DisplayWidth.of(scalar: "\u{7}") == 0)
        #expect(DisplayWidth.of(scalar: "\u{9B}") == 0)
    }

    @Test func truncateCountsCellsAndAddsAnEllipsis() {
        #expect(TextLayout.truncate("Hello, world", toWidth: 8) == "Hello, …")
        #expect(TextLayout.truncate("世界世界", toWidth: 5) == "世界…")
        #expect(TextLayout.truncate("世界世界", toWidth: 4) == "世…")
        #expect(TextLayout.truncate("👨‍👩‍👧 family", toWidth: 3) == "👨‍👩‍👧…")
        #expect(TextLayout.truncate("short", toWidth: 10) == "short")
        #expect(TextLayout.truncate("abcdef", toWidth: 4, ellipsis: "~") == "abc~")
        #expect(TextLayout.truncate("abc", toWidth: 0) == "")
        #expect(DisplayWidth.of(TextLayout.pad("世", toWidth: 5)) == 5)
    }

    @Test func wrapBreaksAtWordsByCells() {
        #expect(TextLayout.wrap("the quick brown fox", width: 10) == ["the quick", "brown fox"])
        #expect(TextLayout.wrap("日本語のテキスト", width: 6) == ["日本語", "のテキ", "スト"])
        #expect(TextLayout.wrap("a\nb c", width: 10) == ["a", "b c"])
        #expect(TextLayout.wrap("supercalifragilistic", width: 5).allSatisfy { DisplayWidth.of($0) <= 5 })
    }
}
