import Foundation
import Testing

@Suite struct DeepLinkCommandTests {
    @Test func linksAreCommandsAndSearchStillPrintsWithoutATerminal() throws {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        #expect(try runCurio(["--db", db, "seed"]).status == 0)
        // Without a terminal a link opens nothing: the shop's summary, as plain `curio` prints.
        for words in [["cart"], ["orders"], ["product", "kenya-nyeri-aa"]] {
            let result = try runCurio(["--db", db] + words)
            #expect(result.status == 0 && result.stdout.hasPrefix("Curio shop at "), "\(words)")
        }
        #expect(try runCurio(["--db", db, "product", "Not/A/Handle"]).status == 2)
        #expect(try runCurio(["--db", db, "product", "show", "kenya-nyeri-aa"]).stdout.contains("Kenya Nyeri AA"))
        #expect(try runCurio(["--db", db, "search", "kenya"]).stdout.contains("kenya-nyeri-aa"))
        #expect(try runCurio(["--help"]).stdout.contains("ssh-config"))
    }
}
