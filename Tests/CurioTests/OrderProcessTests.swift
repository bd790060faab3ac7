import CurioTestSupport
import Foundation
import Testing

/// Where a process test's shop is: a SQLite file, or a database on the tests' PostgreSQL server.
enum ShopBackend: String, CaseIterable, Sendable { case sqlite, postgres }

/// Real processes on one database (a SQLite file, or PostgreSQL as several front hosts would share it):
/// no oversell under contention, nothing half done after SIGKILL.
@Suite(.serialized) struct OrderProcessTests {
    /// A fresh demo store with one product whose only SKU has `stock` units, and an address file; the
    /// PostgreSQL database (when used) lives as long as the returned holder.
    func shop(stock: Int, on backend: ShopBackend) throws -> (TempFolder, String, String, PostgresTestDatabase?) {
        let dir = TempFolder()
        let database = backend == .postgres ? try PostgresTestServer.shared().makeDatabase() : nil
        let db = database?.uri ?? dir.file("shop.db")
        #expect(try runCurio(["--db", db, "seed"]).status == 0)
        #expect(try runCurio(["--db", db, "product", "add", "last-lamp", "--title", "The Last Lamp",
                              "--price", "30.00", "--sku", "LAMP-1", "--stock", String(stock)]).status == 0)
        let address = dir.file("address.json")
        try Data(#"{"name":"Kim Lee","line1":"1 Main St","city":"Portland","region":"OR","postalCode":"97201","country":"US"}"#.utf8)
            .write(to: URL(fileURLWithPath: address))
        return (dir, db, address, database)
    }

    func placeArguments(db: String, address: String, buyer: String, token: String? = nil) -> [String] {
        ["--db", db, "order", "place", "--as", buyer, "--item", "LAMP-1:1", "--card", "4242424242424242", "--exp", "12/39",
         "--cvc", "123", "--address-json", address] + (token.map { ["--token", $0] } ?? [])
    }

    @Test(arguments: ShopBackend.allCases)
    func eightProcessesRacingForTheLastFiftyUnitsSellExactlyFifty(_ backend: ShopBackend) throws {
        let (dir, db, address, database) = try shop(stock: 50, on: backend)
        defer { withExtendedLifetime(database) {} }
        let attemptsEach = 10
        let workers = try (0..<8).map { worker -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            let command = placeArguments(db: db, address: address, buyer: "racer\(worker)@example.com")
                .map { "'\($0)'" }.joined(separator: " ")
            process.arguments = ["-c", "for i in $(seq 1 \(attemptsEach)); do \"$CURIO\" \(command) >>\"$OUT\" 2>>\"$ERR\"; done"]
            process.environment = ["CURIO": Binaries.curio, "OUT": dir.file("out\(worker)"), "ERR": dir.file("err\(worker)"),
                                   "PATH": "/usr/bin:/bin"]
            try process.run()
            return process
        }
        for worker in workers { worker.waitUntilExit() }
        let outputs = (0..<8).map { (try? String(contentsOfFile: dir.file("out\($0)"), encoding: .utf8)) ?? "" }.joined()
        let errors = (0..<8).map { (try? String(contentsOfFile: dir.file("err\($0)"), encoding: .utf8)) ?? "" }.joined()
        let sold = outputs.split(separator: "\n").filter { $0.hasPrefix("Placed order #") }.count
        let refused = errors.split(separator: "\n")
        #expect(sold == 50)
        #expect(refused.count == 8 * attemptsEach - 50)
        #expect(refused.allSatisfy { $0.contains("The Last Lamp is sold out") || $0.contains("only") }, "\(Set(refused))")
        let doctor = try runCurio(["--db", db, "doctor"])
        #expect(doctor.status == 0, "\(doctor.stdout)")
        let product = try runCurio(["--db", db, "product", "show", "last-lamp", "--json"])
        #expect(product.stdout.contains("\"stock\" : 0"))
    }

    @Test(arguments: ShopBackend.allCases)
    func placementsKilledAtRandomMomentsLeaveNothingHalfDone(_ backend: ShopBackend) throws {
        let (dir, db, address, database) = try shop(stock: 40, on: backend)
        defer { withExtendedLifetime((dir, database)) {} }
        var generator = SystemRandomNumberGenerator()
        for attempt in 0..<30 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binaries.curio)
            process.arguments = placeArguments(db: db, address: address, buyer: "crash\(attempt)@example.com", token: "crash-\(attempt)")
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...60_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        // The next start recovers what the killed processes left pending.
        #expect(try runCurio(["--db", db, "order", "recover", "--grace", "0"]).status == 0)
        let doctor = try runCurio(["--db", db, "doctor"])
        #expect(doctor.status == 0, "\(doctor.stdout)")
        let list = try runCurio(["--db", db, "order", "list", "--limit", "1000", "--json"])
        let orders = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        let lamps = orders.filter { ($0["email"] as? String)?.hasPrefix("crash") == true }
        for order in lamps {
            let state = "\(order["status"] ?? "")/\(order["paymentStatus"] ?? "")"
            #expect(state == "PROCESSING/paid" || state == "CANCELLED/failed", "order \(order["number"] ?? ""): \(state)")
        }
        let completed = lamps.filter { ($0["status"] as? String) == "PROCESSING" }.count
        let product = try runCurio(["--db", db, "product", "show", "last-lamp", "--json"])
        #expect(product.stdout.contains("\"stock\" : \(40 - completed)"), "stock equals 40 minus the completed orders")
        // A retry with a killed attempt's token finishes or reports that one order, never a second.
        let retry = try runCurio(placeArguments(db: db, address: address, buyer: "crash0@example.com", token: "crash-0"))
        #expect(retry.status == 0 || retry.stderr.contains("start checkout again"), "\(retry.stderr)")
    }
}

