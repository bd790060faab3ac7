@_spi(Storage) import Commerce
import Foundation
import Testing

/// The back office from the command line: exports, reports and the OS user as the actor.
@Suite struct BackofficeCommandTests {
    /// A fresh demo store.
    func demo() throws -> (TempFolder, String) {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        let seeded = try runCurio(["--db", db, "seed"])
        #expect(seeded.status == 0, "\(seeded.stderr)")
        return (dir, db)
    }

    func jsonArray(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    @Test func exportOrdersFiltersByStatusAndDayInCSVAndJSON() throws {
        let (dir, db) = try demo()
        let shipped = try runCurio(["--db", db, "export", "orders", "--status", "shipped", "--format", "json"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        let rows = try jsonArray(shipped.stdout)
        #expect(!rows.isEmpty && rows.allSatisfy { $0["status"] as? String == "SHIPPED" })
        let listed = try runCurio(["--db", db, "order", "list", "--status", "SHIPPED", "--limit", "100000", "--json"])
        #expect(try jsonArray(listed.stdout).count == rows.count)

        let today = CivilDay(milliseconds: Int64(Date().timeIntervalSince1970 * 1000))
        let week = try runCurio(["--db", db, "export", "orders", "--since", today.adding(-6).description, "--until", today.description,
                                 "--output", dir.file("week.csv")])
        #expect(week.status == 0, "\(week.stderr)")
        let lines = try String(contentsOfFile: dir.file("week.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == Substring(OrderExportRow.columns.joined(separator: ",")))
        #expect(week.stderr == "Exported \(lines.count - 1) orders to \(dir.file("week.csv")).\n")
        let days = lines.dropFirst().map { String($0.split(separator: ",")[1].prefix(10)) }
        #expect(!days.isEmpty && days.allSatisfy { $0 >= today.adding(-6).description && $0 <= today.description })
        let sales = try runCurio(["--db", db, "report", "sales", "--days", "7", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(sales.stdout.utf8)) as? [String: Any])
        #expect(report["orders"] as? Int == days.count - lines.dropFirst().filter { $0.contains(",failed,") }.count)
    }

    @Test func wrongExportArgumentsAreUsageErrors() throws {
        let (dir, db) = try demo()
        defer { withExtendedLifetime(dir) {} }
        #expect(try runCurio(["--db", db, "export", "orders", "--format", "xml"]).status == 2)
        #expect(try runCurio(["--db", db, "export", "orders", "--since", "2026-02-30"]).status == 2)
        #expect(try runCurio(["--db", db, "export", "orders", "--since", "2026-03-02", "--until", "2026-03-01"]).status == 2)
        #expect(try runCurio(["--db", db, "export", "orders", "--status", "LOST"]).status == 2)
        #expect(try runCurio(["--db", db, "report", "stock"]).status == 2, "--low is required")
        #expect(try runCurio(["--db", db, "report", "sales", "--days", "0"]).status == 2)
        let missing = try runCurio(["--db", db + ".missing", "export", "customers"])
        #expect(missing.status == 1 && !FileManager.default.fileExists(atPath: db + ".missing"))
    }

    @Test func customerExportsAreSafeToOpenInASpreadsheet() throws {
        let (dir, db) = try demo()
        let added = try runCurio(["--db", db, "user", "add", "eve@example.com", "--name", "=HYPERLINK(\"http://x\",\"click\")",
                                  "--password-stdin"], stdin: "correct horse battery\n")
        #expect(added.status == 0, "\(added.stderr)")
        let csv = try runCurio(["--db", db, "export", "customers", "--output", dir.file("c.csv")])
        #expect(csv.status == 0, "\(csv.stderr)")
        let text = try String(contentsOfFile: dir.file("c.csv"), encoding: .utf8)
        let eve = try #require(text.split(separator: "\n").first { $0.contains("eve@example.com") })
        #expect(eve.contains(#","'=HYPERLINK(""http://x"",""click"")","#), "\(eve)")
        let json = try runCurio(["--db", db, "export", "customers", "--format", "json"])
        let rows = try jsonArray(json.stdout)
        #expect(rows.contains { $0["name"] as? String == "=HYPERLINK(\"http://x\",\"click\")" }, "JSON keeps the text as it is")
        #expect(rows.allSatisfy { $0["role"] as? String == "customer" })
    }

    @Test func salesAndLowStockReportsReadTheSummaries() throws {
        let (dir, db) = try demo()
        defer { withExtendedLifetime(dir) {} }
        let sales = try runCurio(["--db", db, "report", "sales", "--days", "30"])
        #expect(sales.status == 0, "\(sales.stderr)")
        let lines = sales.stdout.split(separator: "\n")
        #expect(lines.count == 32, "a header, 30 days and the total")
        #expect(lines.first?.hasPrefix("DAY") == true && lines.last?.hasPrefix("total") == true)
        let json = try runCurio(["--db", db, "report", "sales", "--days", "30", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let days = try #require(report["days"] as? [[String: Any]])
        #expect(days.count == 30)
        #expect(days.reduce(0) { $0 + ($1["orders"] as? Int ?? 0) } == report["orders"] as? Int)
        let low = try runCurio(["--db", db, "report", "stock", "--low", "--json"])
        #expect(low.status == 0)
        let items = try jsonArray(low.stdout)
        #expect(!items.isEmpty && items.allSatisfy { ($0["stock"] as? Int ?? 0) <= ($0["threshold"] as? Int ?? -1) })
    }

    @Test func staffCommandsRecordTheOSUserInTheTimelineAndTheAuditLog() throws {
        let (dir, db) = try demo()
        defer { withExtendedLifetime(dir) {} }
        let listed = try runCurio(["--db", db, "order", "list", "--status", "PROCESSING", "--limit", "1", "--json"])
        let number = try #require(try jsonArray(listed.stdout).first?["number"] as? Int)
        let shipped = try runCurio(["--db", db, "order", "ship", String(number), "--carrier", "UPS", "--tracking", "1ZCLI"],
                                   environment: ["USER": "kim"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        let show = try runCurio(["--db", db, "order", "show", String(number)])
        #expect(show.stdout.contains("cli:kim: shipped with UPS, tracking 1ZCLI"), "\(show.stdout)")
        let store = try Store(path: db)
        let entry = try #require(try store.auditTrail.entries(AuditFilter(kind: "order.shipped"), limit: 1, as: .system).first)
        #expect(entry.actor == "cli:kim" && entry.detail["number"] == String(number))
    }

    @Test func anUnpaidCardOrderIsRefusedAtTheCommandLineWithTheRemedy() throws {
        let (dir, db) = try demo()
        defer { withExtendedLifetime(dir) {} }
        let store = try Store(path: db)
        let number = try #require(try store.orders.list(status: .processing, limit: 1, as: .system).first?.number)
        // A card order whose charge never came back, as a killed checkout leaves it.
        try store.db.execute("UPDATE orders SET status = 'PENDING', payment_status = 'pending' WHERE number = ?", number)
        let refused = try runCurio(["--db", db, "order", "process", String(number)])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not paid (card payment is pending); retry the payment"), "\(refused.stderr)")
    }
}
