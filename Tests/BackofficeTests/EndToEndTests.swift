import CurioTestSupport
import Foundation
import Testing

/// The real `curio admin` in a private tmux server: the demo admin signs in, an order placed by
/// another process (`curio order place`) a moment later appears in the queue without a key press,
/// and the admin ships it with a carrier and tracking number — on a SQLite file, and on PostgreSQL as
/// two front hosts sharing one server would (the order reaches the admin through LISTEN/NOTIFY).
@Suite(.serialized) struct EndToEndTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A seeded demo shop in a temporary folder with `curio admin` running on it in tmux session
    /// `name`, the sign-in filled in with `email` and `password` and sent.
    struct AdminRun {
        let directory: URL
        let curio: String
        let db: String
        let tmux: TmuxSession
        /// The PostgreSQL database, when the shop is on one; dropped when the run is.
        let postgres: PostgresTestDatabase?

        init(name: String, width: Int, height: Int, email: String, password: String, postgres: Bool = false) throws {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-admin-e2e-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            curio = try builtProduct("curio", packageRoot: EndToEndTests.repositoryRoot)
            self.postgres = postgres ? try PostgresTestServer.shared().makeDatabase() : nil
            db = self.postgres?.uri ?? directory.appendingPathComponent("shop.db").path
            try runProgram(curio, ["--db", db, "seed"])
            tmux = try TmuxSession(name: name, width: width, height: height, directory: directory.path, environment: ["CURIO_DB": db, "XDG_STATE_HOME": directory.path],
                                   command: curio, arguments: ["admin"])
            try tmux.waitFor("Sign in with a staff or admin", seconds: 60)
            try tmux.tmux("send-keys", "-t", name, "-l", email)
            try tmux.tmux("send-keys", "-t", name, "Tab")
            try tmux.tmux("send-keys", "-t", name, "-l", password)
            try tmux.tmux("send-keys", "-t", name, "Enter")
        }

        /// Stops tmux and removes the folder.
        func finish() {
            tmux.kill()
            try? FileManager.default.removeItem(at: directory)
        }
    }

    @Test(arguments: ["sqlite", "postgres"])
    func theAdminFulfilsAnOrderAnotherProcessJustPlaced(_ backend: String) throws {
        let name = "admin-\(backend)"
        let run = try AdminRun(name: name, width: 120, height: 40, email: "admin@curio.shop", password: "curio-admin",
                               postgres: backend == "postgres")
        defer { run.finish() }
        let tmux = run.tmux, curio = run.curio, db = run.db
        try tmux.waitFor("admin@curio.shop · admin", seconds: 30)
        try tmux.waitFor("Awaiting fulfilment")
        try tmux.tmux("send-keys", "-t", name, "2", "Tab")
        let before = try tmux.waitFor("Processing · oldest first")
        let waiting = try #require(EndToEndTests.count(of: "Processing", in: before))

        // Another process places a paid card order; the queue's count goes up with no key pressed.
        let placed = try runProgram(curio, ["--db", db, "order", "place", "--as", "shopper@curio.shop", "--item", "FIT-216:1",
                                            "--card", "4242424242424242", "--exp", "12/39", "--cvc", "123", "--json"])
        let number = try #require(EndToEndTests.orderNumber(in: placed))
        try tmux.waitUntil("the processing count is \(waiting + 1)") { EndToEndTests.count(of: "Processing", in: $0) == waiting + 1 }

        // Find it, ship it, confirm.
        try tmux.tmux("send-keys", "-t", name, "/")
        try tmux.tmux("send-keys", "-t", name, "-l", "#\(number)")
        try tmux.tmux("send-keys", "-t", name, "Enter", "Enter")
        try tmux.waitFor("#\(number) · PROCESSING")
        try tmux.tmux("send-keys", "-t", name, "s")
        try tmux.waitFor("Ship order #\(number)")
        try tmux.tmux("send-keys", "-t", name, "-l", "UPS")
        try tmux.tmux("send-keys", "-t", name, "Tab")
        try tmux.tmux("send-keys", "-t", name, "-l", "1Z42E2E")
        try tmux.tmux("send-keys", "-t", name, "Enter")
        try tmux.waitFor("Ship order #\(number) with UPS, tracking 1Z42E2E?")
        try tmux.tmux("send-keys", "-t", name, "y")
        let shipped = try tmux.waitFor("Tracking: UPS 1Z42E2E")
        #expect(shipped.contains("#\(number) · SHIPPED"))
        try tmux.tmux("send-keys", "-t", name, "q")
        try tmux.waitFor("CURIO-EXIT:0")

        // The shop's own record agrees: shipped by the admin.
        let shown = try runProgram(curio, ["--db", db, "order", "show", String(number), "--json"])
        #expect(shown.contains("SHIPPED"))
        #expect(shown.contains("admin@curio.shop"))
    }

    @Test
    func aCustomerIsRefusedAndNothingOpens() throws {
        let run = try AdminRun(name: "refused", width: 80, height: 24, email: "shopper@curio.shop", password: "curio-shopper")
        defer { run.finish() }
        let tmux = run.tmux
        let screen = try tmux.waitFor("is a customer account", seconds: 30)
        #expect(!screen.contains("Dashboard"))
        try tmux.tmux("send-keys", "-t", "refused", "C-c")
        try tmux.waitFor("CURIO-EXIT:0")
    }

    /// The count in a status tab such as "Processing 34".
    static func count(of status: String, in screen: String) -> Int? {
        guard let range = screen.range(of: #"\#(status) (\d+)"#, options: .regularExpression) else { return nil }
        return Int(screen[range].split(separator: " ").last ?? "")
    }

    /// The order number in `curio order place --json` output.
    static func orderNumber(in json: String) -> Int? {
        guard let data = json.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return object["number"] as? Int
    }
}
