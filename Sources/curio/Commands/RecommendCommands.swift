import Commerce
import Foundation

/// `curio recommend` (suggestions for a product or a customer) and `curio recommend evaluate`
/// (offline quality figures for each model).
enum RecommendCommands {
    static let all: [Command] = [recommend, evaluate]

    private static let jsonOption = OptionSpec.json()

    static let recommend = Command(
        path: ["recommend"],
        summary: "show recommendations for a product or a customer",
        details: """
            Builds the recommender from the shop's order history and prints, for a product, what is
            bought together with it ("also bought") and what looks like it ("similar"); for a customer,
            "for you" (from what they bought, or trending for a new customer) and "buy again". Sold-out,
            draft and archived products are never suggested. Every line says why it is suggested.

            --json prints:
              {"product": "HANDLE" | null, "user": "EMAIL" | null, "interactions": 3403,
               "lists": {"also_bought": [ITEM], "similar": [ITEM]}      (for --product)
               "lists": {"for_you": [ITEM], "buy_again": [ITEM]}         (for --user)}
              ITEM: {"rank": 1, "id": 12, "handle": "…", "title": "…", "score": 0.42,
                     "reason": "bought-together" | "similar" | "trending" | "bought-before",
                     "because": "bought together with …"}
            Exit status 1 when the product or account does not exist, 2 for a usage mistake.
            """,
        options: [
            OptionSpec(name: "--product", value: "HANDLE", help: "suggestions around this product"),
            OptionSpec(name: "--user", value: "EMAIL", help: "suggestions for this customer"),
            OptionSpec(name: "--k", value: "N", help: "suggestions per list, 1-\(RecommenderModel.maximumK) (default 10)"),
            jsonOption,
        ],
        run: runRecommend)

    static let evaluate = Command(
        path: ["recommend", "evaluate"],
        summary: "measure recommendation quality offline (HR, Recall, NDCG at 10)",
        arguments: [.optional("FILE.tsv")],
        details: """
            Reads user<TAB>item<TAB>timestamp lines (any integer or string ids; timestamps as integers,
            Unix seconds or milliseconds, or ISO-8601), or with --store the shop's own order history.
            Holds out the last 20% of each customer's interactions by time (at least one; customers
            with fewer than two only train), ranks the whole catalog for each customer without what
            they bought in training, and prints HR@10, Recall@10 and NDCG@10 for popularity, trending,
            content similarity (--store only) and item-to-item co-occurrence weighted by cosine and
            BM25. Each model's list is topped up from popularity.
            Malformed lines are reported as FILE:LINE: reason, and nothing is evaluated (exit status 1).

            --json prints:
              {"source": "…", "interactions": 3403, "users": 301, "items": 216, "held_out": 700,
               "users_with_nothing_new": 12, "k": 10,
               "models": [{"model": "popularity", "hit_rate": 0.21, "recall": 0.1, "ndcg": 0.09,
                           "users": 280, "fit_seconds": 0.001}]}
            """,
        options: [
            OptionSpec(name: "--store", value: nil, help: "evaluate the shop's order history (see --db)"),
            jsonOption,
        ],
        run: runEvaluate)

    // MARK: recommend

