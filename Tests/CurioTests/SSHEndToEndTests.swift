import CurioTestSupport
import Foundation
import Testing

/// The shop through a real sshd, configured by `curio ssh-config`, driven in tmux through `ssh -tt`.
/// Needs root (CI runs as root; see `SSHServer`) and openssh-server, which `.ci/run` installs: a
/// missing sshd fails the test rather than skipping it.
@Suite(.serialized) struct SSHEndToEndTests {
    static let isRoot = getuid() == 0

    func session(_ server: SSHServer, _ name: String, user: String, key: String?, command: [String] = []) throws -> TmuxSession {
        try TmuxSession(name: name, width: 100, height: 30, command: SSHServer.ssh,
                        arguments: server.sshArguments(user: user, key: key, command: command))
    }

    /// Adds the first search hit for "mug" to the cart and walks checkout up to the review step.
    func fillCartAndReview(_ tmux: TmuxSession, email: String) throws {
        try tmux.tmux("send-keys", "-t", tmux.name, "/")
        try tmux.waitFor("Search:")
        try tmux.tmux("send-keys", "-t", tmux.name, "-l", "mug")
        try tmux.waitFor("Results for “mug”")
        try tmux.tmux("send-keys", "-t", tmux.name, "Enter")
        try tmux.waitFor("a Add to cart")
        try tmux.tmux("send-keys", "-t", tmux.name, "a")
        try tmux.waitFor("cart 1")
        try tmux.tmux("send-keys", "-t", tmux.name, "c")
        try tmux.waitFor("Enter Checkout")
        try tmux.tmux("send-keys", "-t", tmux.name, "Enter")
        try tmux.waitFor("Where should we send the receipt?")
        try tmux.tmux("send-keys", "-t", tmux.name, "-l", email)
        try tmux.tmux("send-keys", "-t", tmux.name, "Enter")
        for (text, key) in [("Ada Lovelace", "Tab"), ("1 Analytical Way", "Tab"), ("Springfield", "Tab"), ("", "Tab"), ("12345", "Tab"), ("US", "Enter")] {
            if !text.isEmpty { try tmux.tmux("send-keys", "-t", tmux.name, "-l", text) }
            try tmux.tmux("send-keys", "-t", tmux.name, key)
        }
        try tmux.tmux("send-keys", "-t", tmux.name, "Enter")  // the first shipping method
        try tmux.tmux("send-keys", "-t", tmux.name, "Enter")  // card
        try tmux.waitFor("4242 4242 4242 4242 is paid")
        for (text, key) in [("4242 4242 4242 4242", "Tab"), ("12/40", "Tab"), ("123", "Enter")] {
            try tmux.tmux("send-keys", "-t", tmux.name, "-l", text)
            try tmux.tmux("send-keys", "-t", tmux.name, key)
        }
        try tmux.waitFor("Review your order")
    }

