import Backoffice
import Commerce
import CurioTestSupport
import Foundation
import Testing
import TerminalUI

/// The fulfilment queue's `e`: the current status tab and `/` filter go to a CSV file named in a
/// form field; a folder that does not exist is refused under the field; SSH mode offers no export.
@MainActor
@Suite struct OrderExportTests {
    @Test func theQueueExportsItsStatusAndFilterToTheNamedFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curio-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let fixture = try BackofficeFixture()
        try fixture.openOrders()
        fixture.send(.tab)  // processing: the demo shop's paid card orders wait there (on the seed's clock)
        fixture.send(.char("/"))
        fixture.type("kim@example.com", then: .enter)
        fixture.expireToasts()
        #expect(fixture.screen().contains("e Export CSV"))
        fixture.send(.char("e"))
        let day = CivilDay(milliseconds: DemoShop.now)
        #expect(fixture.screen().contains("orders-processing-\(day).csv"))
        #expect(fixture.screen().contains("Processing orders matching “kim@example.com”"))
        assertSnapshots(fixture, named: "orders-export-form")

        for _ in 0..<40 { fixture.send(.backspace) }
        fixture.type(folder + "/missing/kim.csv", then: .enter)
        #expect(fixture.screen().contains("File: there is no folder"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/missing"))

        for _ in 0..<(folder.count + 20) { fixture.send(.backspace) }
        fixture.type(folder + "/kim.csv", then: .enter)
        let expected = try fixture.store.orders.list(status: .processing, limit: 500, as: .system).filter { $0.email.lowercased().contains("kim@example.com") }
        #expect(fixture.screen().contains("Exported \(expected.count) order"))
        let lines = try String(contentsOfFile: folder + "/kim.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == expected.count + 1)
        #expect(lines.dropFirst().allSatisfy { $0.contains("kim@example.com") && $0.contains("PROCESSING") })
        #expect(!expected.isEmpty)
        #expect(Set(lines.dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }) == Set(expected.map { "\($0.number)" }))
    }

    @Test func sshModeOffersNoExport() throws {
        let fixture = try BackofficeFixture(opensUserFiles: false)
        try fixture.openOrders()
        fixture.expireToasts()
        #expect(!fixture.screen().contains("Export"))
        fixture.send(.char("e"))
        #expect(!fixture.screen().contains("Export orders to CSV"))
    }
}
