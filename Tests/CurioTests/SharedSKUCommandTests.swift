import Foundation
import Testing

/// Commands that name a variant take a SKU, HANDLE/OPTION… or a variant id; a SKU several variants
/// share is refused with their list, and nothing changes.
@Suite struct SharedSKUCommandTests {
    static let csv = """
        Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty
        field-tee,Field Tee,Size,S,'101,25.00,3
        field-tee,,,M,'101,25.00,4
        camp-mug,Camp Mug,,,'101,12.00,5

        """

    func shop() throws -> (TempFolder, String) {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        #expect(try runCurio(["--db", db, "seed"]).status == 0)
        let file = dir.file("shared.csv")
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: file))
        let imported = try runCurio(["--db", db, "import", "products", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        return (dir, db)
    }

    /// The stock column of the exported rows of the three imported variants, in file order.
    func stocks(_ db: String) throws -> [String] {
        let export = try runCurio(["--db", db, "export", "products"]).stdout
        let rows = export.split(separator: "\n").filter { $0.hasPrefix("field-tee,") || $0.hasPrefix("camp-mug,") }
        return rows.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[17]) }
    }

    @Test func stockAdjustRefusesASharedSKUAndTakesHandleAndOptions() throws {
        let (folder, db) = try shop()
        defer { withExtendedLifetime(folder) {} }
        let ambiguous = try runCurio(["--db", db, "stock", "adjust", "'101", "5", "--reason", "recount"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("names 3 variants") && ambiguous.stderr.contains("field-tee/M (variant")
                && ambiguous.stderr.contains("camp-mug (variant"), "\(ambiguous.stderr)")
        let byOptions = try runCurio(["--db", db, "stock", "adjust", "field-tee/M", "5", "--reason", "recount"])
        #expect(byOptions.status == 0, "\(byOptions.stderr)")
        let byHandle = try runCurio(["--db", db, "stock", "adjust", "camp-mug", "-2", "--reason", "breakage"])
        #expect(byHandle.status == 0, "\(byHandle.stderr)")
        // The refused adjustment changed nothing; the named ones changed only their variant.
        #expect(try stocks(db) == ["3", "9", "3"])
    }

    @Test func orderPlaceTakesAHandleAndOptionsAndRefusesASharedSKU() throws {
        let (dir, db) = try shop()
        let address = dir.file("address.json")
        try Data(#"{"name":"Kim Lee","line1":"1 Main St","city":"Portland","postalCode":"97201","country":"US"}"#.utf8)
            .write(to: URL(fileURLWithPath: address))
        let base = ["--db", db, "order", "place", "--as", "kim@example.com", "--pay-on-delivery", "--address-json", address]
        let ambiguous = try runCurio(base + ["--item", "'101:1"])
        #expect(ambiguous.status == 1 && ambiguous.stderr.contains("names 3 variants"), "\(ambiguous.stderr)")
        #expect(try stocks(db) == ["3", "4", "5"])
        let placed = try runCurio(base + ["--item", "field-tee/S:2", "--json"])
        #expect(placed.status == 0, "\(placed.stderr)")
        #expect(try stocks(db) == ["1", "4", "5"])
    }
}
