import Commerce
import Foundation

/// Catalog editing, Shopify CSV import/export and seeding commands. They act as the system.
enum ImportCommands {
    static let all: [Command] = [importProducts, exportProducts, seed] + ProductEditCommands.all

    static let importProducts = Command(
        path: ["import", "products"],
        summary: "import a Shopify product CSV (all or nothing)",
        arguments: [.required("FILE.csv")],
        details: """
            Reads Shopify's product CSV in the legacy or the current header set (headers match ignoring case;
            unknown columns are ignored). Products match by handle and variants by their option values (SKUs
            may repeat or be blank), so importing the same file again updates instead of duplicating.
            A file that is not valid UTF-8 is read as Windows-1252 (as Excel saves CSV), with a warning;
            --encoding chooses instead. Stock in the file is written to
            the inventory ledger (reason "import") as the difference from the current stock.
            Nothing is imported when any row is bad: every bad row is printed as FILE:LINE:COLUMN: reason
            (LINE is where the row starts, COLUMN the cell's 1-based number) and the exit status is 1.
            --dry-run reports what would change and writes nothing. A progress bar is drawn on standard
            error when it is a terminal. --json prints {"dryRun", "rows", "productsCreated", "productsUpdated",
            "productsUnchanged", "variantsCreated", "variantsUpdated", "variantsUnchanged", "stockChanges",
            "unitsAdded", "unitsRemoved", "categoriesCreated", "warnings"}, or on failure
            {"ok": false, "errors": [{"line", "column", "reason"}]}.
            """,
        options: [
            OptionSpec(name: "--dry-run", value: nil, help: "report what would change; write nothing"),
            OptionSpec(name: "--encoding", value: "NAME",
                       help: "utf-8, windows-1252 or latin-1 (default: UTF-8, else Windows-1252 with a warning)"),
            OptionSpec.json("print the report as JSON"),
        ],
        run: runImport)