@Suite struct OrderCommandTests {
    @Test func cardDetailsCanComeFromStandardInput() throws {
        let (folder, db, address) = try seededShopWithAddress()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when it goes
        let placed = try runCurio(["--db", db, "order", "place", "--as", "kim@example.com", "--item", "TAB-052-01:1",
                                   "--card-stdin", "--address-json", address, "--json"], stdin: "4242424242424242 12/39 123\n")
        #expect(placed.status == 0, "\(placed.stderr)")
        #expect(placed.stdout.contains("\"paymentStatus\" : \"paid\""))
        let short = try runCurio(["--db", db, "order", "place", "--as", "kim@example.com", "--item", "TAB-052-01:1",
                                  "--card-stdin", "--address-json", address], stdin: "4242\n")
        #expect(short.status == 2 && short.stderr.contains("NUMBER MM/YY CVC"))
        let declined = try runCurio(["--db", db, "order", "place", "--as", "kim@example.com", "--item", "TAB-052-01:1",
                                     "--card-stdin", "--address-json", address, "--json"], stdin: "4000000000000002 12/39 123\n")
        #expect(declined.status == 1)
        #expect(declined.stdout.contains("\"kind\" : \"paymentDeclined\""))
    }
}

/// A seeded demo shop in a new folder and a shipping-address file for `order place --address-json`.
func seededShopWithAddress() throws -> (dir: TempFolder, db: String, address: String) {
    let dir = TempFolder()
    let db = dir.file("shop.db")
    #expect(try runCurio(["--db", db, "seed"]).status == 0)
    let address = dir.file("address.json")
    try Data(#"{"name":"Kim Lee","line1":"1 Main St","city":"Portland","postalCode":"97201","country":"US"}"#.utf8)
        .write(to: URL(fileURLWithPath: address))
    return (dir, db, address)
}

@Suite struct StaffCommandTests {
    @Test func aCheckoutWhoseChargeAnswerWasLostIsSettledByAnotherProcessAskingTheGateway() throws {
        let (dir, db, address) = try seededShopWithAddress()
        func placeUnanswered() throws -> String {
            // The gateway charges this card, but its answer never reaches the checkout.
            let placed = try runCurio(["--db", db, "order", "place", "--as", "kim@example.com", "--item", "TAB-052-01:1",
                                       "--card-stdin", "--address-json", address], stdin: "4000000000000408 12/39 123\n")
            #expect(placed.status == 1 && placed.stderr.contains("did not answer"), "\(placed.stderr)")
            let digits = placed.stderr.split(separator: "#").dropFirst().first?.prefix { $0.isNumber } ?? ""
            return String(digits)
        }
        let first = try placeUnanswered()
        #expect(try runCurio(["--db", db, "order", "show", first]).stdout.contains("PENDING"))
        #expect(FileManager.default.fileExists(atPath: dir.file("test-gateway.jsonl")), "the gateway journals beside the shop")
        let retried = try runCurio(["--db", db, "order", "retry-payment", first])
        #expect(retried.status == 0 && retried.stdout.contains("PROCESSING, payment paid"), "\(retried.stderr)")
        let again = try runCurio(["--db", db, "order", "retry-payment", first])
        #expect(again.status == 1 && again.stderr.contains("not waiting for a card payment"))
        // Recovery asks the gateway too, so a charged order is paid, not cancelled.
        let second = try placeUnanswered()
        let recovered = try runCurio(["--db", db, "order", "recover", "--grace", "0"])
        #expect(recovered.stdout.contains("Settled 1 interrupted checkouts: #\(second) (paid)"), "\(recovered.stdout)")
        #expect(try runCurio(["--db", db, "doctor"]).status == 0)
    }

    @Test func anOrderGoesThroughItsLifeFromTheCommandLine() throws {
        let (folder, db, address) = try seededShopWithAddress()
        defer { withExtendedLifetime(folder) {} }  // the folder is removed when it goes
        let cod = try runCurio(["--db", db, "order", "place", "--as", "kim@example.com", "--item", "TAB-052-01:2",
                                "--pay-on-delivery", "--address-json", address, "--json"])
        let number = try #require((try JSONSerialization.jsonObject(with: Data(cod.stdout.utf8)) as? [String: Any])?["number"] as? Int)
        let n = String(number)
        #expect(try runCurio(["--db", db, "order", "ship", n, "--carrier", "UPS", "--tracking", "1Z"]).stderr
            .contains("an order that is PENDING cannot become SHIPPED"))
        #expect(try runCurio(["--db", db, "order", "process", n]).stdout.contains("PROCESSING, payment pending"))
        #expect(try runCurio(["--db", db, "order", "pay", n]).stdout.contains("payment paid"))
        let untracked = try runCurio(["--db", db, "order", "ship", n, "--carrier", "UPS"])
        #expect(untracked.status == 2 && untracked.stderr.contains("--tracking is required"), "tracking is required")
        #expect(try runCurio(["--db", db, "order", "ship", n, "--carrier", "UPS", "--tracking", "1Z999"]).stdout.contains("SHIPPED"))
        #expect(try runCurio(["--db", db, "order", "refund", n, "--amount", "abc"]).status == 2)
        #expect(try runCurio(["--db", db, "order", "refund", n, "--amount", "5.00", "--reason", "dented"]).stdout
            .contains("partially_refunded"))
        #expect(try runCurio(["--db", db, "order", "deliver", n]).stdout.contains("DELIVERED"))
        #expect(try runCurio(["--db", db, "order", "cancel", n]).stderr.contains("cannot change any more"))
        let shown = try runCurio(["--db", db, "order", "show", "#\(n)"])
        for line in ["shipped with UPS, tracking 1Z999", "refunded $5.00 (dented)", "delivered"] {
            #expect(shown.stdout.contains(line), "timeline has \(line)")
        }
        #expect(try runCurio(["--db", db, "order", "list", "--status", "DELIVERED"]).stdout.contains("#\(n)"))
        #expect(try runCurio(["--db", db, "order", "show", "99999"]).stderr.contains("no order #99999"))
        #expect(try runCurio(["--db", db, "order", "show", "x"]).status == 2)
        #expect(try runCurio(["--db", db, "doctor"]).status == 0)
    }

    @Test func rolesAndAccessFromTheCommandLine() throws {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        #expect(try runCurio(["--db", db, "user", "list"]).stderr.contains("no shop database there"), "never creates a shop")
        #expect(try runCurio(["--db", db, "init"]).status == 0)
        #expect(try runCurio(["--db", db, "init"]).status == 1, "init refuses a file that is there")
        #expect(try runCurio(["--db", db, "user", "add", "kim@example.com", "--name", "Kim", "--password-stdin"],
                             stdin: "a-long-password\n").status == 0)
        #expect(try runCurio(["--db", db, "user", "set-role", "kim@example.com", "staff"]).stdout.contains("is now staff"))
        #expect(try runCurio(["--db", db, "user", "set-role", "kim@example.com", "root"]).status == 2)
        #expect(try runCurio(["--db", db, "user", "disable", "kim@example.com"]).stdout.contains("disabled"))
        #expect(try runCurio(["--db", db, "user", "list"]).stdout.contains("disabled"))
        #expect(try runCurio(["--db", db, "user", "enable", "kim@example.com"]).stdout.contains("enabled"))
        #expect(try runCurio(["--db", db, "user", "disable", "nobody@example.com"]).stderr.contains("no account with email"))
        #expect(try runCurio(["--db", db, "user", "add", "kim@example.com", "--name", "Kim"]).stderr.contains("already exists"))
    }
}

