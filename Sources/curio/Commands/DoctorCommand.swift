import Commerce
import Foundation

/// `curio doctor`: integrity, foreign keys and the shop's invariants.
enum DoctorCommand {
    static let command = Command(
        path: ["doctor"],
        summary: "check the database for damage and broken invariants",
        details: """
            Runs SQLite's integrity check, the foreign key check, and the shop's invariants (stock equals
            the inventory ledger, no negative stock, cached prices and ratings match their sources, every
            order has lines, order totals add up, payment status matches refunds). Prints each check and
            its problems, then the shop's counts and totals (rows per table; sums of money, stock and
            units), which agree between a shop and its copy made by 'curio migrate-to'. Exit status 1
            when anything is wrong.
            """,
        options: [
            OptionSpec.json("print the results as JSON"),
            OptionSpec(name: "--repair-search", value: nil, help: "rebuild the search index from the catalog first"),
        ],
        run: run)

    static func run(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let db = try context.openDatabase()
        let doctor = Doctor(database: db)
        if arguments.has("--repair-search") { try doctor.rebuildSearchIndex() }
        let results = try doctor.run()
        let failed = results.filter { !$0.passed }
        let census = try doctor.census()
        if arguments.has("--json") {
            let report = Report(database: context.location.description, ok: failed.isEmpty,
                                checks: results.map { .init(name: $0.name, ok: $0.passed, problems: $0.problems) },
                                census: census.figures.map { .init(name: $0.name, value: $0.value) })
            context.out(try JSONOutput.encode(report) + "\n")
        } else {
            var text = "Checked \(context.location):\n"
            for result in results {
                text += "  \(result.passed ? "ok  " : "FAIL")  \(result.name)\n"
                for problem in result.problems { text += "          \(Sanitize.forTerminal(problem))\n" }
            }
            text += failed.isEmpty
                ? "\(results.count) checks, all passed.\n"
                : "\(results.count) checks, \(failed.count) failed.\n"
            text += "Counts and totals:\n"
            let width = census.figures.map(\.name.count).max() ?? 0
            for figure in census.figures {
                text += "  " + figure.name + String(repeating: " ", count: width - figure.name.count + 2) + "\(figure.value)\n"
            }
            context.out(text)
        }
        return failed.isEmpty ? 0 : 1
    }

    struct Report: Encodable {
        struct Check: Encodable { let name: String; let ok: Bool; let problems: [String] }
        struct Figure: Encodable { let name: String; let value: Int64 }
        let database: String
        let ok: Bool
        let checks: [Check]
        let census: [Figure]
    }
}