    static func runImport(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let file = arguments.argument("FILE.csv")
        let json = arguments.has("--json")
        var encoding: ImportEncoding?
        if let name = arguments.value("--encoding") {
            guard let named = ImportEncoding(name: name) else {
                throw UsageError(message: "--encoding '\(Sanitize.forTerminal(name))' is not utf-8, windows-1252 or latin-1")
            }
            encoding = named
        }
        let store = try context.openOrCreateStore()
        let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1 && !json, err: context.err)
        let report: ImportReport
        do throws(ImportError) {
            report = try store.shopifyImporter.importFile(
                atPath: file, options: ImportOptions(dryRun: arguments.has("--dry-run"), fileName: (file as NSString).lastPathComponent,
                                                 encoding: encoding),
                by: context.actor, progress: { bar.update($0, of: $1) })
            bar.finish()
        } catch .invalidRows(let issues) {
            bar.finish()
            for issue in issues { context.err(Sanitize.forTerminal(issue.formatted(file: file)) + "\n") }
            context.err("curio: \(issues.count) problem(s) in \(Sanitize.forTerminal(file)); nothing was imported\n")
            if json { context.out(try JSONOutput.encode(ImportFailure(ok: false, errors: issues)) + "\n") }
            return 1
        } catch {
            bar.finish()
            context.err("curio: \(Sanitize.forTerminal(error.description))\n")
            return 1
        }
        context.out(json ? try JSONOutput.encode(report) + "\n" : Sanitize.forTerminal(report.summary, allowNewlines: true))
        return 0
    }

    private struct ImportFailure: Encodable {
        let ok: Bool
        let errors: [ImportIssue]
    }

    static let exportProducts = Command(
        path: ["export", "products"],
        summary: "export the catalog as a Shopify product CSV",
        details: """
            Writes every product (any status) in Shopify's legacy CSV format: one row per variant, product
            cells on the first row only, extra rows for further images. Importing the file gives back the
            same catalog. Writes to standard output unless --output is given.
            """,
        options: [OptionSpec(name: "--output", value: "FILE", help: "write to FILE (replaced only when the export succeeds; - is standard output)")],
        run: { context, arguments in
            let store = try context.openStore()
            let output = arguments.value("--output")
            try OutputTarget.write(to: output, context: context) { sink in
                try store.shopifyExporter.export(by: context.actor, to: sink)
            }
            if let output, output != "-" {
                context.err("Exported \(try store.catalog.productCount(includingInactive: true, caller: .system)) product(s) to \(Sanitize.forTerminal(output)).\n")
            }
            return 0
        })

    static let seed = Command(
        path: ["seed"],
        summary: "load the demo store, or generate a large one for benchmarks",
        details: """
            Without --products/--orders: loads the demo store — the catalog in SampleData/products.csv,
            shipping methods, tax rates, discount codes, the demo accounts (printed with their passwords),
            300 customers, six months of orders and reviews. The same every time.
            With --products N --orders M: generates a synthetic store of that size (fast; for benchmarks).
            Refuses a database that already has products unless --force is given.
            SampleData is looked for in --sample-data, $CURIO_SAMPLE_DATA, the source tree curio was built
            from, and the current folder and its parents. --json prints {"products", "variants", "categories",
            "customers", "orders", "orderLines", "reviews", "accounts", "seconds"}.
            """,
        options: [
            OptionSpec(name: "--products", value: "N", help: "generate N synthetic products"),
            OptionSpec(name: "--orders", value: "M", help: "generate M synthetic orders"),
            OptionSpec(name: "--force", value: nil, help: "seed even when the store has products"),
            OptionSpec(name: "--sample-data", value: "DIR", help: "the folder holding products.csv"),
            OptionSpec.json("print the report as JSON"),
        ],
        run: runSeed)

    static func runSeed(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let force = arguments.has("--force")
        let json = arguments.has("--json")
        let report: SeedReport
        if arguments.value("--products") != nil || arguments.value("--orders") != nil {
            let products = try count(arguments, "--products")
            let orders = try count(arguments, "--orders")
            // A generated store killed half way is redone from scratch rather than added to.
            if force, try StoreGenerator.discardInterrupted(at: context.databasePath) {
                context.err("curio: removed the unfinished generated store at \(Sanitize.forTerminal(context.databasePath)); generating it again\n")
            }
            let store = try context.openOrCreateStore()
            let bar = ProgressBar(enabled: isatty(STDERR_FILENO) == 1 && !json, err: context.err)
            report = try StoreGenerator.generate(into: store, products: products, orders: orders, force: force) { phase, done, total in
                bar.update(done, of: total, label: phase)
            }
            bar.finish()
        } else {
            report = try seedDemo(store: try context.openOrCreateStore(), arguments, context, force: force)
        }
        if json {
            context.out(try JSONOutput.encode(report) + "\n")
            return 0
        }
        var text = """
            Seeded \(context.location) in \(String(format: "%.1f", report.seconds)) s:
              \(report.products) products (\(report.variants) variants) in \(report.categories) categories
              \(report.customers) customers, \(report.orders) orders (\(report.orderLines) lines), \(report.reviews) reviews

            """
        if !report.accounts.isEmpty {
            text += "Demo accounts (email / password):\n"
            for account in report.accounts {
                text += "  \(account.email.padding(toLength: 20, withPad: " ", startingAt: 0))  \(account.password.padding(toLength: 15, withPad: " ", startingAt: 0))  \(account.role.rawValue)\n"
            }
        }
        context.out(text)
        return 0
    }

    private static func count(_ arguments: ParsedArguments, _ name: String) throws -> Int {
        guard let text = arguments.value(name) else { throw UsageError(message: "--products and --orders go together; give both") }
        guard let value = Int(text), value >= 0, value <= 10_000_000 else {
            throw UsageError(message: "\(name) takes a whole number from 0 to 10000000, not '\(Sanitize.forTerminal(text))'")
        }
        return value
    }

    /// Seeds the demo store from `--sample-data DIR` (or `$CURIO_SAMPLE_DATA`) when given, else from
    /// the catalog the binary carries (built from `SampleData/`), so it works from any folder.
    static func seedDemo(store: Store, _ arguments: ParsedArguments, _ context: CommandContext, force: Bool) throws(SeedError) -> SeedReport {
        if let folder = sampleFolder(arguments, context) { return try DemoSeeder.seed(store: store, sampleData: folder, force: force) }
        return try DemoSeeder.seed(store: store, catalogCSV: Array(EmbeddedResources.sampleCatalogCSV.utf8), force: force)
    }

    /// Seeds the demo store as `seedDemo` does when it has no products yet; nil when it has some.
    static func seedDemoIfEmpty(store: Store, _ arguments: ParsedArguments, _ context: CommandContext) throws(SeedError) -> SeedReport? {
        if let folder = sampleFolder(arguments, context) { return try DemoSeeder.seedIfEmpty(store: store, sampleData: folder) }
        return try DemoSeeder.seedIfEmpty(store: store, catalogCSV: Array(EmbeddedResources.sampleCatalogCSV.utf8))
    }

    private static func sampleFolder(_ arguments: ParsedArguments, _ context: CommandContext) -> String? {
        arguments.value("--sample-data") ?? context.environment["CURIO_SAMPLE_DATA"]
    }
}

/// A one-line progress bar on standard error, redrawn in place; silent when not on a terminal.
final class ProgressBar {
    private let enabled: Bool
    private let err: @Sendable (String) -> Void
    private var lastPercent = -1
    private var drawn = false

    init(enabled: Bool, err: @escaping @Sendable (String) -> Void) {
        self.enabled = enabled
        self.err = err
    }

    func update(_ done: Int, of total: Int, label: String = "rows") {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        err("\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] \(percent)% \(done)/\(total) \(label)  ")
        drawn = true
    }

    func finish() {
        if drawn { err("\r\u{1B}[K") }
        drawn = false
        lastPercent = -1
    }
}
