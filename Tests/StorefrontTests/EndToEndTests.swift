import CurioTestSupport
import Foundation
import Testing

/// Runs the real `curio` binary in a private tmux server, from a folder that is not the repository
/// (themes and the demo come with the binary): keys sent together in one `send-keys` each take
/// effect, a bracketed paste lands in the search field, Enter opens a product, `q` quits with
/// status 0, and a guest's cart is there again after reopening. `TERM=dumb` is refused in one line.
@Suite(.serialized) struct EndToEndTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test
    func curioAnswersRapidKeysPastesAndKeepsTheGuestCart() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let curio = try builtProduct("curio", packageRoot: EndToEndTests.repositoryRoot)
        // The guest cart is keyed to the OS user only outside SSH; the test may itself run over SSH.
        let environment = ["CURIO_DB": "\(directory.path)/shop.db", "SSH_CONNECTION": "", "SSH_CLIENT": "", "SSH_TTY": ""]
        let tmux = try TmuxSession(name: "shop", width: 120, height: 40, directory: directory.path, environment: environment,
                                   command: curio, arguments: ["--theme", "light"])
        defer { tmux.kill() }
        try tmux.waitFor("Categories", seconds: 60)
        try tmux.waitFor("guest · cart 0")

        // Several keys in one send-keys arrive together: each one moves the selection.
        let before = try tmux.capture()
        #expect(before.contains("› All products"))
        try tmux.tmux("send-keys", "-t", "shop", "j", "j", "j")
        let moved = try tmux.waitFor("›   Tea ")  // All products → Coffee & Tea → Coffee → Tea
        #expect(!moved.contains("› All products"))

        // A bracketed paste into the search field is text, typed in one piece.
        try tmux.tmux("send-keys", "-t", "shop", "/")
        try tmux.waitFor("Search:")
        try tmux.tmux("set-buffer", "-b", "curio", "mug")
        try tmux.tmux("paste-buffer", "-p", "-b", "curio", "-t", "shop")
        let results = try tmux.waitFor("Results for “mug”")
        #expect(!results.contains("No products match"))

        // Enter then a at once: the product opens and is added to the cart.
        try tmux.tmux("send-keys", "-t", "shop", "Enter", "a")
        try tmux.waitFor("guest · cart 1")
        try tmux.waitFor("a Add to cart")
        try tmux.tmux("send-keys", "-t", "shop", "q")
        let after = try tmux.waitFor("CURIO-EXIT:0")
        #expect(!after.contains("Categories"), "the alternate screen is gone")

        // Reopened by the same OS user: the guest's cart is still there.
        let again = try TmuxSession(name: "again", width: 80, height: 24, directory: directory.path, environment: environment, command: curio)
        defer { again.kill() }
        try again.waitFor("guest · cart 1", seconds: 60)
        try again.tmux("send-keys", "-t", "again", "c", "Enter")
        try again.waitFor("Where should we send the receipt?")
        try again.tmux("send-keys", "-t", "again", "C-c")
        try again.waitFor("CURIO-EXIT:0")
    }

    @Test
    func aTerminalWithoutCursorMovementIsRefusedInOneLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let curio = try builtProduct("curio", packageRoot: EndToEndTests.repositoryRoot)
        // tmux sets TERM for the pane itself, so the command is started through env with TERM=dumb.
        let tmux = try TmuxSession(name: "dumb", width: 100, height: 20, directory: directory.path,
                                   environment: ["CURIO_DB": "\(directory.path)/shop.db"], command: "/usr/bin/env",
                                   arguments: ["TERM=dumb", curio])
        defer { tmux.kill() }
        let screen = try tmux.waitFor("CURIO-EXIT:", seconds: 60)
        #expect(screen.contains("Curio needs a terminal with cursor movement; TERM=dumb cannot draw it"))
        #expect(screen.contains("CURIO-EXIT:1"))
        #expect(!screen.contains("Categories"))
    }
}
