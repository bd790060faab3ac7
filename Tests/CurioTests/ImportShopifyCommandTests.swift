import Foundation
import Testing

/// `curio import products` with files as real stores and spreadsheets write them.
@Suite struct ImportShopifyCommandTests {
    @Test func aWindows1252FileImportsWithAOneLineWarningAndEncodingCanBeChosen() throws {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        let file = dir.file("excel.csv")
        let bytes: [UInt8] = Array("Handle,Title,Variant Price\ncafe-mug,Caf".utf8) + [0xE9] + Array(" Mug,12\n".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        let auto = try runCurio(["--db", db, "import", "products", file, "--dry-run"])
        #expect(auto.status == 0, "\(auto.stderr)")
        let warnings = auto.stdout.split(separator: "\n").filter { $0.hasPrefix("warning:") }
        #expect(warnings.count == 1 && warnings[0].contains("read as Windows-1252"), "\(auto.stdout)")
        let forced = try runCurio(["--db", db, "import", "products", file, "--encoding", "utf-8"])
        #expect(forced.status == 1 && forced.stderr.contains("excel.csv:2:2: not valid UTF-8 text"), "\(forced.stderr)")
        let chosen = try runCurio(["--db", db, "import", "products", file, "--encoding", "windows-1252"])
        #expect(chosen.status == 0 && !chosen.stdout.contains("warning:"), "\(chosen.stdout)")
        #expect(try runCurio(["--db", db, "export", "products"]).stdout.contains("cafe-mug,Café Mug,"))
        let unknown = try runCurio(["--db", db, "import", "products", file, "--encoding", "ebcdic"])
        #expect(unknown.status == 2 && unknown.stderr.contains("--encoding 'ebcdic' is not utf-8, windows-1252 or latin-1"))
    }
}

/// Staff text given on the command line is checked like product text: no control characters.
@Suite struct StaffTextCommandTests {
    @Test func aReasonOrNoteWithAnEscapeIsRefusedAndChangesNothing() throws {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        let file = dir.file("one.csv")
        try Data("Handle,Title,Variant Price,Variant SKU,Variant Inventory Qty\nmug,Mug,12,MUG,4\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(try runCurio(["--db", db, "import", "products", file]).status == 0)
        let adjust = try runCurio(["--db", db, "stock", "adjust", "MUG", "2", "--reason", "recount \u{1B}]0;pwned\u{7}"])
        #expect(adjust.status == 1 && adjust.stderr.contains("must not contain control characters (found U+001B)"), "\(adjust.stderr)")
        #expect(!adjust.stderr.contains("\u{1B}"))
        let note = try runCurio(["--db", db, "product", "stock", "MUG", "--add", "1", "--note", "bad\u{9B}2J"])
        #expect(note.status == 1 && note.stderr.contains("U+009B"), "\(note.stderr)")
        #expect(try runCurio(["--db", db, "export", "products"]).stdout.contains(",MUG,0,shopify,4,"))
    }
}
