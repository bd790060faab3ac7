import Testing
@testable import TerminalUI
@Test func placeholder() { #expect(TerminalUIVersion.name == "TerminalUI") }
