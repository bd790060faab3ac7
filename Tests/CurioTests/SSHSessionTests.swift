import CurioTestSupport
import Foundation
import Testing

/// `curio --ssh` on this machine, without sshd: what a session reads from its environment, what it
/// ignores, the idle timeout and its log line.
@Suite(.serialized) struct SSHSessionTests {
    func seededShop() throws -> (TempFolder, String) {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        #expect(try runCurio(["--db", db, "seed"]).status == 0)
        return (dir, db)
    }

    func logLines(_ dir: TempFolder, event: String) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: dir.file("curio.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
            .filter { $0["event"] as? String == event }
    }

    @Test func theKeyInSSHUserAuthIsTheShopper() throws {
        let (dir, db) = try seededShop()
        let key = try SSHTestKeys.make("ed25519", in: dir, name: "k")
        try Data("publickey \(key.type) \(key.base64)\n".utf8).write(to: URL(fileURLWithPath: dir.file("auth")))
        // Without a terminal the session stops after finding (making) the account.
        for _ in 0..<2 {
            let result = try runCurio(["--db", db, "--ssh"], environment: ["SSH_USER_AUTH": dir.file("auth")])
            #expect(result.status == 1 && result.stderr.contains("needs a terminal"))
        }
        let users = try runCurio(["--db", db, "user", "list", "--match", "SSH SHA256:"])
        #expect(users.stdout.components(separatedBy: "\n").filter { $0.contains("SSH SHA256:") }.count == 1)
        let lines = logLines(dir, event: "ssh.session")
        #expect(lines.count == 2 && lines.allSatisfy { $0["fingerprint"] as? String == (try? SSHTestKeys.fingerprint(key.file)) })

        // No key (sshd without ExposeAuthInfo, or a forged variable): refused.
        for environment in [[:], ["SSH_USER_AUTH": dir.file("missing")], ["SSH_USER_AUTH": "relative"]] {
            let refused = try runCurio(["--db", db, "--ssh"], environment: environment)
            #expect(refused.status == 1 && refused.stderr.contains("carries no public key"))
        }
        // Entrances go with --ssh; a session never creates a shop.
        #expect(try runCurio(["--db", db, "--anonymous"]).status == 2)
        #expect(try runCurio(["--db", db, "--ssh", "--anonymous", "--staff"]).status == 2)
        #expect(try runCurio(["--db", dir.file("none.db"), "--ssh", "--anonymous"]).status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.file("none.db")))
    }

    @Test
    func aGuestSessionIgnoresTerminfoOpensTheLinkAndEndsWhenIdle() throws {
        let (dir, db) = try seededShop()
        let empty = dir.file("terminfo")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        // An empty TERMINFO would leave ncurses with no terminal description at all; a session ignores it.
        let tmux = try TmuxSession(name: "guest", width: 100, height: 30, command: "/usr/bin/env",
                                   arguments: ["TERM=xterm-256color", "TERMINFO=\(empty)", "TERMINFO_DIRS=\(empty)",
                                               "SSH_ORIGINAL_COMMAND=product kenya-nyeri-aa",
                                               Binaries.curio, "--db", db, "--ssh", "--anonymous", "--idle-timeout", "4"])
        defer { tmux.kill() }
        try tmux.waitFor("Kenya Nyeri AA", seconds: 60)
        try tmux.waitFor("closing in")
        let end = try tmux.waitFor("CURIO-EXIT:", seconds: 15)
        #expect(end.contains("CURIO-EXIT:0"))
        let line = try #require(logLines(dir, event: "ssh.session").last)
        #expect(line["ended"] as? String == "idle timeout")
        #expect(line["entrance"] as? String == "guest" && line["columns"] as? Int == 100 && line["rows"] as? Int == 30)
        #expect(line["link"] as? String == "product(handle: \"kenya-nyeri-aa\")")
    }

    @Test
    func anUnknownTermFallsBackAndAKeyKeepsTheSessionOpen() throws {
        let (dir, db) = try seededShop()
        let tmux = try TmuxSession(name: "odd", width: 100, height: 30, command: "/usr/bin/env",
                                   arguments: ["TERM=no-such-terminal", Binaries.curio, "--db", db, "--ssh", "--anonymous", "--idle-timeout", "62"])
        defer { tmux.kill() }
        try tmux.waitFor("Categories", seconds: 60)
        // 62 s with a one-minute warning: the countdown shows within a few seconds, a key takes it away.
        try tmux.waitFor("closing in 5", seconds: 15)
        try tmux.tmux("send-keys", "-t", "odd", "j")
        try tmux.waitUntil("the countdown goes", seconds: 5) { !$0.contains("closing in") }
        try tmux.tmux("send-keys", "-t", "odd", "q")
        try tmux.waitFor("CURIO-EXIT:0")
        #expect(logLines(dir, event: "ssh.session").last?["ended"] as? String == "quit")
    }

    @Test func newDatabasesAreOnlyTheOwners() throws {
        let dir = TempFolder()
        #expect(try runCurio(["--db", dir.file("shop.db"), "init"]).status == 0)
        for file in ["shop.db", "shop.db-wal"] where FileManager.default.fileExists(atPath: dir.file(file)) {
            let mode = try FileManager.default.attributesOfItem(atPath: dir.file(file))[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
    }
}
