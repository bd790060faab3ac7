import Foundation
import Testing

/// `curio recommend` and `curio recommend evaluate`, run as the built binary on a seeded demo store.
@Suite("CLI: recommend", .serialized)
struct RecommendCommandTests {
    let folder = TempFolder()
    var database: String { folder.file("shop.db") }

    func curio(_ arguments: String...) throws -> RunResult {
        try runCurio(["--db", database] + arguments)
    }

    func seeded() throws -> RecommendCommandTests {
        let result = try curio("seed")
        #expect(result.status == 0, "seed failed: \(result.stderr)")
        return self
    }

    @Test func productAndUserListsWithReasons() throws {
        let cli = try seeded()
        let product = try cli.curio("recommend", "--product", "pour-over-dripper-ceramic", "--k", "3")
        #expect(product.status == 0)
        #expect(product.stdout.contains("Customers also bought:") && product.stdout.contains("Similar products:"))
        #expect(product.stdout.contains("bought together with Pour-Over Dripper, Ceramic"))
        let user = try cli.curio("recommend", "--user", "shopper@curio.shop", "--json")
        #expect(user.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(user.stdout.utf8)) as? [String: Any])
        let lists = try #require(json["lists"] as? [String: [[String: Any]]])
        #expect(lists["for_you"]?.count == 10)
        #expect(lists["buy_again"]?.first?["reason"] as? String == "bought-before")
    }

    @Test func usageMistakesExitTwoAndUnknownNamesExitOne() throws {
        let cli = try seeded()
        #expect(try cli.curio("recommend").status == 2)
        #expect(try cli.curio("recommend", "--product", "a", "--user", "b@c.d").status == 2)
        #expect(try cli.curio("recommend", "--product", "pour-over-dripper-ceramic", "--k", "0").status == 2)
        #expect(try cli.curio("recommend", "evaluate").status == 2)
        let product = try cli.curio("recommend", "--product", "no-such-thing")
        #expect(product.status == 1 && product.stderr.contains("no-such-thing"))
        #expect(try cli.curio("recommend", "--user", "nobody@example.com").status == 1)
    }

    @Test func evaluateStoreAndFiles() throws {
        let cli = try seeded()
        let store = try cli.curio("recommend", "evaluate", "--store")
        #expect(store.status == 0)
        #expect(store.stdout.contains("NDCG@10") && store.stdout.contains("item-item bm25"))
        try "u1\ta\t1\nu1\tb\t2\nu2\ta\t1\nu2\tb\t5\n".write(toFile: folder.file("good.tsv"), atomically: true, encoding: .utf8)
        let good = try runCurio(["recommend", "evaluate", folder.file("good.tsv"), "--json"])
        #expect(good.status == 0)
        #expect(good.stdout.contains("\"hit_rate\""))
        try "u1\ta\t1\nu1\ta\nu2\tb\tsoon\n".write(toFile: folder.file("bad.tsv"), atomically: true, encoding: .utf8)
        let bad = try runCurio(["recommend", "evaluate", folder.file("bad.tsv")])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.tsv:2: expected 3 tab-separated fields"))
        #expect(bad.stderr.contains("bad.tsv:3: timestamp 'soon'"))
        #expect(try runCurio(["recommend", "evaluate", folder.file("missing.tsv")]).status == 1)
    }
}
