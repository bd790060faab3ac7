import Foundation
import Testing

@Suite struct CLITests {
    @Test func helpListsCommandsAndExitsZero() throws {
        let result = try runCurio(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("doctor"))
        #expect(result.stdout.contains("--db PATH"))
        #expect(try runCurio(["-h"]).stdout == result.stdout)
    }

    @Test func versionPrintsVersionAndSchema() throws {
        let result = try runCurio(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("curio "))
        #expect(result.stdout.contains("schema"))
    }

    @Test func commandHelpBothWays() throws {
        let a = try runCurio(["help", "doctor"])
        let b = try runCurio(["doctor", "--help"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout.hasPrefix("Usage: curio doctor"))
        #expect(a.stdout == b.stdout)
    }

    @Test func unknownCommandIsAUsageErrorOnStderr() throws {
        let result = try runCurio(["frobnicate"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("unknown command 'frobnicate'"))
        #expect(result.stderr.contains("Usage:"))
    }

    @Test func badFlagIsAUsageErrorNamingTheCommand() throws {
        let dir = TempFolder()
        let result = try runCurio(["--db", dir.file("x.db"), "doctor", "--frob"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown option '--frob'"))
        #expect(result.stderr.contains("Usage: curio doctor"))
        let missing = try runCurio(["doctor", "--db"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--db needs a value"))
    }

    @Test func helpForUnknownCommandIsAUsageError() throws {
        #expect(try runCurio(["help", "nope"]).status == 2)
    }

    @Test func hostileArgumentsAreNotEchoedRaw() throws {
        let result = try runCurio(["\u{1b}]0;pwned\u{07}"])
        #expect(result.status == 2)
        #expect(!result.stderr.contains("\u{1b}"))
        #expect(!result.stderr.contains("\u{07}"))
    }

    @Test func databaseLocationFollowsFlagThenEnvironmentThenXDG() throws {
        let dir = TempFolder()
        // --db wins over CURIO_DB.
        _ = try runCurio(["--db", dir.file("flag.db"), "init"], environment: ["CURIO_DB": dir.file("env.db")])
        #expect(FileManager.default.fileExists(atPath: dir.file("flag.db")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("env.db")))
        _ = try runCurio(["init"], environment: ["CURIO_DB": dir.file("env.db")])
        #expect(FileManager.default.fileExists(atPath: dir.file("env.db")))
        _ = try runCurio(["init"], environment: ["XDG_DATA_HOME": dir.file("xdg")])
        #expect(FileManager.default.fileExists(atPath: dir.file("xdg/curio/curio.db")))
        _ = try runCurio(["init"], environment: ["HOME": dir.file("home"), "XDG_DATA_HOME": ""])
        #expect(FileManager.default.fileExists(atPath: dir.file("home/.local/share/curio/curio.db")))
    }
}

@Suite struct ShopFlagTests {
    @Test func shopFlagsAreAcceptedWithoutACommandOnly() throws {
        let dir = TempFolder()
        let shop = try runCurio(["--db", dir.file("s.db"), "--theme", "light", "--ascii"])
        #expect(shop.status == 0, "\(shop.stderr)")
        #expect(shop.stdout.contains("products"), "without a terminal the shop prints a summary instead of drawing")
        #expect(try runCurio(["--theme"]).status == 2)
        let misplaced = try runCurio(["--db", dir.file("s.db"), "doctor", "--ascii"])
        #expect(misplaced.status == 2 && misplaced.stderr.contains("unknown option '--ascii'"))
        #expect(try runCurio(["--db", dir.file("s.db"), "--ascii", "extra"]).status == 2)
    }
}

/// The command line is declared once per command: usage, help and the checks of arguments come from it.
@Suite struct DeclaredCommandLineTests {
    @Test func usageIsGeneratedFromTheDeclaredArgumentsAndOptions() throws {
        let help = try runCurio(["help", "stock", "adjust"])
        #expect(help.stdout.hasPrefix("Usage: curio stock adjust VARIANT DELTA --reason TEXT\n"), "\(help.stdout)")
        #expect(help.stdout.contains("--reason TEXT  why (required)"))
        let search = try runCurio(["help", "search"]).stdout
        #expect(search.contains("Usage: curio search QUERY... [--category HANDLE]"))
        #expect(search.contains("[--tag TAG...]"), "a repeatable option is marked")
    }

    @Test func missingAndExtraArgumentsAreUsageErrors() throws {
        let dir = TempFolder()
        #expect(try runCurio(["--db", dir.file("s.db"), "init"]).status == 0)
        let missing = try runCurio(["--db", dir.file("s.db"), "product", "show"])
        #expect(missing.status == 2 && missing.stderr.contains("HANDLE is required"), "\(missing)")
        let extra = try runCurio(["--db", dir.file("s.db"), "category", "list", "surplus"])
        #expect(extra.status == 2 && extra.stderr.contains("unexpected argument 'surplus'"), "\(extra)")
        let option = try runCurio(["--db", dir.file("s.db"), "order", "refund", "1"])
        #expect(option.status == 2 && option.stderr.contains("--amount is required"), "\(option)")
    }

    @Test func aCommandOnAMissingShopCreatesNothing() throws {
        let dir = TempFolder()
        for arguments in [["product", "archive", "x"], ["order", "list"], ["user", "list"], ["doctor"], ["search", "mug"],
                          ["stock", "adjust", "SKU", "1", "--reason", "r"], ["export", "products"]] {
            let result = try runCurio(["--db", dir.file("typo.db")] + arguments)
            #expect(result.status == 1, "\(arguments): \(result)")
            #expect(result.stderr.contains("typo.db: no shop database there"), "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing was created")
    }

    @Test func jsonErrorsOnlyForCommandsWhoseJSONFlagWasParsed() throws {
        let dir = TempFolder()
        let json = try runCurio(["--db", dir.file("none.db"), "order", "list", "--json"])
        #expect(json.status == 1 && json.stdout.contains("\"error\""))
        // "--json" as a search word is not the flag: no JSON error object.
        #expect(try runCurio(["--db", dir.file("none.db"), "search", "--", "--json"]).stdout.isEmpty)
    }

    @Test func outputThatCannotBeWrittenFailsWithOneLine() throws {
        let dir = TempFolder()
        #expect(try runCurio(["--db", dir.file("s.db"), "init"]).status == 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.curio)
        process.arguments = ["--db", dir.file("s.db"), "user", "list", "--json"]
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        let err = Pipe()
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(message == "curio: cannot write to standard output: No space left on device\n", "\(message)")
    }
}
