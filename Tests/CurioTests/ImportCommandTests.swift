import Commerce
import Foundation
import Testing

/// `curio import products`, `export products`, `seed` and `product …`, run as the built binary in a subprocess.
@Suite("CLI: import, export, seed and product edits")
struct ImportCommandTests {
    /// The `curio` executable SwiftPM built next to this test bundle.
    static let binary: URL? = {
        let places = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
                      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        return places.map { $0.appendingPathComponent("curio") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    let folder: URL
    var database: String { folder.appendingPathComponent("shop.db").path }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("curio-import-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let created = try curio("init")
        #expect(created.status == 0, "\(created)")
    }

    /// Runs curio with `arguments`; returns the exit status, stdout and stderr.
    func curio(_ arguments: String...) throws -> (status: Int32, out: String, err: String) {
        let binary = try #require(ImportCommandTests.binary, "the curio executable was not found next to the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--db", database] + arguments
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let good = """
        Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty,Type
        tee,Tee,Size,S,TEE-S,20.00,4,Tops
        tee,,,M,TEE-M,20,2,

        """

    @Test func importReportsThenReimportChangesNothing() throws {
        let file = try write("good.csv", ImportCommandTests.good)
        let first = try curio("import", "products", file)
        #expect(first.status == 0)
        #expect(first.out.contains("Products: 1 created, 0 updated, 0 unchanged."))
        #expect(first.out.contains("Stock: 2 change(s), +6 / -0 units."))
        #expect(first.err.isEmpty)  // not a terminal: no progress bar
        let again = try curio("import", "products", file, "--json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.out.utf8)) as? [String: Any])
        #expect(report["productsUnchanged"] as? Int == 1 && report["variantsCreated"] as? Int == 0)
        #expect(try curio("doctor").status == 0)
    }

    @Test func badRowsAreListedWithFileLineColumnAndNothingIsImported() throws {
        let file = try write("bad.csv", """
            Handle,Title,Variant Price,Variant SKU
            ok,Fine,1.00,A
            Bad!,Broken,2.00,B
            worse,Worse,abc,C
            dup,Dup,1,A
            nocell,No Cell,1,N,extra

            """)
        let result = try curio("import", "products", file)
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("\(file):3:1: Handle: "))
        #expect(lines[1] == "\(file):4:3: Variant Price: \"abc\" is not an amount; write it like 12.34 or 12")
        #expect(lines[2] == "\(file):6:5: line 6 has 5 cells, the header has 4")
        #expect(lines[3] == "curio: 3 problem(s) in \(file); nothing was imported")
        let export = try curio("export", "products")
        #expect(export.out.split(separator: "\n").count == 1)  // only the header: nothing was imported
    }

    @Test func dryRunWritesNothing() throws {
        let file = try write("good.csv", ImportCommandTests.good)
        let dry = try curio("import", "products", file, "--dry-run")
        #expect(dry.status == 0 && dry.out.hasPrefix("Dry run, nothing written: would import 2 row(s)."))
        #expect(try curio("export", "products").out.split(separator: "\n").count == 1)
    }

    @Test func unterminatedQuoteAndMissingFile() throws {
        let file = try write("open.csv", "Handle,Title,Variant Price\nx,\"open,1\n")
        let result = try curio("import", "products", file)
        #expect(result.status == 1)
        #expect(result.err.hasPrefix("\(file):2:2: unterminated quoted cell"))
        let missing = try curio("import", "products", folder.appendingPathComponent("nope.csv").path)
        #expect(missing.status == 1 && missing.err.contains("cannot read the file"))
        #expect(try curio("import", "products").status == 2)
    }

    @Test func exportToFileRoundTrips() throws {
        let file = try write("good.csv", ImportCommandTests.good)
        _ = try curio("import", "products", file)
        let output = folder.appendingPathComponent("export.csv").path
        let export = try curio("export", "products", "--output", output)
        #expect(export.status == 0 && export.err.contains("Exported 1 product(s)"))
        let text = try String(contentsOfFile: output, encoding: .utf8)
        #expect(text.hasPrefix("Handle,Title,Body (HTML),Vendor,Product Category,Type"))
        #expect(text == (try curio("export", "products").out))
        let again = try curio("import", "products", output)
        #expect(again.status == 0 && again.out.contains("0 created, 0 updated, 1 unchanged"))
    }

    @Test func seedLoadsTheDemoAndPrintsAccountsThenRefusesASecondTime() throws {
        let seeded = try curio("seed")
        #expect(seeded.status == 0)
        #expect(seeded.out.contains("admin@curio.shop") && seeded.out.contains("curio-admin"))
        #expect(seeded.out.contains("shopper@curio.shop") && seeded.out.contains("curio-shopper"))
        #expect(try curio("doctor").status == 0)
        let again = try curio("seed")
        #expect(again.status == 1 && again.err.contains("already has"))
    }

    @Test func seedGeneratesASyntheticStore() throws {
        let result = try curio("seed", "--products", "300", "--orders", "500", "--json")
        #expect(result.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(report["products"] as? Int == 300 && report["orders"] as? Int == 500)
        #expect(try curio("doctor").status == 0)
        #expect(try curio("seed", "--products", "10").status == 2)
    }

    @Test func aKilledSyntheticSeedNeverLooksCompleteAndForceRedoesIt() throws {
        let binary = try #require(ImportCommandTests.binary, "the curio executable was not found next to the tests")
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--db", database, "seed", "--products", "400000", "--orders", "100000"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Killed once its first chunk of products is committed, long before it could finish.
        let clock = ContinuousClock(), deadline = clock.now.advanced(by: .seconds(120))
        var seen: Int64 = 0
        while process.isRunning && seen == 0 && clock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            seen = (try? Database(path: database).scalarInt("SELECT count(*) FROM products")) ?? 0
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(seen > 0 && seen < 400_000, "products seen before the kill: \(seen)")
        let doctor = try curio("doctor")
        #expect(doctor.status != 0 && (doctor.out + doctor.err).contains("seeding stopped before it finished"), "\(doctor)")
        let redo = try curio("seed", "--products", "300", "--orders", "500", "--force", "--json")
        #expect(redo.status == 0, "\(redo)")
        #expect(redo.err.contains("removed the unfinished generated store"))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(redo.out.utf8)) as? [String: Any])
        #expect(report["products"] as? Int == 300 && report["orders"] as? Int == 500)
        #expect(try curio("doctor").status == 0)
    }

    @Test func hugeAndNegativeStockChangesFromTheCommandLine() throws {
        #expect(try curio("product", "add", "camp-mug", "--title", "Camp Mug", "--price", "12.50", "--sku", "MUG-1", "--stock", "5").status == 0)
        // Near Int64.max: a refusal with the field named and exit 1, never an arithmetic trap.
        let adjust = try curio("stock", "adjust", "MUG-1", "9223372036854775807", "--reason", "x")
        #expect(adjust.status == 1 && adjust.err.contains("delta: must be between -10000000 and 10000000 units"), "\(adjust)")
        let add = try curio("product", "stock", "MUG-1", "--add", "9223372036854775807")
        #expect(add.status == 1 && add.err.contains("delta: must be between -10000000 and 10000000 units"), "\(add)")
        let set = try curio("product", "stock", "MUG-1", "--set", "10000001")
        #expect(set.status == 1 && set.err.contains("stock: must be at most 10000000 units"), "\(set)")
        // A negative DELTA is a number, not an unknown option.
        let remove = try curio("stock", "adjust", "MUG-1", "-3", "--reason", "breakage")
        #expect(remove.status == 0 && remove.out == "MUG-1: stock changed by -3.\n", "\(remove)")
        #expect(try curio("stock", "adjust", "MUG-1", "-x", "--reason", "y").status == 2)
        #expect(try curio("doctor").status == 0)
    }

    @Test func recoverGraceMustBeAFiniteSpanUpToTenYears() throws {
        for bad in ["1e300", "inf", "-inf", "nan", "-1", "315360001", "soon"] {
            let result = try curio("order", "recover", "--grace", bad)
            #expect(result.status == 2 && result.err.contains("--grace must be a number of seconds from 0 to 315360000"), "\(bad): \(result)")
        }
        #expect(try curio("order", "recover", "--grace", "315360000").status == 0)
        #expect(try curio("order", "recover", "--grace", "0").status == 0)
    }

    @Test func productEditsFromTheCommandLine() throws {
        let add = try curio("product", "add", "camp-mug", "--title", "Camp Mug", "--price", "12.50", "--sku", "MUG-1",
                            "--stock", "3", "--category", "Outdoors > Camping", "--tags", "mug, camp")
        #expect(add.status == 0)
        let bad = try curio("product", "add", "other", "--title", "Other", "--price", "-2")
        #expect(bad.status == 1 && bad.err.contains("price: must be 0 or more"))
        #expect(try curio("product", "update", "camp-mug", "--title", "Enamel Camp Mug").status == 0)
        let stock = try curio("product", "stock", "MUG-1", "--add", "4")
        #expect(stock.status == 0 && stock.out == "MUG-1: 7 in stock.\n")
        #expect(try curio("product", "archive", "camp-mug").status == 0)
        let export = try curio("export", "products").out
        #expect(export.contains("camp-mug,Enamel Camp Mug") && export.contains("Outdoors > Camping") && export.contains(",archived\n"))
        #expect(try curio("doctor").status == 0)
    }
}
