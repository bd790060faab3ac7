import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// What real Shopify exports hold that tidy samples do not: long SKUs and option values, handles in any script.
@Suite struct ImportShopifyLimitsTests {
    @Test func aSKUOf220CharactersAndOptionValuesUpToShopifysLimitImport() throws {
        let store = try ImportFixtures.freshStore()
        let sku = String(repeating: "SKU-", count: 55)  // 220 characters
        let value = String(repeating: "v", count: 255)
        let csv = "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\nlong,Long,Size,\(value),\(sku),1\n"
        #expect(try ImportFixtures.importText(csv, into: store).variantsCreated == 1)
        #expect(try store.db.scalarString("SELECT sku FROM variants") == sku)
        #expect(try store.db.scalarString("SELECT option1 FROM variants") == value)
        #expect(try store.shopifyExporter.exportText(by: .system).contains(sku))
    }

    @Test func textsLongerThanShopifysLimitAreIssuesAtTheirCells() throws {
        let store = try ImportFixtures.freshStore()
        let long = String(repeating: "x", count: 256)
        let csv = "Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price\nlong,Long,Size,\(long),\(long),1\n"
        #expect(ImportFixtures.issues(csv, into: store).map(\.description) == [
            "2:4: Option1 Value: is longer than 255 characters",
            "2:5: Variant SKU: is longer than 255 characters",
        ])
    }

    @Test func aVietnameseHandleImportsAndIsFoundInEitherUnicodeForm() throws {
        let store = try ImportFixtures.freshStore()
        let composed = "nhẫn-1"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        let csv = "Handle,Title,Variant Price,Variant SKU\n\(decomposed),Nhẫn bạc,10,N-1\nкольцо-2,Кольцо,12,K-2\n指輪-3,指輪,9,R-3\n"
        #expect(try ImportFixtures.importText(csv, into: store).productsCreated == 3)
        #expect(try store.db.all("SELECT handle FROM products ORDER BY id") { $0.string(0) } == [composed, "кольцо-2", "指輪-3"])
        #expect(try store.productEditor.productID(handle: decomposed) == store.productEditor.productID(handle: composed))
        #expect(try store.productEditor.variantID(reference: "nhẫn-1").rawValue > 0)
        // Export and import again give the same handles.
        let exported = try store.shopifyExporter.exportText(by: .system)
        let second = try ImportFixtures.freshStore()
        try ImportFixtures.importText(exported, into: second)
        #expect(try second.shopifyExporter.exportText(by: .system) == exported)
    }

    @Test func handlesWithSpacesSlashesControlsOrUpperCaseAreRefused() throws {
        for bad in ["nhẫn 1", "a/b", "tab\u{1B}x", "x?y", "ÉTÉ", "a.b"] {
            #expect(CatalogRules.productHandleProblem(bad) != nil, "\(bad)")
        }
        for good in ["nhẫn-1", "été-2024", "кольцо", "指輪", "mug"] {
            #expect(CatalogRules.productHandleProblem(good) == nil, "\(good)")
        }
        // The schema refuses what the rules refuse, whoever writes.
        let store = try ImportFixtures.freshStore()
        #expect(throws: DatabaseError.self) {
            try store.db.execute("INSERT INTO products(handle, title, created_at, updated_at) VALUES ('a b', 'A', 0, 0)")
        }
        let issues = ImportFixtures.issues("Handle,Title,Variant Price\nsummer sale/2,Sale,1\n", into: store)
        #expect(issues.count == 1 && issues[0].line == 2 && issues[0].column == 1)
    }

    /// A title with an unquoted comma pushes every later cell one column right; a lost cell pulls them left.
    @Test func rowsLongerOrShorterThanTheHeaderAreReportedAsSuchWithoutKnockOnIssues() throws {
        let store = try ImportFixtures.freshStore()
        let extra = (1...54).map { "Column \($0)" }
        let header = (["Handle", "Title", "Variant Price"] + extra).joined(separator: ",")
        let blanks = String(repeating: ",", count: 54)
        let csv = header + "\n"
            + "mug,Mug,12" + blanks + "\n"
            + "bowl,Bowl, large,12" + blanks + "\n"  // 58 cells: Variant Price reads " large"
            + "cup,Cup" + blanks + "\n"  // 56 cells: one lost
        #expect(ImportFixtures.issues(csv, into: store).map(\.description) == [
            "3:58: line 3 has 58 cells, the header has 57",
            "4:57: line 4 has 56 cells, the header has 57",
        ])
    }
}
