import Foundation
import Testing
@testable import TerminalUI

/// The toolkit's part of issue 13: one glyph table with fallbacks, linear wrapping that says when
/// it cuts, forms that keep the cursor on an error and say their limits, themes by name.
@MainActor
@Suite struct NewcomerWidgetTests {
    /// No screen writes a non-ASCII glyph literal except through the `Glyph` table: every string
    /// literal in the screen targets is scanned (comments are not).
    @Test func screensDrawGlyphsOnlyThroughTheTable() throws {
        let table = Set(Glyph.allCases.map(\.rawValue))
        let allowedFiles: Set<String> = ["Glyphs.swift", "UnicodeWidthTable.swift"]
        var offenders: [String] = []
        var scanned = 0
        for target in ["TerminalUI", "Storefront", "Backoffice", "curio-ui-demo"] {
            let folder = repositoryRoot.appendingPathComponent("Sources").appendingPathComponent(target)
            guard let files = FileManager.default.enumerator(atPath: folder.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") && !allowedFiles.contains((file as NSString).lastPathComponent) {
                let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
                scanned += 1
                for (line, literal) in SwiftLiterals.strings(in: text) {
                    for character in literal where table.contains(character) || NewcomerWidgetTests.isGlyphLike(character) {
                        offenders.append("\(target)/\(file):\(line): \(character) in \"\(literal)\"")
                    }
                }
            }
        }
        #expect(scanned > 40)
        #expect(offenders.isEmpty, Comment(rawValue: "write these through Glyph:\n" + offenders.joined(separator: "\n")))
    }

    /// Punctuation, arrows and symbols outside ASCII (product names and emoji in test data are fine).
    static func isGlyphLike(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, !scalar.isASCII, !scalar.properties.isEmojiPresentation else { return false }
        switch scalar.properties.generalCategory {
        case .dashPunctuation, .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol, .otherSymbol: return true
        default: return false
        }
    }

    @Test func everyGlyphHasAOneCellASCIIFallback() {
        for glyph in Glyph.allCases {
            #expect(glyph.ascii.isASCII, "\(glyph)")
            #expect(DisplayWidth.of(grapheme: glyph.rawValue) == 1, "\(glyph) is one cell, like its fallback")
        }
        let surface = BufferSurface(size: Size(width: 40, height: 1), ascii: true)
        surface.put("Tea \(Glyph.middleDot) price \(Glyph.up) \(Glyph.minus)1 \(Glyph.starFilled)\(Glyph.starEmpty) \(Glyph.ellipsis)", at: Point(x: 0, y: 0))
        #expect(surface.line(0) == "Tea - price ^ -1 *- ~")
        #expect(Key.up.description == "↑" && Glyph.asciiFallback(Key.up.description) == "^")
    }

    /// Wrapping is one pass: a 100k-character word wraps into lines of the width, whole and in order.
    @Test func longWordsWrapWholeAndStopWhenTheRectIsFull() {
        let word = String((0..<100_000).map { Character(Unicode.Scalar(UInt8(97 + $0 % 26))) })
        let lines = TextLayout.wrap("start " + word + " end", width: 80)
        #expect(lines.first == "start")
        #expect(lines.count == 1 + 1_250 + 1 && lines.last == "end")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.count == 80 } && lines.dropFirst().dropLast().joined() == word)
        let (some, cut) = TextLayout.wrap(String(repeating: word, count: 50), width: 80, limit: 3)
        #expect(some.count == 3 && cut, "a 5M-character word stops after the lines asked for")
        let (all, whole) = TextLayout.wrap("one two three", width: 80, limit: 1)
        #expect(all == ["one two three"] && !whole)
        #expect(TextLayout.wrap("a\n\nb  c", width: 10) == ["a", "", "b c"])
        #expect(TextLayout.wrap("日本語のテキスト", width: 5).allSatisfy { DisplayWidth.of($0) <= 5 })
    }

    /// Cut text ends with the ellipsis on its last row; text that fits has none, and its last word is there.
    @Test func wrappedTextSaysWhenItIsCut() {
        let surface = BufferSurface(size: Size(width: 20, height: 3))
        #expect(surface.putWrapped("the quick brown fox jumps over", in: Rect(x: 0, y: 0, width: 20, height: 2)) == 2)
        #expect(surface.line(0) == "the quick brown fox" && surface.line(1) == "jumps over")
        surface.erase()
        surface.putWrapped("the quick brown fox jumps over the lazy dog again", in: Rect(x: 0, y: 0, width: 20, height: 2))
        #expect(surface.line(1).hasSuffix("\(Glyph.ellipsis)") && surface.line(1).count <= 20)
        surface.erase()
        surface.putWrapped(String(repeating: "x", count: 5_000_000), in: Rect(x: 0, y: 0, width: 20, height: 3))
        #expect(surface.line(2) == String(repeating: "x", count: 19) + "\(Glyph.ellipsis)")
    }