    private static func runRecommend(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let handle = arguments.value("--product"), email = arguments.value("--user")
        guard (handle == nil) != (email == nil) else {
            throw UsageError(message: "give either --product HANDLE or --user EMAIL")
        }
        var k = 10
        if let text = arguments.value("--k") {
            guard let number = Int(text), (1...RecommenderModel.maximumK).contains(number) else {
                throw UsageError(message: "--k: '\(Sanitize.forTerminal(text))' is not a number from 1 to \(RecommenderModel.maximumK)")
            }
            k = number
        }
        let store = try context.openStore()
        let recommender = try Recommender.build(from: store)
        var lists: [(key: String, title: String, list: RecommendationList)] = []
        if let handle {
            let product = try store.catalog.product(handle: handle, caller: .system).summary
            lists.append(("also_bought", "Customers also bought", recommender.alsoBought(product: product.id, k: k)))
            lists.append(("similar", "Similar products", recommender.similar(product: product.id, k: k)))
        } else if let email {
            let account = try store.accounts.profile(email: email, as: .system)
            lists.append(("for_you", "Recommended for you", recommender.forYou(user: account.id, k: k)))
            lists.append(("buy_again", "Buy again", recommender.buyAgain(user: account.id, k: k)))
        }
        if arguments.has("--json") {
            let json = RecommendJSON(product: handle, user: email, interactions: recommender.model?.interactionCount ?? 0,
                                     lists: Dictionary(uniqueKeysWithValues: lists.map { ($0.key, $0.list.items.enumerated().map(ItemJSON.init)) }))
            context.out(try JSONOutput.encode(json) + "\n")
            return 0
        }
        var text = ""
        for (_, title, list) in lists {
            text += "\(title):\n"
            if list.items.isEmpty {
                text += "  (nothing to suggest)\n"
                continue
            }
            let rows = list.items.enumerated().map { rank, item in
                [String(rank + 1), item.product.title, item.product.handle, String(format: "%.3f", item.score), item.reason.description]
            }
            text += TextTable.render(header: ["#", "TITLE", "HANDLE", "SCORE", "WHY"], rows: rows)
                .split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        context.out(text)
        return 0
    }

    // MARK: evaluate

    private static func runEvaluate(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let report: EvaluationReport
        if arguments.has("--store") {
            guard arguments.optionalArgument("FILE.tsv") == nil else { throw UsageError(message: "give either FILE.tsv or --store, not both") }
            report = try Evaluator.evaluate(store: try context.openStore())
        } else {
            guard let file = arguments.optionalArgument("FILE.tsv") else {
                throw UsageError(message: "FILE.tsv (or --store) is required")
            }
            let path = file.hasPrefix("/") ? file
                : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(file)
            do {
                report = Evaluator.evaluate(try InteractionFile.read(path: path, name: file), source: file)
            } catch {
                context.err(Sanitize.forTerminal(error.description, allowNewlines: true) + "\n")
                return 1
            }
        }
        if arguments.has("--json") {
            context.out(try JSONOutput.encode(EvaluationJSON(report)) + "\n")
            return 0
        }
        var text = """
            \(report.source): \(report.interactions) interactions, \(report.users) users, \(report.items) items; \
            \(report.heldOut) held out (last 20% per user), \(report.usersWithNothingNew) users with nothing new held out

            """
        let rows = report.models.map { model in
            [model.model, String(format: "%.4f", model.metrics.hitRate), String(format: "%.4f", model.metrics.recall),
             String(format: "%.4f", model.metrics.ndcg), String(model.metrics.users), String(format: "%.3f s", model.fitSeconds)]
        }
        text += TextTable.render(header: ["MODEL", "HR@\(report.k)", "RECALL@\(report.k)", "NDCG@\(report.k)", "USERS", "FIT"], rows: rows)
        context.out(text)
        return 0
    }

}

// MARK: JSON shapes (documented in each command's details)

private struct RecommendJSON: Encodable {
    let product: String?
    let user: String?
    let interactions: Int
    let lists: [String: [ItemJSON]]

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(product, forKey: .product)
        try container.encode(user, forKey: .user)
        try container.encode(interactions, forKey: .interactions)
        try container.encode(lists, forKey: .lists)
    }

    private enum CodingKeys: String, CodingKey { case product, user, interactions, lists }
}

private struct ItemJSON: Encodable {
    let rank: Int
    let id: Int64
    let handle: String
    let title: String
    let score: Double
    let reason: String
    let because: String

    init(_ offset: Int, _ item: Recommendation) {
        rank = offset + 1
        id = item.product.id.rawValue
        handle = item.product.handle
        title = item.product.title
        score = (item.score * 10_000).rounded() / 10_000
        reason = item.reason.kind
        because = item.reason.description
    }
}

private struct EvaluationJSON: Encodable {
    struct Model: Encodable {
        let model: String
        let hit_rate: Double
        let recall: Double
        let ndcg: Double
        let users: Int
        let fit_seconds: Double
    }

    let source: String
    let interactions: Int
    let users: Int
    let items: Int
    let held_out: Int
    let users_with_nothing_new: Int
    let k: Int
    let models: [Model]

    init(_ report: EvaluationReport) {
        source = report.source
        interactions = report.interactions
        users = report.users
        items = report.items
        held_out = report.heldOut
        users_with_nothing_new = report.usersWithNothingNew
        k = report.k
        models = report.models.map {
            Model(model: $0.model, hit_rate: $0.metrics.hitRate, recall: $0.metrics.recall, ndcg: $0.metrics.ndcg,
                  users: $0.metrics.users, fit_seconds: $0.fitSeconds)
        }
    }
}
