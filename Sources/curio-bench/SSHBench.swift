@_spi(Storage) import Commerce
import Foundation

/// The `ssh` group: 20 scripted shoppers at once through a real sshd (configured by `curio
/// ssh-config`), each `ssh -tt` on its own pseudo-terminal, against one demo shop whose first
/// "mug" has less stock than there are shoppers; beside it the same script on local pseudo-terminals
/// running sshd's `curio --ssh` command directly (the anchor). Needs root and sshd; otherwise one row says why.
func sshBenchRows(curio: String?) -> [BenchRow] {
    if let why = SSHBenchServer.unavailable { return [("ssh: skipped, \(why)", "-", 0, 0, "-")] }
    // A closed pipe on stdout or stderr (`| head`) must not kill the bench before it removes its accounts and sshd.
    signal(SIGPIPE, SIG_IGN)
    let binary = curio ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent()
        .appendingPathComponent("curio").path
    do {
        let server = try SSHBenchServer(curio: binary)
        defer { server.stop() }
        let logins = try (0..<SSHBench.sessions).map { server.sshArguments(key: try server.clientKey("shopper\($0)")) }
        let ssh = try SSHBench(bin: server.bin, db: server.db, label: "ssh").run { i in
            try ScriptedTerminal(path: SSHBenchServer.ssh, arguments: logins[i], environment: SSHBench.environment())
        }
        // The anchor: the same curio command sshd runs (`--ssh`, the key named by $SSH_USER_AUTH as sshd
        // writes it), straight on a local pseudo-terminal: only sshd and ssh are left out.
        let bin = server.bin, anchorDB = server.work + "/local.db"
        try runChecked(bin, ["--db", anchorDB, "seed"])
        let auths = try (0..<SSHBench.sessions).map { i in
            let key = try server.clientKey("local\(i)")
            let words = try String(contentsOfFile: key + ".pub", encoding: .utf8).split(separator: " ").prefix(2)
            try Data(("publickey " + words.joined(separator: " ") + "\n").utf8).write(to: URL(fileURLWithPath: key + ".auth"))
            return key + ".auth"
        }
        let local = try SSHBench(bin: bin, db: anchorDB, label: "local pty (anchor)").run { i in
            var environment = SSHBench.environment()
            environment["SSH_USER_AUTH"] = auths[i]
            return try ScriptedTerminal(path: bin, arguments: ["--db", anchorDB, "--ssh"], environment: environment)
        }
        return ssh + local
    } catch {
        return [("ssh bench failed: \(error)", "-", 0, 0, "-")]
    }
}

/// One run of the script in `sessions` sessions at once, and the checks on the shop afterwards.
private struct SSHBench {
    static let sessions = 20
    /// The stock the bought variant gets before the run: fewer than the shoppers, so some must be refused.
    static let stock = 15
    static let sku = "TAB-052-01"

    let bin: String
    let db: String
    let label: String