    /// Enter on a field with an error keeps the focus (and the cursor) there; typing past the limit
    /// says what the limit is; a form taller than its rect scrolls to the focused field.
    @Test func formsKeepTheFocusOnAnErrorAndSayTheirLimits() {
        var form = Form(fields: [
            FormField("Name") { $0.isEmpty ? "Enter a name." : nil },
            FormField("Country", field: TextField(maxLength: 2)),
            FormField("City"), FormField("Code"), FormField("Note"),
        ])
        #expect(form.handle(.enter) == .edited && form.focus == 0, "Enter on an empty name stays on it")
        #expect(form.fields[0].message == "Enter a name.")
        _ = form.handle(.paste("Ada"))
        #expect(form.value(of: "Name") == "Ada", "typing goes to the field that showed the cursor")
        _ = form.handle(.enter)
        #expect(form.focus == 1)
        _ = form.handle(.paste("12345"))
        #expect(form.value(of: "Country") == "12")
        #expect(form.fields[1].message == "Country takes at most 2 characters; the rest was not typed.")
        for _ in 0..<3 { _ = form.handle(.tab) }
        #expect(form.focus == 4)
        let surface = BufferSurface(size: Size(width: 40, height: 6))
        form.draw(into: surface, in: surface.bounds)
        #expect(surface.text.contains("Note:"), "the focused field is in view")
        #expect(!surface.text.contains("Name:"))
    }

    @Test func aFormMessageWrapsRatherThanBeingCut() {
        var form = Form(fields: [FormField("Email") { _ in "Use an address in plain ASCII letters; addresses with accents cannot be mailed yet." }])
        _ = form.validateAll()
        let surface = BufferSurface(size: Size(width: 40, height: 6))
        form.draw(into: surface, in: surface.bounds)
        #expect(surface.text.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
            .contains("Use an address in plain ASCII letters; addresses with accents cannot be mailed yet."))
    }

    @Test func themesAreFoundByNameAndAnUnknownOneListsThem() throws {
        let catalog = ThemeCatalog(builtIn: [(name: "light", json: #"{"name": "light", "roles": {"price": "red"}}"#)])
        #expect(try catalog.theme(named: "light").name == "light")
        #expect(try catalog.theme(named: "default") == Theme.default)
        #expect(throws: ThemeError.unknownTheme(name: "nosuch", available: ["default", "light"])) { _ = try catalog.theme(named: "nosuch") }
        #expect(ThemeError.unknownTheme(name: "nosuch", available: ["default", "light"]).description
                == #"no theme named "nosuch"; the themes are default, light"#)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curio-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"name": "mine", "roles": {"price": "blue"}}"#.write(to: folder.appendingPathComponent("mine.json"), atomically: true, encoding: .utf8)
        let mine = ThemeCatalog(builtIn: [], directories: [folder.path])
        #expect(mine.names == ["default", "mine"])
        #expect(try mine.theme(named: "mine").name == "mine")
    }
}

/// The string literals of Swift source, with their line numbers: enough of a lexer to skip
/// comments and to read `"…"` and `"""…"""` literals (escapes kept as written).
enum SwiftLiterals {
    static func strings(in source: String) -> [(line: Int, text: String)] {
        var result: [(Int, String)] = []
        let chars = Array(source)
        var i = 0
        var line = 1
        func at(_ k: Int) -> Character? { k < chars.count ? chars[k] : nil }
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { line += 1; i += 1; continue }
            if c == "/" && at(i + 1) == "/" {
                while i < chars.count && chars[i] != "\n" { i += 1 }
                continue
            }
            if c == "/" && at(i + 1) == "*" {
                i += 2
                while i < chars.count && !(chars[i] == "*" && at(i + 1) == "/") { if chars[i] == "\n" { line += 1 }; i += 1 }
                i += 2
                continue
            }
            if c == "\"" {
                let triple = at(i + 1) == "\"" && at(i + 2) == "\""
                let start = line
                i += triple ? 3 : 1
                var text = ""
                while i < chars.count {
                    if chars[i] == "\\" { text.append(chars[i]); if let n = at(i + 1) { text.append(n) }; i += 2; continue }
                    if triple ? (chars[i] == "\"" && at(i + 1) == "\"" && at(i + 2) == "\"") : chars[i] == "\"" { break }
                    if chars[i] == "\n" { line += 1; if !triple { break } }
                    text.append(chars[i])
                    i += 1
                }
                i += triple ? 3 : 1
                result.append((start, text))
                continue
            }
            i += 1
        }
        return result
    }
}
