import CurioTestSupport
import Foundation
import Testing

/// Runs curio-ui-demo inside a private tmux server and checks it draws, re-lays out on resize,
/// echoes typed UTF-8 and restores the terminal when it quits or is terminated.
@Suite(.serialized) struct EndToEndTests {

    @Test
    func demoDrawsResizesTakesUTF8AndQuits() throws {
        let session = try demoSession()
        defer { session.kill() }
        try session.waitFor("Products (100000)")
        var screen = try session.capture()
        #expect(!screen.contains("─ Details "), "one pane at 80 columns")
        #expect(screen.contains("↑↓/jk Move"), "the footer shows the screen's keys")

        try session.tmux("resize-window", "-t", session.name, "-x", "120", "-y", "40")
        screen = try session.waitUntil("two panes and the footer on row 40") { pane in
            let rows = pane.components(separatedBy: "\n")
            return pane.contains("─ Details ") && rows.count >= 40 && rows[39].contains("q Quit")
        }
        #expect(screen.contains("─ Products (100000) "))

        try session.tmux("send-keys", "-t", session.name, "/")
        try session.waitFor("Search (Enter ends):")
        try session.tmux("send-keys", "-t", session.name, "-l", "héllo 世界")
        try session.waitFor("Search (Enter ends): héllo 世界")
        try session.tmux("send-keys", "-t", session.name, "Escape")
        screen = try session.waitFor("Searching for héllo 世界")
        #expect(screen.contains("Search: héllo 世界"), "the field keeps the text after editing ends")

        try session.tmux("send-keys", "-t", session.name, "q")
        screen = try session.waitFor("CURIO-EXIT:0")
        #expect(!screen.contains("Products (100000)"), "the alternate screen is gone after quitting")
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func terminationSignalRestoresTheTerminal(_ signal: Int32) throws {
        let session = try demoSession()
        defer { session.kill() }
        try session.waitFor("Products (100000)")
        let shell = try session.tmux("display-message", "-p", "-t", session.name, "#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try runProgram("/usr/bin/pgrep", ["-P", shell]).split(separator: "\n").compactMap { Int32($0) }
        #expect(children.count == 1)
        for pid in children { kill(pid, signal) }
        let screen = try session.waitFor("CURIO-EXIT:\(128 + signal)")
        #expect(!screen.contains("Products (100000)"))
    }
}

/// The demo in a private tmux session at 80x24.
func demoSession() throws -> TmuxSession {
    try TmuxSession(name: "demo", width: 80, height: 24, command: try builtProduct("curio-ui-demo", packageRoot: repositoryRoot))
}
