import Foundation
import Testing
@testable import TerminalUI

@Suite struct ThemeTests {
    let themes = repositoryRoot.appendingPathComponent("Themes").path

    @Test(arguments: ["default", "light", "mono", "high-contrast", "solarized"])
    func shippedThemeLoads(_ name: String) throws {
        let theme = try ThemeLoader.load(file: "\(themes)/\(name).json")
        #expect(theme.name == name)
        #expect(Set(theme.looks.keys) == Set(Role.allCases), "every role is spelled out in \(name).json")
    }

    @Test func builtInThemesMatchTheirFiles() throws {
        #expect(try ThemeLoader.load(file: "\(themes)/default.json") == Theme.default)
        #expect(try ThemeLoader.load(file: "\(themes)/mono.json") == Theme.mono)
    }

    @Test func badColourNamesFileAndKey() {
        let json = Data(#"{"roles": {"price": "purplish"}}"#.utf8)
        #expect(throws: ThemeError.unknownColour(file: "Themes/bad.json", key: "roles.price", value: "purplish")) {
            try ThemeLoader.parse(json, file: "Themes/bad.json")
        }
        do {
            _ = try ThemeLoader.parse(json, file: "Themes/bad.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix(#"Themes/bad.json: key "roles.price": unknown colour "purplish""#))
        }
    }

    @Test(arguments: [
        (##"{"roles": {"text": {"fg": "#12345"}}}"##, ThemeError.unknownColour(file: "t.json", key: "roles.text.fg", value: "#12345")),
        (#"{"roles": {"text": {"bg": 300}}}"#, ThemeError.unknownColour(file: "t.json", key: "roles.text.bg", value: "300")),
        (#"{"roles": {"txet": "red"}}"#, ThemeError.unknownKey(file: "t.json", key: "roles.txet")),
        (#"{"roles": {"text": {"colour": "red"}}}"#, ThemeError.unknownKey(file: "t.json", key: "roles.text.colour")),
        (#"{"roles": {"text": {"attributes": ["blink"]}}}"#, ThemeError.unknownAttribute(file: "t.json", key: "roles.text.attributes", value: "blink")),
        (#"{"roles": {"text": {"attributes": "bold"}}}"#, ThemeError.wrongType(file: "t.json", key: "roles.text.attributes", expected: "a list of attribute names")),
        (#"{"roles": []}"#, ThemeError.wrongType(file: "t.json", key: "roles", expected: "an object")),
        (#"{"colours": {}}"#, ThemeError.unknownKey(file: "t.json", key: "colours")),
    ])
    func invalidThemesAreRejectedWithTheKey(_ json: String, _ expected: ThemeError) {
        #expect(throws: expected) { try ThemeLoader.parse(Data(json.utf8), file: "t.json") }
    }

    @Test func invalidJSONNamesTheFile() {
        do {
            _ = try ThemeLoader.parse(Data("{ not json".utf8), file: "Themes/broken.json")
            Issue.record("expected an error")
        } catch {
            guard case .invalidJSON(let file, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(file == "Themes/broken.json")
        }
    }

    @Test func loadOrDefaultFallsBackAndReportsTheError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("curio-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(#"{"roles": {"price": "purplish"}}"#.utf8).write(to: dir.appendingPathComponent("bad.json"))
        let (theme, error) = ThemeLoader.loadOrDefault(named: "bad", directories: [dir.path])
        #expect(theme == Theme.default)
        #expect(error?.description.contains("bad.json: key \"roles.price\": unknown colour \"purplish\"") == true)

        let missing = ThemeLoader.loadOrDefault(named: "default", directories: ["/nonexistent"])
        #expect(missing.theme == Theme.default && missing.error == nil, "the default theme works without a Themes directory")
        let unknown = ThemeLoader.loadOrDefault(named: "nope", directories: ["/nonexistent"])
        #expect(unknown.theme == Theme.default && unknown.error != nil)
    }

    @Test func partialThemeInheritsMissingRoles() throws {
        let theme = try ThemeLoader.parse(Data(#"{"roles": {"price": {"fg": 208, "attributes": ["bold", "underline"]}}}"#.utf8), file: "p.json")
        #expect(theme.look(for: .price) == RoleLook(.index(208), on: .terminalDefault, [.bold, .underline]))
        #expect(theme.look(for: .text) == Theme.default.look(for: .text))
    }
}
