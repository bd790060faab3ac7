import Testing
@testable import TerminalUI

@Suite struct TextFieldTests {
    func typed(_ keys: [Key], into field: TextField = TextField()) -> TextField {
        var f = field
        for k in keys { _ = f.handle(k) }
        return f
    }

    @Test func editsByGraphemeCluster() {
        var f = TextField(text: "a👨‍👩‍👧b")
        #expect(f.cursor == 3)
        _ = f.handle(.left)
        _ = f.handle(.backspace)
        #expect(f.text == "ab")
        f = TextField(text: "e")
        _ = f.handle(.char("\u{301}"))
        #expect(f.text == "é" && f.cursor == 1)
        _ = f.handle(.backspace)
        #expect(f.text.isEmpty)
    }

    @Test func cursorMovementAndDeletion() {
        var f = TextField(text: "hello world")
        _ = f.handle(.home)
        _ = f.handle(.delete)
        #expect(f.text == "ello world" && f.cursor == 0)
        _ = f.handle(.right)
        _ = f.handle(.char("X"))
        #expect(f.text == "eXllo world" && f.cursor == 2)
        _ = f.handle(.end)
        #expect(f.cursor == 11)
        _ = f.handle(.right)
        #expect(f.cursor == 11)
    }

    @Test func emacsKeys() {
        var f = TextField(text: "one two three")
        _ = f.handle(.ctrl("w"))
        #expect(f.text == "one two ")
        _ = f.handle(.ctrl("w"))
        #expect(f.text == "one ")
        _ = f.handle(.ctrl("a"))
        _ = f.handle(.right)
        _ = f.handle(.ctrl("k"))
        #expect(f.text == "o" && f.cursor == 1)
        f = TextField(text: "abcdef")
        _ = f.handle(.left); _ = f.handle(.left)
        _ = f.handle(.ctrl("u"))
        #expect(f.text == "ef" && f.cursor == 0)
        _ = f.handle(.ctrl("e"))
        #expect(f.cursor == 2)
    }

    @Test func pasteIsSanitizedAndLimited() {
        var f = TextField(maxLength: 8)
        _ = f.handle(.paste("héllo\u{1B}[31m 世界 and more"))
        #expect(f.text == "héllo 世界")
        _ = f.handle(.char("x"))
        #expect(f.text == "héllo 世界")
    }

    @Test func maskingHidesCharacters() {
        #expect(TextField(text: "secret", masking: .all).displayText == "••••••")
        #expect(TextField(text: "4111222233334444", masking: .allButLast(4)).displayText == "••••••••••••4444")
        #expect(TextField(text: "12", masking: .allButLast(4)).displayText == "12")
    }

    @Test func unusedKeysAreNotConsumed() {
        var f = TextField()
        let consumed = [Key.enter, .tab, .up, .char("q")].map { f.handle($0) }
        #expect(consumed == [false, false, false, true])
    }

    @Test @MainActor func cursorFollowsDisplayCellsWhenDrawn() {
        let surface = BufferSurface(size: Size(width: 20, height: 1))
        let f = typed([.paste("世界ab"), .left], into: TextField())
        f.draw(into: surface, in: surface.bounds, focused: true)
        #expect(surface.cursor == Point(x: 5, y: 0))
        TextField(text: "x").draw(into: surface, in: surface.bounds, focused: false)
        #expect(surface.cursor == Point(x: 5, y: 0), "an unfocused field leaves the cursor alone")
    }

    @Test func formValidatesPerFieldAndSubmits() {
        var form = Form(fields: [
            FormField("Name") { $0.isEmpty ? "Enter your name." : nil },
            FormField("Email") { $0.contains("@") ? nil : "Enter an email address." },
        ])
        let moved = form.handle(.tab)
        #expect(moved == .edited)
        #expect(form.fields[0].message == "Enter your name.")
        #expect(form.focus == 1)
        _ = form.handle(.paste("ada@example.com"))
        let blocked = form.handle(.enter)
        #expect(blocked == .edited, "Name is still empty")
        #expect(form.focus == 0)
        _ = form.handle(.paste("Ada"))
        _ = form.handle(.enter)
        let submitted = form.handle(.enter)
        #expect(submitted == .submitted)
        #expect(form.fields.allSatisfy { $0.message == nil })
        #expect(form.value(of: "Email") == "ada@example.com")
    }
}
