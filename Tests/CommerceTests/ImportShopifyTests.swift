@_spi(Storage) import Commerce
import Foundation
import Testing

@Suite("Shopify CSV import")
struct ImportShopifyTests {
    @Test func legacyHeadersImportProductsVariantsImagesAndStock() throws {
        let store = try ImportFixtures.freshStore()
        let report = try ImportFixtures.importText(ImportFixtures.legacy, into: store)
        #expect(report.productsCreated == 2 && report.variantsCreated == 5)
        #expect(report.stockChanges == 4 && report.unitsAdded == 27)
        let tee = try #require(try store.db.first(
            "SELECT title, description, description_html, tags, status, option1_name, option2_name, price_min, price_max, stock_total FROM products WHERE handle = 'field-tee'"
        ) { row in (0..<10).map { row.value($0) } })
        #expect(tee[0] == .text("Field Tee"))
        #expect(tee[1] == .text("Soft cotton, made to last.\n\n• Organic\n• Pre-washed"))
        #expect(tee[2] == .text("<p>Soft <b>cotton</b>, made to last.</p><ul><li>Organic</li><li>Pre-washed</li></ul>"))
        #expect(tee[3] == .text("cotton, Tee"))
        #expect(tee[4] == .text("active"))
        #expect(tee[5] == .text("Size") && tee[6] == .text("Colour"))
        #expect(tee[7] == .integer(2500) && tee[8] == .integer(2750) && tee[9] == .integer(15))
        #expect(try store.db.all("SELECT tag FROM product_tags ORDER BY tag") { $0.string(0) } == ["cotton", "mug", "Tee"])
        // "Title / Default Title" means no options; TRUE is a boolean; "12" is a price.
        let mug = try #require(try store.db.first("SELECT p.option1_name, v.option1, v.sku, v.price, v.stock FROM products p JOIN variants v ON v.product_id = p.id WHERE p.handle = 'camp-mug'") {
            [$0.value(0), $0.value(1), $0.value(2), $0.value(3), $0.value(4)]
        })
        #expect(mug == [.null, .null, .null, .integer(1200), .integer(12)])
        #expect(try store.db.all("SELECT url FROM product_images ORDER BY product_id, position") { $0.string(0) }
                == ["https://img/tee.jpg", "https://img/mug-1.jpg", "https://img/mug-2.jpg"])
        #expect(try store.db.scalarString("SELECT c.name FROM products p JOIN categories c ON c.id = p.category_id WHERE p.handle = 'camp-mug'") == "Kitchen")
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM inventory_ledger WHERE reason = 'import'") == 4)
        #expect(try ImportFixtures.doctorProblems(store) == [])
    }

    @Test func currentHeadersWithCategoryPathAndUnknownColumns() throws {
        let store = try ImportFixtures.freshStore()
        let report = try ImportFixtures.importText(ImportFixtures.current, into: store)
        #expect(report.productsCreated == 2 && report.variantsCreated == 3 && report.categoriesCreated == 3)
        let path = try store.db.all("""
            WITH RECURSIVE up(id, name, parent_id, depth) AS (
              SELECT c.id, c.name, c.parent_id, 0 FROM categories c JOIN products p ON p.category_id = c.id WHERE p.handle = 'field-tee'
              UNION ALL SELECT c.id, c.name, c.parent_id, depth + 1 FROM categories c JOIN up ON c.id = up.parent_id)
            SELECT name FROM up ORDER BY depth DESC
            """) { $0.string(0) }
        #expect(path == ["Apparel", "Clothing", "Shirts"])
        // Published on online store = FALSE with Status = Active: active, hidden from the shop; not a draft.
        #expect(try store.db.first("SELECT status, published FROM products WHERE handle = 'draft-thing'") { "\($0.string(0)) \($0.int(1))" }
                == "active 0")
        #expect(try store.db.scalarInt("SELECT stock FROM variants WHERE sku = 'TEE-M-N'") == 4)
        #expect(try store.db.scalarInt("SELECT price FROM variants v JOIN products p ON p.id = v.product_id WHERE p.handle = 'draft-thing'") == 5000)
    }

    @Test func stockAboveTheCapIsAnIssueAtItsCell() throws {
        let store = try ImportFixtures.freshStore()
        let csv = """
            Handle,Title,Variant SKU,Variant Inventory Qty,Variant Price
            mug,Mug,MUG-1,9223372036854775807,12
            cup,Cup,CUP-1,10000001,12
            bowl,Bowl,BOWL-1,10000000,12

            """
        let issues = ImportFixtures.issues(csv, into: store)
        #expect(issues == [
            ImportIssue(line: 2, column: 4, reason: "Variant Inventory Qty: must be at most 10000000 units (got 9223372036854775807)"),
            ImportIssue(line: 3, column: 4, reason: "Variant Inventory Qty: must be at most 10000000 units (got 10000001)"),
        ])
        #expect(issues.first?.formatted(file: "test.csv") == "test.csv:2:4: Variant Inventory Qty: must be at most 10000000 units (got 9223372036854775807)")
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM inventory_ledger") == 0)
        let report = try ImportFixtures.importText(csv.replacingOccurrences(of: "9223372036854775807", with: "1")
                                                       .replacingOccurrences(of: "10000001", with: "2"), into: store)
        #expect(report.unitsAdded == 10_000_003)
    }

    @Test func controlCharactersInProductTextAreIssuesAtTheirCells() throws {
        let store = try ImportFixtures.freshStore()
        let csv = """
            Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant Price,Tags
            mug,Mug,,"Size\u{1B}[2J",Big,12,
            cup,"Cup\u{9B}31m",,,,5,
            bowl,Bowl,"<p>Deep</p>
            <p>Wide</p>",Colour,"Red\u{7}",8,"kitchen, \u{1B}]0;owned\u{7}"

            """
        #expect(ImportFixtures.issues(csv, into: store) == [
            ImportIssue(line: 2, column: 4, reason: "Option1 Name: must not contain control characters (found U+001B)"),
            ImportIssue(line: 3, column: 2, reason: "Title: must not contain control characters (found U+009B)"),
            ImportIssue(line: 4, column: 5, reason: "Option1 Value: must not contain control characters (found U+0007)"),
            ImportIssue(line: 4, column: 7, reason: "Tags: must not contain control characters (found U+001B)"),
        ])
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM products") == 0)
    }

    @Test func reimportUpdatesInsteadOfDuplicating() throws {
        let store = try ImportFixtures.freshStore()
        try ImportFixtures.importText(ImportFixtures.legacy, into: store)
        let again = try ImportFixtures.importText(ImportFixtures.legacy, into: store)
        #expect(again.productsCreated == 0 && again.productsUnchanged == 2)
        #expect(again.variantsCreated == 0 && again.variantsUnchanged == 5 && again.stockChanges == 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM products") == 2)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM variants") == 5)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM product_images") == 3)

        let changed = ImportFixtures.legacy
            .replacingOccurrences(of: "TEE-S-N,200,shopify,5,", with: "TEE-S-N,200,shopify,9,")
            .replacingOccurrences(of: "manual,12,,https", with: "manual,14.00,,https")
        let third = try ImportFixtures.importText(changed, into: store)
        #expect(third.productsUpdated == 0 && third.variantsUpdated == 1 && third.stockChanges == 1 && third.unitsAdded == 4)
        #expect(try store.db.scalarInt("SELECT stock FROM variants WHERE sku = 'TEE-S-N'") == 9)
        // The SKU-less mug variant is matched by its (absent) option values, not duplicated.
        #expect(try store.db.scalarInt("SELECT price FROM variants v JOIN products p ON p.id = v.product_id WHERE p.handle = 'camp-mug'") == 1400)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM variants") == 5)
        #expect(try ImportFixtures.doctorProblems(store) == [])
    }

    @Test func dryRunReportsButWritesNothing() throws {
        let store = try ImportFixtures.freshStore()
        let report = try ImportFixtures.importText(ImportFixtures.legacy, into: store, dryRun: true)
        #expect(report.dryRun && report.productsCreated == 2 && report.variantsCreated == 5 && report.stockChanges == 4)
        for table in ["products", "variants", "categories", "inventory_ledger", "product_images", "product_tags", "audit_log"] {
            #expect(try ImportFixtures.count(store, "SELECT count(*) FROM \(table)") == 0, "\(table)")
        }
    }

    @Test func everyBadRowIsReportedAndNothingIsImported() throws {
        let store = try ImportFixtures.freshStore()
        let csv = """
            Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Published,Status
            good,Good,,,G-1,10.00,1,true,active
            Bad Handle!,Bad,,,B-1,10.00,1,true,active
            pricey,Pricey,,,P-1,ten,1,true,active
            negative,Negative,,,N-1,-5,1,true,active
            dup,Dup,,,G-1,1.00,1,true,active
            flag,Flag,,,F-1,1.00,1,maybe,active
            state,State,,,S-1,1.00,1,true,sold
            opts,Opts,Size,S,O-1,1.00,1,true,active
            opts,,,,O-2,1.00,1,,
            money,Money,,,M-1,1.005,1,true,active
            qty,Qty,,,Q-1,1.00,many,true,active
            ,,,,,,,,
            notitle,,,,T-1,1.00,1,true,active

            """
        let issues = ImportFixtures.issues(csv, into: store)
        #expect(issues.map { "\($0.line):\($0.column)" } == [
            "3:1", "4:6", "5:6", "7:8", "8:9", "10:4", "11:6", "12:7", "14:2",
        ])
        #expect(issues[0].reason.hasPrefix("Handle: \"bad handle!\" may use"))
        #expect(issues[1].reason == "Variant Price: \"ten\" is not an amount; write it like 12.34 or 12")
        #expect(issues[5].reason == "Option1 Value: is required: the product has the option \"Size\"")
        #expect(issues[8].reason == "Title: is required for the new product \"notitle\"")
        #expect(issues[0].formatted(file: "shop.csv") == "shop.csv:3:1: \(issues[0].reason)")
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM products") == 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM categories") == 0)
    }

    @Test func raggedRowsAndUnterminatedQuotes() throws {
        let store = try ImportFixtures.freshStore()
        // Rows shorter or longer than the header are reported as such, at the first missing or extra cell.
        let short = "Handle,Title,Variant Price,Vendor,Tags\nshort,Short,5\n"
        #expect(ImportFixtures.issues(short, into: store).map(\.description) == ["2:4: line 2 has 3 cells, the header has 5"])
        let long = "Handle,Title,Variant Price\nlong,Long,5,extra\n"
        #expect(ImportFixtures.issues(long, into: store).map(\.description) == ["2:4: line 2 has 4 cells, the header has 3"])
        // Even blank cells past the header's end are counted: they are what a shifted row leaves there.
        #expect(ImportFixtures.issues("Handle,Title,Variant Price\ntrail,Trail,5,,\n", into: store).map(\.description)
                == ["2:4: line 2 has 5 cells, the header has 3"])
        let open = "Handle,Title,Variant Price\nq,\"Quoted\n\nno end,5\n"
        #expect(ImportFixtures.issues(open, into: store).map(\.description) == ["2:2: unterminated quoted cell: the closing quote is missing"])
        #expect(ImportFixtures.issues("Name,Price\nx,1\n", into: store).first?.reason.contains("no Handle") == true)
    }

    @Test func messyExportQuirks() throws {
        let store = try ImportFixtures.freshStore()
        let unknown = (1...40).map { "Google Shopping / Custom Label \($0)" }
        let header = ["Handle", "Title", "Body (HTML)", "Type", "Published", "Option1 Name", "Option1 Value", "Variant Price", "Variant SKU"] + unknown
        let filler = Array(repeating: "x", count: 40)
        let rows = [
            header,
            ["plain-soap", "Plain Soap", "<p>Soap</p>", "", "true", "Scent", "Rose", "50", ""] + filler,
            ["plain-soap", "", "", "", "", "", "Mint", "50.00", ""] + filler,
            ["plain-soap", "", "", "", "", "", "Lime", "5.5", ""] + filler,
        ]
        var writer = CSVWriter()
        rows.forEach { writer.append($0) }
        let report = try ImportFixtures.importText(writer.text, into: store)
        #expect(report.productsCreated == 1 && report.variantsCreated == 3 && report.categoriesCreated == 0)
        #expect(try store.db.all("SELECT option1, price FROM variants ORDER BY position") { "\($0.string(0)) \($0.int(1))" }
                == ["Rose 5000", "Mint 5000", "Lime 550"])
        #expect(try store.db.scalarInt("SELECT category_id IS NULL FROM products") == 1)
        // Importing again matches the SKU-less variants by their option values.
        let again = try ImportFixtures.importText(writer.text, into: store)
        #expect(again.variantsCreated == 0 && again.variantsUnchanged == 3)
    }

    @Test func negativeStockIsReadAsZeroWithAWarning() throws {
        let store = try ImportFixtures.freshStore()
        let report = try ImportFixtures.importText("Handle,Title,Variant Price,Variant Inventory Qty\nx,X,1,-3\n", into: store)
        #expect(report.warnings == ["2:4: Variant Inventory Qty: -3 is below zero (oversold); stock set to 0"])
        #expect(try store.db.scalarInt("SELECT stock FROM variants") == 0)
    }

    @Test func aSKUAnotherProductUsesIsAccepted() throws {
        let store = try ImportFixtures.freshStore()
        try ImportFixtures.importText("Handle,Title,Variant Price,Variant SKU\na,A,1,SKU-1\n", into: store)
        #expect(try ImportFixtures.importText("Handle,Title,Variant Price,Variant SKU\nb,B,1,SKU-1\n", into: store).variantsCreated == 1)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM variants WHERE sku = 'SKU-1'") == 2)
    }

    @Test func customersCannotImport() throws {
        let store = try ImportFixtures.freshStore()
        let customer = Caller.user(UserID(1), role: .customer, label: "c@x.io")
        #expect(throws: ImportError.refused(.forbidden("only staff can import products"))) {
            try store.shopifyImporter.importCSV(Array(ImportFixtures.legacy.utf8), by: customer)
        }
    }

    @Test func progressIsReported() throws {
        let store = try ImportFixtures.freshStore()
        var calls: [(Int, Int)] = []
        _ = try store.shopifyImporter.importCSV(Array(ImportFixtures.legacy.utf8), by: .system) { calls.append(($0, $1)) }
        #expect(calls.last.map { $0 == (6, 6) } == true)
    }

    @Test func exportThenImportRoundTrips() throws {
        let first = try ImportFixtures.freshStore()
        try first.shopifyImporter.importFile(atPath: ImportFixtures.sampleData + "/products.csv", by: .system)
        try ImportFixtures.importText(ImportFixtures.legacy, into: first)
        let exported = try first.shopifyExporter.exportText(by: .system)
        let second = try ImportFixtures.freshStore()
        try ImportFixtures.importText(exported, into: second)
        let again = try second.shopifyExporter.exportText(by: .system)
        #expect(exported == again)
        #expect(try ImportFixtures.count(second, "SELECT count(*) FROM variants") == ImportFixtures.count(first, "SELECT count(*) FROM variants"))
        #expect(try ImportFixtures.doctorProblems(second) == [])
        // Importing its own export into the same store changes nothing.
        let same = try ImportFixtures.importText(exported, into: first)
        #expect(same.productsUpdated == 0 && same.variantsUpdated == 0 && same.stockChanges == 0)
    }
}