    static func environment() -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["CURIO_DB"] = nil
        return environment
    }

    func run(launch: @escaping @Sendable (Int) throws -> ScriptedTerminal) throws -> [BenchRow] {
        try runChecked(bin, ["--db", db, "product", "stock", Self.sku, "--set", String(Self.stock)])
        let store = try Store(path: db)
        let lastOrder = try store.db.scalarInt("SELECT coalesce(max(id), 0) FROM orders") ?? 0
        let stockBefore = try store.db.scalarInt("SELECT sum(stock) FROM variants") ?? 0
        let results = ResultBox()
        let atReview = DispatchGroup(), go = DispatchSemaphore(value: 0), done = DispatchGroup(), end = DispatchSemaphore(value: 0)
        for i in 0..<Self.sessions {
            atReview.enter()
            done.enter()
            let thread = Thread {
                var result = ShopperResult(email: "shopper\(i)@example.com")
                var reachedReview = false
                do {
                    let terminal = try launch(i)
                    reachedReview = ShopperScript.untilReview(terminal, into: &result)
                    atReview.leave()
                    go.wait()
                    if reachedReview { ShopperScript.place(terminal, into: &result) }
                    results.add(result)
                    done.leave()
                    end.wait()
                    terminal.stop()
                } catch {
                    result.failedAt = "start: \(error)"
                    atReview.leave()
                    results.add(result)
                    done.leave()
                }
                results.finished()
            }
            thread.start()
        }
        atReview.wait()
        let memory = sessionMemory()
        for _ in 0..<Self.sessions { go.signal() }
        done.wait()
        for _ in 0..<Self.sessions { end.signal() }
        results.waitUntilFinished(Self.sessions)
        waitUntilSessionsEnded()
        return try rows(results.all, memory: memory, store: store, lastOrder: lastOrder, stockBefore: stockBefore)
    }

    private func rows(_ results: [ShopperResult], memory: [Double], store: Store, lastOrder: Int64, stockBefore: Int64) throws -> [BenchRow] {
        let placed = results.filter { $0.order != nil }, refused = results.filter(\.refused)
        var wrong: [String] = []
        for result in placed {
            guard let number = result.order else { continue }
            // One line of one unit, paid by card, under the email typed at checkout.
            let right = try store.db.scalarInt("""
                SELECT count(*) FROM orders o WHERE o.number = ? AND o.email = ? AND o.payment_status = 'paid'
                AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id AND l.quantity = 1 AND l.line_total = o.subtotal) = 1
                AND (SELECT count(*) FROM order_lines l WHERE l.order_id = o.id) = 1
                """, Int64(number), result.email) ?? 0
            if right != 1 { wrong.append("#\(number)") }
        }
        let newOrders = try store.db.scalarInt("SELECT count(*) FROM orders WHERE id > ?", lastOrder) ?? 0
        let sold = try store.db.scalarInt("SELECT coalesce(sum(quantity), 0) FROM order_lines WHERE order_id > ?", lastOrder) ?? 0
        let stockAfter = try store.db.scalarInt("SELECT sum(stock) FROM variants") ?? 0
        let negative = try store.db.scalarInt("SELECT count(*) FROM variants WHERE stock < 0") ?? 0
        let left = try store.db.scalarInt("SELECT stock FROM variants WHERE sku = ?", Self.sku) ?? -1
        let doctor = try runProgram(bin, ["--db", db, "doctor"]).status
        let failures = results.compactMap(\.failedAt)
        var verdict = "\(placed.count) placed + \(refused.count) refused (stock \(Self.stock)); orders in shop \(newOrders) == reported \(placed.count)"
        verdict += newOrders == placed.count ? " ok" : " MISMATCH"
        verdict += "; stock \(Self.stock)→\(left), sold \(sold) == stock drop \(stockBefore - stockAfter)"
        verdict += sold == stockBefore - stockAfter && negative == 0 && left >= 0 && placed.count <= Self.stock ? " ok" : " OVERSOLD"
        verdict += wrong.isEmpty ? "; every order right" : "; WRONG orders \(wrong.joined(separator: " "))"
        verdict += doctor == 0 ? "; doctor clean" : "; DOCTOR exit \(doctor)"
        if let first = failures.first { verdict += "; \(failures.count) failed, e.g. \(first)" }
        var starts = Samples(), keys = Samples(), places = Samples()
        for result in results {
            if let first = result.firstFrame { starts.add(first) }
            result.keys.forEach { keys.add($0) }
            if let place = result.placeMicros { places.add(place) }
        }
        let size = "\(Self.sessions) sessions, demo shop"
        let average = memory.isEmpty ? 0 : memory.reduce(0, +) / Double(memory.count)
        return [
            ("\(label): shoppers search, open, add, check out at once", size, 0, 0, verdict),
            ("\(label): connect → first frame", size, starts.percentile(0.5), starts.percentile(0.99), "\(starts.values.count) sessions"),
            ("\(label): key → frame with the expected text", size, keys.percentile(0.5), keys.percentile(0.99), "\(keys.values.count) keys"),
            ("\(label): place order → confirmation or refusal", size, places.percentile(0.5), places.percentile(0.99), "\(places.values.count) orders"),
            ("\(label): resident memory per curio session process", "at review, VmRSS", 0, 0,
             String(format: "%.1f MiB mean, %.1f–%.1f, %d processes", average, memory.min() ?? 0, memory.max() ?? 0, memory.count)),
        ]
    }

    /// VmRSS in MiB of every `curio` process on this database (for ssh: the ones sshd started).
    private func sessionMemory() -> [Double] {
        sessionProcesses().compactMap { pid in
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
                  let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return nil }
            return kib / 1024
        }
    }

    /// The pids whose command line is `bin --db db …`.
    private func sessionProcesses() -> [Int] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int.init).filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let words = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.count >= 3 && words[0] == bin && words[1] == "--db" && words[2] == db
        }
    }

    /// Waits (up to 30 s) until no session process is left, so `doctor` sees the finished shop.
    private func waitUntilSessionsEnded() {
        let deadline = Date().addingTimeInterval(30)
        while !sessionProcesses().isEmpty && Date() < deadline { usleep(50_000) }
    }
}

