import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Files saved by a spreadsheet: Windows-1252 unless they are valid UTF-8, or the encoding named.
@Suite struct ImportEncodingTests {
    /// "Café Mug" and "Kim’s Mug" as Excel saves them: é is 0xE9, the curly apostrophe 0x92.
    static let windows1252: [UInt8] = Array("Handle,Title,Variant Price\ncafe-mug,Caf".utf8) + [0xE9]
        + Array(" Mug,12\nkims-mug,Kim".utf8) + [0x92] + Array("s Mug,9\n".utf8)

    func importBytes(_ bytes: [UInt8], _ encoding: ImportEncoding?, into store: Store) throws -> ImportReport {
        try store.shopifyImporter.importCSV(bytes, options: ImportOptions(fileName: "excel.csv", encoding: encoding), by: .system)
    }

    @Test func aFileThatIsNotUTF8IsReadAsWindows1252WithOneWarning() throws {
        let store = try ImportFixtures.freshStore()
        let report = try importBytes(Self.windows1252, nil, into: store)
        #expect(report.productsCreated == 2)
        #expect(try store.db.all("SELECT title FROM products ORDER BY id") { $0.string(0) } == ["Café Mug", "Kim’s Mug"])
        #expect(report.warnings.count == 1)
        #expect(report.warnings[0].contains("not valid UTF-8") && report.warnings[0].contains("Windows-1252"))
        #expect(!report.warnings[0].contains("\n"))
    }

    @Test func aUTF8FileIsReadAsUTF8WithoutAWarning() throws {
        let store = try ImportFixtures.freshStore()
        let report = try ImportFixtures.importText("Handle,Title,Variant Price\ncafe-mug,Café Mug,12\n", into: store)
        #expect(report.warnings.isEmpty)
        #expect(try store.db.scalarString("SELECT title FROM products") == "Café Mug")
    }

    @Test func theEncodingCanBeForced() throws {
        let forcedUTF8 = try ImportFixtures.freshStore()
        #expect(throws: ImportError.invalidRows([ImportIssue(line: 2, column: 2, reason: "not valid UTF-8 text; save the file as UTF-8, or name its encoding (--encoding windows-1252)")])) {
            try importBytes(Self.windows1252, .utf8, into: forcedUTF8)
        }
        // Latin-1 has no curly apostrophe: 0x92 is a C1 control there, refused like any control character.
        let latin1 = try ImportFixtures.freshStore()
        let error = #expect(throws: ImportError.self) { try importBytes(Self.windows1252, .latin1, into: latin1) }
        #expect(error.map { "\($0)" }?.contains("3:2: Title: must not contain control characters (found U+0092)") == true)
        let forced1252 = try ImportFixtures.freshStore()
        #expect(try importBytes(Self.windows1252, .windows1252, into: forced1252).warnings.isEmpty)
        #expect(ImportEncoding(name: "CP1252") == .windows1252 && ImportEncoding(name: "ISO-8859-1") == .latin1 && ImportEncoding(name: "ebcdic") == nil)
    }
}
