import Foundation
import Testing
@testable import Commerce

/// The back office's CSV export of the current order filter, written through `OutputFile`.
@Suite struct OrderExportFileTests {
    @Test func writesTheStatusAndTheExtraFilterAsCSV() throws {
        let shop = try ShopFixture()
        let variant = try shop.product("Mug", price: 2000, stock: 20)[0]
        let first = try BackofficeServicesTests().paidOrder(shop, variant, by: shop.bob, email: "bob@example.com")
        _ = try BackofficeServicesTests().paidOrder(shop, variant, by: shop.alice, email: "alice@example.com")
        let second = try BackofficeServicesTests().paidOrder(shop, variant, by: shop.bob, email: "bob@example.com")
        let status = try shop.store.orders.detail(number: first, as: .system).summary.status
        let path = shop.directory.file("bob.csv")
        let count = try shop.store.dataExport.writeOrdersCSV(OrderExportFilter(status: status), including: { $0.email.hasPrefix("bob") },
                                                             to: path, as: shop.staff)
        #expect(count == 2)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == OrderExportRow.columns.joined(separator: ","))
        #expect(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) } == ["\(first)", "\(second)"])
        #expect(lines.dropFirst().allSatisfy { $0.contains("bob@example.com") && $0.contains(status.rawValue) })

        let none = try shop.store.dataExport.writeOrdersCSV(OrderExportFilter(status: .cancelled), to: path, as: shop.staff)
        #expect(none == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == OrderExportRow.columns.joined(separator: ",") + "\n")
    }

    @Test func aMissingFolderIsAFieldErrorAndNothingIsWritten() throws {
        let shop = try ShopFixture()
        let path = shop.directory.file("no-such-folder/orders.csv")
        #expect(throws: CommerceError.invalid(field: "path", reason: "there is no folder \"\(shop.directory.file("no-such-folder"))\"; name a file in a folder that exists")) {
            try shop.store.dataExport.writeOrdersCSV(OrderExportFilter(), to: path, as: shop.staff)
        }
        #expect(!FileManager.default.fileExists(atPath: shop.directory.file("no-such-folder")))
        #expect(throws: CommerceError.invalid(field: "path", reason: "enter a file name, like orders.csv")) {
            try shop.store.dataExport.writeOrdersCSV(OrderExportFilter(), to: " ", as: shop.staff)
        }
        #expect(throws: CommerceError.self) {
            try shop.store.dataExport.writeOrdersCSV(OrderExportFilter(), to: shop.directory.file("x.csv"), as: shop.bob)
        }
        #expect(!FileManager.default.fileExists(atPath: shop.directory.file("x.csv")), "a customer's call writes nothing")
    }
}
