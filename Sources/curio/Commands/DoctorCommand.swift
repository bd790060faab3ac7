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
            its problems. Exit status 1 when anything is wrong.
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
        if arguments.has("--json") {
            let report = Report(database: context.location.description, ok: failed.isEmpty,
                                checks: results.map { .init(name: $0.name, ok: $0.passed, problems: $0.problems) })
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
            context.out(text)
        }
        return failed.isEmpty ? 0 : 1
    }

    struct Report: Encodable {
        struct Check: Encodable { let name: String; let ok: Bool; let problems: [String] }
        let database: String
        let ok: Bool
        let checks: [Check]
    }
}
