@_spi(Storage) import Commerce
import Foundation
import Testing
@testable import curio

/// `curio search`, `product show` and `category list`, run through the real dispatcher against a real file.
@Suite("CLI: catalog commands")
struct CatalogCommandTests {
    /// Collects what a command prints.
    final class Output: @unchecked Sendable {
        private let lock = NSLock()
        private var outText = ""
        private var errText = ""
        func out(_ text: String) { lock.withLock { outText += text } }
        func err(_ text: String) { lock.withLock { errText += text } }
        var stdout: String { lock.withLock { outText } }
        var stderr: String { lock.withLock { errText } }
    }

    /// A shop file with two categories and three products (one a draft).
    final class Shop {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-cli-catalog-\(UUID().uuidString)")
        var path: String { directory.appendingPathComponent("shop.db").path }

        init() throws {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let db = try Store(path: path).db
            try db.executeScript("""
                INSERT INTO categories(id, parent_id, handle, name) VALUES (1, NULL, 'apparel', 'Apparel'), (2, 1, 'shirts', 'Shirts');
                INSERT INTO products(id, handle, title, description, vendor, category_id, status, option1_name, created_at, updated_at)
                VALUES (1, 'linen-shirt', 'Linen Shirt', 'Breezy.', 'Northwind', 2, 'active', 'Size', 1, 1),
                       (2, 'creme-candle', 'Crème Candle', 'Warm light', 'Kiln', NULL, 'active', NULL, 2, 2),
                       (3, 'secret', 'Linen Secret', '', 'Hidden', 2, 'draft', NULL, 3, 3);
                INSERT INTO variants(id, product_id, sku, option1, price, compare_at_price, created_at, updated_at)
                VALUES (1, 1, 'LS-S', 'S', 4900, 6500, 1, 1), (2, 1, 'LS-M', 'M', 5200, NULL, 1, 1),
                       (3, 2, NULL, NULL, 1500, NULL, 2, 2), (4, 3, NULL, NULL, 100, NULL, 3, 3);
                INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (1, 3, 'import', 1), (2, 20, 'restock', 1);
                """)
        }

        deinit { try? FileManager.default.removeItem(at: directory) }

        func run(_ arguments: String...) -> (status: Int32, stdout: String, stderr: String) { run(arguments) }

        func run(_ arguments: [String]) -> (status: Int32, stdout: String, stderr: String) {
            let output = Output()
            let status = CLI.run(["--db", path] + arguments, environment: [:],
                                 out: { output.out($0) }, err: { output.err($0) })
            return (status, output.stdout, output.stderr)
        }
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func textTableNeverPrintsControlCharactersEvenInHeaders() {
        // `product show` builds headers from option names, which are shop data.
        let text = TextTable.render(header: ["SIZE\u{1B}[2J", "\u{9B}31mCOLOUR"], rows: [["S\u{1B}]0;x\u{7}", "Navy"]])
        #expect(!text.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
        #expect(text.hasPrefix("SIZE\\u{1b}[2J"))
    }

    @Test func aMinusAndDigitsIsAPositionalUnlessAnOptionHasThatName() throws {
        let reason = OptionSpec(name: "--reason", value: "TEXT", help: "")
        let parsed = try ArgumentParser.parse(["SKU", "-3", "--reason", "x"], options: [reason], command: nil)
        #expect(parsed.positionals == ["SKU", "-3"] && parsed.value("--reason") == "x")
        let flagged = try ArgumentParser.parse(["-3"], options: [OptionSpec(name: "-3", value: nil, help: "")], command: nil)
        #expect(flagged.has("-3") && flagged.positionals.isEmpty)
        #expect(throws: UsageError.self) { try ArgumentParser.parse(["-3x"], options: [reason], command: nil) }
        #expect(throws: UsageError.self) { try ArgumentParser.parse(["-"+"-3"], options: [reason], command: nil) }
    }

    @Test func searchPrintsATableAndHidesDrafts() throws {
        let shop = try Shop()
        let result = shop.run("search", "linen")
        #expect(result.status == 0)
        #expect(result.stdout.contains("Linen Shirt"))
        #expect(result.stdout.contains("$49.00–$52.00 (was $65.00)"))
        #expect(!result.stdout.contains("Secret"))
    }

