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
        _ = try runCurio(["--db", dir.file("flag.db"), "user", "list"], environment: ["CURIO_DB": dir.file("env.db")])
        #expect(FileManager.default.fileExists(atPath: dir.file("flag.db")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("env.db")))
        _ = try runCurio(["user", "list"], environment: ["CURIO_DB": dir.file("env.db")])
        #expect(FileManager.default.fileExists(atPath: dir.file("env.db")))
        _ = try runCurio(["user", "list"], environment: ["XDG_DATA_HOME": dir.file("xdg")])
        #expect(FileManager.default.fileExists(atPath: dir.file("xdg/curio/curio.db")))
        _ = try runCurio(["user", "list"], environment: ["HOME": dir.file("home"), "XDG_DATA_HOME": ""])
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
