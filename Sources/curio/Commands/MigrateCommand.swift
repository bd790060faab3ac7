import Commerce
import Foundation

/// `curio migrate-to TARGET`: copies the shop into an empty PostgreSQL database or a new SQLite file.
enum MigrateCommand {
    static let command = Command(
        path: ["migrate-to"],
        summary: "copy the shop into an empty PostgreSQL database, or into a new SQLite file",
        arguments: [.required("TARGET")],
        details: """
            Copies every product, account, order, payment, ledger entry, event and setting of the shop at
            --db into TARGET: a postgresql:// URI (an empty database, or one holding an empty Curio schema)
            or the path of a SQLite file that does not exist yet. Rows keep their ids; the search index is
            rebuilt. It runs in one transaction on each side and holds the shop's writer lock throughout,
            so the copy is the shop at one moment and sessions placing orders wait until it ends: stop
            sshd or run it in a quiet hour. Before committing, the copy's counts and totals must equal the
            shop's and 'curio doctor' must pass on the copy everything it passes on the shop; otherwise
            nothing is kept. The shop at --db is never changed. Exit status 1 when the copy was refused.
            Then serve the copy: curio --db TARGET (or set CURIO_DB=TARGET).
            """,
        options: [OptionSpec.json("print the copied tables and the counts as JSON")],
        run: run)

    static func run(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let target = StoreLocation(arguments.argument("TARGET"))
        let json = arguments.has("--json")
        let report = try ShopMigration.copy(from: context.location, to: target) { table, rows in
            if !json { context.err("  copied \(table): \(rows) rows\n") }
        }
        if json {
            context.out(try JSONOutput.encode(Report(source: context.location.description, target: report.target,
                                                     tables: report.tables.map { .init(name: $0.name, rows: $0.rows) },
                                                     census: report.census.figures.map { .init(name: $0.name, value: $0.value) })) + "\n")
            return 0
        }
        let rows = report.tables.reduce(0) { $0 + $1.rows }
        var text = "Copied the shop at \(Sanitize.forTerminal(context.location.description)) into \(Sanitize.forTerminal(report.target)):\n"
        text += TextTable.render(header: ["TABLE", "ROWS"], rows: report.tables.map { [$0.name, "\($0.rows)"] })
        text += "\(rows) rows in \(report.tables.count) tables. Counts and totals match the shop's and doctor passes on the copy.\n"
        text += "Serve it with: curio --db \(Sanitize.forTerminal(report.target))\n"
        context.out(text)
        return 0
    }

    struct Report: Encodable {
        struct Table: Encodable { let name: String; let rows: Int64 }
        struct Figure: Encodable { let name: String; let value: Int64 }
        let source: String
        let target: String
        let tables: [Table]
        let census: [Figure]
    }
}