/// The most tries the throttle may allow in a race that took `seconds` from the first start to the
/// last exit: three free failures, the fourth sets a 1 s wait, then 2 s, 4 s…; so four tries when the
/// race takes under a second, one more for each wait a loaded machine lets run out.
func throttleAllowance(racingFor seconds: Double) -> Int {
    var tries = 4, waited = 0.0, wait = 1.0
    while waited + wait <= seconds {
        waited += wait
        wait *= 2
        tries += 1
    }
    return tries
}

/// Declined cards from many real processes at once share one allowance per shopper.
@Suite(.serialized) struct CheckoutRaceTests {
    @Test func eightProcessesDecliningACardAtOnceGetOnlyTheAllowedTries() throws {
        let (dir, db, address, _) = try OrderProcessTests().shop(stock: 50, on: .sqlite)
        let started = Date()
        let processes = try (0..<8).map { index -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binaries.curio)
            process.arguments = ["--db", db, "order", "place", "--as", "tester@example.com", "--item", "LAMP-1:1",
                                 "--card", "4000000000000002", "--exp", "12/39", "--cvc", "123", "--address-json", address]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            _ = FileManager.default.createFile(atPath: dir.file("race\(index)"), contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.file("race\(index)")))
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        let elapsed = Date().timeIntervalSince(started)
        let errors = try (0..<8).map { try String(contentsOfFile: dir.file("race\($0)"), encoding: .utf8) }
        let declined = errors.filter { $0.contains("declined") }.count
        let throttled = errors.filter { $0.contains("too many failed attempts") }.count
        #expect(declined + throttled == 8, "\(errors)")
        #expect(declined <= throttleAllowance(racingFor: elapsed), "\(declined) processes got to try the card in \(elapsed) s")
        #expect(try runCurio(["--db", db, "doctor"]).status == 0)
    }
}
