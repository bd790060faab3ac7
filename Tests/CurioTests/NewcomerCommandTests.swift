import Foundation
import Testing
@testable import curio

/// The command line as a newcomer meets it (issue 13): themes and the demo from any folder,
/// bounded secrets on standard input, numbers that cannot trap, addresses that can be mailed.
@Suite("CLI for a newcomer") struct NewcomerCommandTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary carries every theme of `Themes/` and the sample catalog, byte for byte.
    @Test func theBinaryCarriesThemesAndTheSampleCatalog() throws {
        let folder = Self.repositoryRoot.appendingPathComponent("Themes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(EmbeddedResources.themes.map(\.name) == files.map { String($0.dropLast(5)) })
        for theme in EmbeddedResources.themes {
            #expect(theme.json == (try String(contentsOf: folder.appendingPathComponent(theme.name + ".json"), encoding: .utf8)))
        }
        let catalog = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("SampleData/products.csv"), encoding: .utf8)
        #expect(EmbeddedResources.sampleCatalogCSV == catalog)
    }

    /// From a folder with no `Themes/` or `SampleData/`: a theme is found and the demo is set up;
    /// an unknown theme is a usage mistake that lists the themes.
    @Test func themesAndTheDemoWorkFromAnyFolder() throws {
        let elsewhere = TempFolder()
        let db = elsewhere.file("shop.db")
        let light = try runCurio(["--db", db, "--theme", "light"], directory: elsewhere.path)
        #expect(light.status == 0, "\(light.stderr)")
        #expect(light.stderr.contains("Demo shop ready: 216 products"))
        #expect(!light.stderr.contains("theme"), "the theme was found")
        let unknown = try runCurio(["--db", db, "--theme", "nosuch"], directory: elsewhere.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no theme named 'nosuch'; the themes are default, high-contrast, light, mono, solarized"))
        let seeded = try runCurio(["--db", elsewhere.file("seed.db"), "seed"], directory: elsewhere.path)
        #expect(seeded.status == 0 && seeded.stdout.contains("216 products"), "\(seeded.stderr)")
    }

    /// `--card-stdin` and `--password-stdin` read one line of bounded length, however much is piped.
    @Test func secretsOnStandardInputAreOneBoundedLine() throws {
        let folder = TempFolder()
        let db = folder.file("shop.db")
        #expect(try runCurio(["--db", db, "seed"]).status == 0)
        let flood = Data(repeating: UInt8(ascii: "4"), count: 20_000_000)
        let card = try runCurio(["--db", db, "order", "place", "--as", "shopper@curio.shop", "--item", "TAB-052-01:1", "--card-stdin"], input: flood)
        #expect(card.status == 1)
        #expect(card.stderr == "curio: --card-stdin: the line on standard input is longer than 256 bytes\n")
        let password = try runCurio(["--db", db, "user", "add", "kim@example.com", "--name", "Kim", "--password-stdin"], input: flood)
        #expect(password.status == 1 && password.stderr.contains("--password-stdin: the line on standard input is longer than 1024 bytes"))
        let ok = try runCurio(["--db", db, "order", "place", "--as", "shopper@curio.shop", "--item", "TAB-052-01:1", "--card-stdin"],
                              stdin: "4242424242424242 12/39 123\r\nmore lines are not read\n")
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    /// Timestamps at the ends of Int64 are refused line by line, never a trap.
    @Test func evaluateRefusesExtremeTimestamps() throws {
        let folder = TempFolder()
        let file = folder.file("extreme.tsv")
        try "u1\ta\t-9223372036854775808\nu1\tb\t9223372036854775807\nu2\ta\t5\nu2\tb\t99999-01-01\n".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try runCurio(["recommend", "evaluate", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains("extreme.tsv:1: timestamp '-9223372036854775808' is outside the years 0001 to 9999"))
        #expect(result.stderr.contains("extreme.tsv:2: timestamp '9223372036854775807' is outside the years 0001 to 9999"))
        #expect(result.stderr.contains("extreme.tsv:4:"))
        try "u1\ta\t-62135596800000\nu1\tb\t253402300799999\nu1\tc\t0001-01-01\nu2\ta\t9999-12-31T23:59:59Z\nu2\tc\t1\n"
            .write(toFile: file, atomically: true, encoding: .utf8)
        let edges = try runCurio(["recommend", "evaluate", file])
        #expect(edges.status == 0, "the first and last moments of the range evaluate: \(edges.stderr)")
    }

    @Test func anAddressNoMessageCouldReachIsRefused() throws {
        let folder = TempFolder()
        let db = folder.file("shop.db")
        #expect(try runCurio(["--db", db, "init"]).status == 0)
        let result = try runCurio(["--db", db, "user", "add", "ü@exämple.com", "--name", "U"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("email: use an address in plain ASCII letters"))
    }

    /// A local guest's cart is keyed to the OS account; inside an SSH session (every visitor runs as
    /// the same account) a random key until the SSH entry point keys it by identity.
    @Test func theGuestCartKeyFollowsWhereTheShopRuns() {
        #expect(Storefront.guestToken([:]).hasPrefix("local-") && Storefront.guestToken([:]) == Storefront.guestToken([:]))
        #expect(Storefront.guestToken(["SSH_CONNECTION": "10.0.0.1 5555 10.0.0.2 22"]).hasPrefix("guest-"))
        #expect(Storefront.guestToken(["SSH_CLIENT": "x"]) != Storefront.guestToken(["SSH_CLIENT": "x"]))
    }
}