    /// The session lines curio.log holds so far.
    func sessionLines(_ server: SSHServer) -> [[String: Any]] {
        let text = (try? String(contentsOfFile: server.shopFolder + "/curio.log", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }.filter { $0["event"] as? String == "ssh.session" }
    }

    @Test(.enabled(if: isRoot, "creates system accounts and runs sshd: needs root (CI runs as root)"))
    func shoppersAreTheirKeysOverARealSSHServer() throws {
        let server = try SSHServer()
        defer { server.stop() }
        let alice = try server.clientKey("alice"), bob = try server.clientKey("bob"), crew = try server.clientKey("crew")

        // Alice's key: browse, fill the cart, place an order.
        let first = try session(server, "alice", user: SSHServer.shopUser, key: alice)
        defer { first.kill() }
        try first.waitFor("Categories", seconds: 60)
        let fingerprint = try SSHTestKeys.fingerprint(alice)
        try first.waitFor("SSH \(fingerprint.prefix(15))")
        try fillCartAndReview(first, email: "alice@example.com")
        try first.tmux("send-keys", "-t", "alice", "Enter")
        let placed = try first.waitFor("is placed.")
        let number = try #require(placed.split(separator: "#").dropFirst().first?.prefix { $0.isNumber })
        try first.tmux("send-keys", "-t", "alice", "q")
        try first.waitFor("CURIO-EXIT:0")

        // The same key again, straight to its orders (a deep link): the order is there, under the email given at checkout.
        let again = try session(server, "again", user: SSHServer.shopUser, key: alice, command: ["orders"])
        defer { again.kill() }
        try again.waitFor("#\(number)", seconds: 30)
        try again.waitFor("alice@example.com")
        try again.tmux("send-keys", "-t", "again", "C-c")
        try again.waitFor("CURIO-EXIT:0")

        // Another key is another shopper: no orders.
        let other = try session(server, "bob", user: SSHServer.shopUser, key: bob, command: ["orders"])
        defer { other.kill() }
        let bobs = try other.waitFor("No orders yet.", seconds: 30)
        #expect(!bobs.contains("#\(number)"))
        try other.tmux("send-keys", "-t", "bob", "C-c")
        try other.waitFor("CURIO-EXIT:0")

        // The guest entrance: no password, no account, nobody's orders (only a lookup by number and email).
        let guest = try session(server, "guest", user: SSHServer.guestUser, key: nil, command: ["orders"])
        defer { guest.kill() }
        let guestScreen = try guest.waitFor("Order number", seconds: 30)
        #expect(!guestScreen.contains("#\(number)") && guestScreen.contains("guest"))
        try guest.tmux("send-keys", "-t", "guest", "C-c")
        try guest.waitFor("CURIO-EXIT:0")

        // A command outside the allowlist opens the home screen and is logged.
        let odd = try session(server, "odd", user: SSHServer.shopUser, key: bob, command: ["sh", "-c", "id"])
        defer { odd.kill() }
        try odd.waitFor("Categories", seconds: 30)
        try odd.tmux("send-keys", "-t", "odd", "q")
        try odd.waitFor("CURIO-EXIT:0")
        let log = (try? String(contentsOfFile: server.shopFolder + "/curio.log", encoding: .utf8)) ?? ""
        #expect(log.contains("\"event\":\"ssh.link_refused\""))

        // The staff account: a shopper's key is refused by sshd itself; a key linked to a staff account gets in,
        // straight into the back office without a password (never the shop as staff).
        let refused = try session(server, "refused", user: SSHServer.staffUser, key: alice)
        defer { refused.kill() }
        try refused.waitFor("CURIO-EXIT:255", seconds: 30)
        try SSHServer.check(runCurio(["--db", server.db, "user", "add-key", "staff@curio.shop", crew + ".pub"], executable: server.bin), "add-key")
        let staff = try session(server, "staff", user: SSHServer.staffUser, key: crew)
        defer { staff.kill() }
        let staffScreen = try staff.waitFor("Curio back office", seconds: 30)
        #expect(staffScreen.contains("staff@curio.shop"))
        #expect(!staffScreen.contains("Categories"))
        try staff.tmux("send-keys", "-t", "staff", "q")
        try staff.waitFor("CURIO-EXIT:0", seconds: 30)

        // One JSON line per session: fingerprint, TERM, size, duration, how it ended.
        let lines = sessionLines(server)
        let alices = lines.filter { $0["fingerprint"] as? String == fingerprint }
        #expect(alices.count == 2)
        #expect(alices.allSatisfy { $0["ended"] as? String == "quit" && $0["columns"] as? Int == 100 && $0["rows"] as? Int == 30 })
        #expect(alices.allSatisfy { ($0["term"] as? String ?? "").isEmpty == false && $0["duration_ms"] is Int })
        #expect(try runCurio(["--db", server.db, "doctor"], executable: server.bin).status == 0)
    }

    @Test(.enabled(if: isRoot, "creates system accounts and runs sshd: needs root (CI runs as root)"))
    func killingTheClientMidCheckoutLeavesTheShopConsistent() throws {
        let server = try SSHServer()
        defer { server.stop() }
        let key = try server.clientKey("quitter")
        let fingerprint = try SSHTestKeys.fingerprint(key)
        let tmux = try session(server, "quitter", user: SSHServer.shopUser, key: key)
        try tmux.waitFor("Categories", seconds: 60)
        try fillCartAndReview(tmux, email: "quitter@example.com")
        // Place, and kill the client at once (tmux hangs up on ssh): the server side gets SIGHUP.
        try tmux.tmux("send-keys", "-t", "quitter", "Enter")
        tmux.kill()
        // The session's process ends within a few seconds, and says so in its log line.
        // (The bound is generous because the whole suite may be loading both cores; alone it takes < 1 s.)
        let deadline = Date().addingTimeInterval(30)
        var ended: [String: Any]?
        while Date() < deadline, ended == nil {
            ended = sessionLines(server).first { $0["fingerprint"] as? String == fingerprint }
            if ended == nil { usleep(50_000) }
        }
        let line = try #require(ended, "no session line after the client was killed; sshd says: \(server.log.suffix(2000))")
        #expect(["hangup", "disconnected", "quit"].contains(line["ended"] as? String ?? ""), "\(line)")
        let doctor = try runCurio(["--db", server.db, "doctor"], executable: server.bin)
        #expect(doctor.status == 0, "\(doctor.stdout)")
    }
}