/// What one scripted shopper saw and measured.
struct ShopperResult: Sendable {
    let email: String
    var firstFrame: Double?
    var keys: [Double] = []
    var placeMicros: Double?
    var order: Int?
    var refused = false
    var failedAt: String?

    init(email: String) { self.email = email }
}

/// The shopper's script: search "mug", open the first hit, add it, check out with a test card.
enum ShopperScript {
    /// Steps to the review screen; false (with `failedAt` set) when a screen did not come.
    static func untilReview(_ terminal: ScriptedTerminal, into result: inout ShopperResult) -> Bool {
        guard let first = terminal.wait(for: ["Categories"], since: DispatchTime.now().uptimeNanoseconds, timeoutSeconds: 60) else {
            result.failedAt = "first frame"
            return false
        }
        result.firstFrame = first.micros
        // (keys, the text the next screen shows, whether it is one key whose latency counts)
        let address = "Ada Lovelace\t1 Analytical Way\tSpringfield\t\t12345\tUS\r"
        let steps: [(String, String, Bool)] = [
            ("/", "Search:", true), ("mug", "for “mug”", false), ("\r", "Add to cart", true), ("a", "to the cart", true),
            ("c", "Totals", true), ("\r", "Where should we send the receipt?", true),
            (result.email + "\r" + address + "\r\r", "4242 4242 4242 4242 is paid", false),
            ("4242 4242 4242 4242\t12/40\t123\r", "Review your order", false),
        ]
        for (keys, marker, timed) in steps {
            guard let shown = terminal.send(keys, expect: [marker]) else {
                result.failedAt = "waiting for \(marker)"
                let seen = String(decoding: terminal.text.suffix(400), as: UTF8.self)
                FileHandle.standardError.write(Data("curio-bench: no “\(marker)” after \(keys.debugDescription); the screen drew: \(seen.debugDescription)\n".utf8))
                return false
            }
            if timed { result.keys.append(shown.micros) }
        }
        return true
    }

    /// Places the order: the confirmation with its number, or a refusal for stock.
    static func place(_ terminal: ScriptedTerminal, into result: inout ShopperResult) {
        guard let shown = terminal.send("\r", expect: ["is placed.", "left", "sold out"]) else {
            result.failedAt = "waiting for the order to be placed"
            return
        }
        result.placeMicros = shown.micros
        guard shown.marker == "is placed." else { result.refused = true; return }
        let text = String(decoding: terminal.text, as: UTF8.self)
        guard let end = text.range(of: " is placed."), let hash = text[..<end.lowerBound].lastIndex(of: "#"),
              let number = Int(text[text.index(after: hash)..<end.lowerBound]) else {
            result.failedAt = "no order number on the confirmation"
            return
        }
        result.order = number
    }
}

/// The shoppers' results, collected from their threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSCondition()
    private var results: [ShopperResult] = []
    private var ended = 0

    func add(_ result: ShopperResult) { lock.lock(); results.append(result); lock.unlock() }
    func finished() { lock.lock(); ended += 1; lock.broadcast(); lock.unlock() }
    var all: [ShopperResult] { lock.lock(); defer { lock.unlock() }; return results }

    func waitUntilFinished(_ count: Int) {
        lock.lock()
        while ended < count { lock.wait() }
        lock.unlock()
    }
}
