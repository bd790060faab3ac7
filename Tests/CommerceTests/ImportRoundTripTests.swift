import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Publication apart from status, and every modelled column back out as it came in.
@Suite struct ImportRoundTripTests {
    static let hidden = """
        Handle,Title,Published,Status,Type,Variant Price,Variant Inventory Qty
        hidden-mug,Hidden Mug,false,active,Kitchen,12,5
        shown-mug,Shown Mug,true,active,Kitchen,12,5
        draft-mug,Draft Mug,true,draft,Kitchen,12,5

        """

    @Test func publishedFalseWithStatusActiveIsActiveButHiddenFromTheShop() throws {
        let store = try ImportFixtures.freshStore()
        try ImportFixtures.importText(Self.hidden, into: store)
        #expect(try store.db.all("SELECT handle, status, published FROM products ORDER BY id") { "\($0.string(0)) \($0.string(1)) \($0.int(2))" }
                == ["hidden-mug active 0", "shown-mug active 1", "draft-mug draft 1"])
        let guest = Caller.guest(token: "g")
        #expect(try store.catalog.products(caller: guest).products.map(\.handle) == ["shown-mug"])
        #expect(try store.catalog.search("mug", caller: guest).page.products.map(\.handle) == ["shown-mug"])
        #expect(throws: CommerceError.self) { try store.catalog.product(handle: "hidden-mug", caller: guest) }
        #expect(try store.catalog.categories(caller: guest).first?.totalProductCount == 1)
        #expect(throws: CommerceError.self) {
            try store.catalog.products(ProductQuery(filter: ProductFilter(includeUnpublished: true)), caller: guest)
        }
        // Staff still find it, and may list it.
        #expect(try store.catalog.product(handle: "hidden-mug", caller: .system).summary.title == "Hidden Mug")
        #expect(try store.catalog.products(ProductQuery(filter: ProductFilter(includeUnpublished: true)), caller: .system)
            .products.map(\.handle).sorted() == ["hidden-mug", "shown-mug"])
        // Exported exactly as imported.
        let rows = try cells(store.shopifyExporter.exportText(by: .system))
        #expect(rows.map { [$0["Handle"], $0["Published"], $0["Status"]] } == [
            ["hidden-mug", "false", "active"], ["shown-mug", "true", "active"], ["draft-mug", "true", "draft"],
        ])
    }

    /// Barcodes, SEO, carriage returns inside the body and weights in fractions of a gram.
    static let detailed = "Handle,Title,Body (HTML),Option1 Name,Option1 Value,Variant SKU,Variant Barcode,Variant Grams,Variant Price,SEO Title,SEO Description,Published,Status\r\n"
        + "field-tee,Field Tee,\"<p>Line one</p>\r\n<p>Line two</p>\rend\",Size,S,TEE-S,0012345678905,12.5,25.00,Field Tee | Loom,\"Soft, organic cotton tee\",true,active\r\n"
        + "field-tee,,,,M,TEE-M,4006381333931,0.125,25.00,,,,\r\n"
        + "field-tee,,,,L,TEE-L,,250.0,25.00,,,,\r\n"

    @Test func everyModelledColumnRoundTrips() throws {
        let store = try ImportFixtures.freshStore()
        try ImportFixtures.importText(Self.detailed, into: store)
        #expect(try store.db.scalarString("SELECT description_html FROM products") == "<p>Line one</p>\r\n<p>Line two</p>\rend")
        #expect(try store.db.all("SELECT barcode, grams, grams_milli FROM variants ORDER BY position") {
            "\($0.optionalString(0) ?? "-") \($0.int(1)) \($0.optionalInt64(2).map(String.init) ?? "-")"
        } == ["0012345678905 13 12500", "4006381333931 0 125", "- 250 -"])
        let exported = try store.shopifyExporter.exportText(by: .system)
        let original = try cells(Self.detailed)
        let back = try cells(exported)
        #expect(back.count == original.count)
        let modelled = ["Handle", "Title", "Body (HTML)", "Option1 Name", "Option1 Value", "Variant SKU", "Variant Barcode",
                        "Variant Price", "SEO Title", "SEO Description", "Published", "Status"]
        for (row, (was, now)) in zip(original, back).enumerated() {
            for column in modelled {
                #expect(was[column] == now[column], "row \(row + 2) \(column)")
            }
            #expect(Double(was["Variant Grams"] ?? "") == Double(now["Variant Grams"] ?? ""), "row \(row + 2) grams")
        }
        #expect(back.map { $0["Variant Grams"] ?? "" } == ["12.5", "0.125", "250"])
        // Importing the export into a fresh store exports the same bytes, and into the same store changes nothing.
        let second = try ImportFixtures.freshStore()
        try ImportFixtures.importText(exported, into: second)
        #expect(try second.shopifyExporter.exportText(by: .system) == exported)
        let same = try ImportFixtures.importText(exported, into: store)
        #expect(same.productsUpdated == 0 && same.variantsUpdated == 0)
    }

    /// The data rows of a CSV text as dictionaries by header, with follow-on rows' blanks left blank.
    private func cells(_ text: String) throws -> [[String: String]] {
        let records = try CSVReader.records(text)
        guard let header = records.first?.fields else { return [] }
        return records.dropFirst().map { record in
            Dictionary(uniqueKeysWithValues: header.enumerated().map { ($0.element, $0.offset < record.fields.count ? record.fields[$0.offset] : "") })
        }
    }
}