    @Test func searchJSONHasTheDocumentedShape() throws {
        let shop = try Shop()
        let result = shop.run("search", "CREME", "--json")
        #expect(result.status == 0)
        let object = try json(result.stdout)
        #expect(Set(object.keys) == ["query", "currency", "count", "next_cursor", "did_you_mean", "products"])
        #expect(object["count"] as? Int == 1)
        #expect(object["currency"] as? String == "USD")
        #expect(object["next_cursor"] is NSNull)
        let products = try #require(object["products"] as? [[String: Any]])
        let first = try #require(products.first)
        #expect(Set(first.keys) == ["id", "handle", "title", "vendor", "category", "price_min", "price_max",
                                    "compare_at", "stock", "rating", "rating_count"])
        #expect(first["handle"] as? String == "creme-candle")
        #expect(first["price_min"] as? String == "15.00")
        #expect(first["compare_at"] is NSNull)
        #expect(first["stock"] as? Int == 0)
    }

    @Test func searchWithNoMatchSuggestsACorrection() throws {
        let shop = try Shop()
        let text = shop.run("search", "lnen")
        #expect(text.status == 0)
        #expect(text.stdout.contains("Did you mean: linen?"))
        let object = try json(shop.run("search", "lnen", "--json").stdout)
        #expect(object["did_you_mean"] as? String == "linen")
        #expect(object["count"] as? Int == 0)
    }

    @Test func searchFiltersAndPagesFromTheCommandLine() throws {
        let shop = try Shop()
        #expect(try json(shop.run("search", "linen", "--category", "apparel", "--json").stdout)["count"] as? Int == 1)
        #expect(try json(shop.run("search", "candle", "--in-stock", "--json").stdout)["count"] as? Int == 0)
        #expect(try json(shop.run("search", "linen", "--min-price", "50", "--json").stdout)["count"] as? Int == 1)
        #expect(try json(shop.run("search", "linen", "--max-price", "48.99", "--json").stdout)["count"] as? Int == 0)
        let first = try json(shop.run("search", "warm", "light", "--sort", "newest", "--limit", "1", "--json").stdout)
        #expect(first["count"] as? Int == 1)
        let hostile = shop.run("search", "\"; DROP TABLE products;-- NEAR( *", "--json")
        #expect(hostile.status == 0)
        #expect(shop.run("product", "show", "linen-shirt").status == 0)
    }

    @Test(arguments: [["--min-price", "abc"], ["--max-price", "1.2.3"], ["--limit", "0"], ["--limit", "x"],
                      ["--sort", "cheapest"], ["--after", "not-a-cursor"], ["--min-price", "-5"]])
    func badFlagValuesAreUsageErrorsNamingTheFlag(flag: [String]) throws {
        let shop = try Shop()
        let result = shop.run(["search", "linen"] + flag)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("curio: \(flag[0])"))
        #expect(result.stderr.contains("Usage: curio search"))
        #expect(result.stdout.isEmpty)
    }

    @Test func invertedPriceRangeAndMissingQueryAreUsageErrors() throws {
        let shop = try Shop()
        let inverted = shop.run("search", "linen", "--min-price", "50", "--max-price", "10")
        #expect(inverted.status == 2)
        #expect(inverted.stderr.hasPrefix("curio: --max-price"))
        #expect(shop.run("search").status == 2)
    }

    @Test func unknownHandlesFailWithOneLine() throws {
        let shop = try Shop()
        for result in [shop.run("product", "show", "no-such-thing"), shop.run("product", "show", "secret"),
                       shop.run("search", "linen", "--category", "nope")] {
            #expect(result.status == 1)
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(result.stderr.hasPrefix("curio: no "))
        }
    }

    @Test func productShowPrintsVariantsAndJSON() throws {
        let shop = try Shop()
        let text = shop.run("product", "show", "linen-shirt")
        #expect(text.status == 0)
        #expect(text.stdout.contains("Apparel › Shirts"))
        #expect(text.stdout.contains("LS-S"))
        #expect(text.stdout.contains("low stock"))
        let object = try json(shop.run("product", "show", "linen-shirt", "--json").stdout)
        #expect(object["category_path"] as? [String] == ["Apparel", "Shirts"])
        #expect(object["option_names"] as? [String] == ["Size"])
        let variants = try #require(object["variants"] as? [[String: Any]])
        #expect(variants.map { $0["sku"] as? String } == ["LS-S", "LS-M"])
        #expect(variants.first?["low_stock"] as? Bool == true)
        #expect(variants.first?["compare_at"] as? String == "65.00")
        #expect(Set(variants.first?.keys.map { $0 } ?? []) == ["id", "sku", "options", "price", "compare_at", "stock",
                                                              "low_stock", "sold_out"])
    }

    @Test func categoryListShowsTheTree() throws {
        let shop = try Shop()
        let text = shop.run("category", "list")
        #expect(text.status == 0)
        #expect(text.stdout.contains("  Shirts"))
        let data = Data(shop.run("category", "list", "--json").stdout.utf8)
        let nodes = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(nodes.map { $0["handle"] as? String } == ["apparel", "shirts"])
        #expect(nodes.last?["parent"] as? String == "apparel")
        #expect(nodes.first?["parent"] is NSNull)
        #expect(nodes.first?["total_products"] as? Int == 1)
    }

    @Test func helpDocumentsTheJSONShapes() {
        let output = Output()
        let status = CLI.run(["help", "search"], environment: [:], out: { output.out($0) }, err: { output.err($0) })
        #expect(status == 0)
        #expect(output.stdout.contains("\"did_you_mean\""))
        #expect(output.stdout.contains("--min-price AMOUNT"))
    }

    @Test func theBuiltBinaryExitsWithTheSameStatuses() throws {
        let shop = try Shop()
        let candidates = [Bundle.main.bundleURL.appendingPathComponent("curio"),
                          Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("curio")]
        let binary = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) },
                                  "the curio executable next to the test bundle")
        func status(_ arguments: [String]) throws -> Int32 {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["--db", shop.path] + arguments
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus
        }
        #expect(try status(["search", "linen", "--json"]) == 0)
        #expect(try status(["product", "show", "nope"]) == 1)
        #expect(try status(["search", "linen", "--min-price", "abc"]) == 2)
    }
}
