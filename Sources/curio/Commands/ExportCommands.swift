import Commerce
import Foundation

/// Exports for staff: orders and customers as CSV (safe to open in a spreadsheet) or JSON.
enum ExportCommands {
    static let all: [Command] = [orders, customers]

    static let formatOption = OptionSpec(name: "--format", value: "csv|json", help: "csv (default) or json")
    static let outputOption = OptionSpec(name: "--output", value: "FILE",
                                         help: "write to FILE (replaced only when the export succeeds; - is standard output)")

    static let orders = Command(
        path: ["export", "orders"],
        summary: "export orders as CSV or JSON, oldest first",
        details: """
            One row per order: number, placed_at (ISO 8601 UTC), email, status, payment status and method,
            items, subtotal, discount, shipping, tax, total, refunded, ship-to name and country, carrier and
            tracking number. --since and --until take a UTC date (YYYY-MM-DD); --until includes that day.
            CSV cells that a spreadsheet would run as a formula (starting with = + - @) are prefixed with '.
            --format json writes an array of objects with the same fields (amounts as {"amount", "currency",
            "minorUnits"}, times in ms since the epoch).
            """,
        options: [
            OptionSpec(name: "--status", value: "STATUS", help: "PENDING, PROCESSING, SHIPPED, DELIVERED or CANCELLED"),
            OptionSpec(name: "--since", value: "DATE", help: "placed on or after this UTC day (YYYY-MM-DD)"),
            OptionSpec(name: "--until", value: "DATE", help: "placed on or before this UTC day (YYYY-MM-DD)"),
            formatOption, outputOption,
        ],
        run: { context, arguments in
            var filter = OrderExportFilter()
            if let text = arguments.value("--status") {
                guard let status = OrderStatus(rawValue: text.uppercased()) else {
                    throw UsageError(message: "unknown status '\(Sanitize.forTerminal(text))' (PENDING, PROCESSING, SHIPPED, DELIVERED, CANCELLED)")
                }
                filter.status = status
            }
            filter.since = try day(arguments, "--since")?.startMilliseconds
            filter.until = try day(arguments, "--until")?.adding(1).startMilliseconds
            if let since = filter.since, let until = filter.until, since >= until {
                throw UsageError(message: "--since must be on or before --until")
            }
            let json = try isJSON(arguments)
            let store = try context.openStore()
            let count = try write(json: json, columns: OrderExportRow.columns, cells: \.cells, arguments, context) { each throws(CommerceError) in
                try store.dataExport.orders(filter, as: context.actor, each: each)
            }
            report(count, "order", arguments, context)
            return 0
        })

    static let customers = Command(
        path: ["export", "customers"],
        summary: "export customer accounts as CSV or JSON",
        details: """
            One row per customer account: id, email, name, role, disabled, created_at (ISO 8601 UTC), orders
            and lifetime_value (what their orders came to, less refunds). CSV cells starting with = + - @ are
            prefixed with ' so a spreadsheet shows them as text. --format json writes an array of objects.
            """,
        options: [formatOption, outputOption],
        run: { context, arguments in
            let json = try isJSON(arguments)
            let store = try context.openStore()
            let count = try write(json: json, columns: CustomerExportRow.columns, cells: \.cells, arguments, context) { each throws(CommerceError) in
                try store.dataExport.customers(as: context.actor, each: each)
            }
            report(count, "customer", arguments, context)
            return 0
        })

    /// Writes the rows `produce` hands over to `--output` as a JSON array or as CSV with a header of
    /// `columns` (cells made safe for spreadsheets); returns how many rows were written.
    private static func write<Row: Encodable>(json: Bool, columns: [String], cells: KeyPath<Row, [String]>,
                                              _ arguments: ParsedArguments, _ context: CommandContext,
                                              _ produce: (_ each: (Row) throws -> Void) throws(CommerceError) -> Void) throws -> Int {
        var count = 0
        try OutputTarget.write(to: arguments.value("--output"), context: context) { sink in
            try withoutActuallyEscaping(sink) { sink in
                var array = JSONArrayStream()
                sink(json ? array.start : SpreadsheetCell.csvRecord(columns))
                try produce { row in
                    sink(json ? try array.element(row) : SpreadsheetCell.csvRecord(row[keyPath: cells]))
                    count += 1
                }
                if json { sink(array.end) }
            }
        }
        return count
    }

    private static func isJSON(_ arguments: ParsedArguments) throws -> Bool {
        switch arguments.value("--format")?.lowercased() ?? "csv" {
        case "csv": return false
        case "json": return true
        case let other: throw UsageError(message: "--format must be csv or json, not '\(Sanitize.forTerminal(other))'")
        }
    }

    /// The UTC day given with `option`, or nil when it was not given.
    static func day(_ arguments: ParsedArguments, _ option: String) throws -> CivilDay? {
        guard let text = arguments.value(option) else { return nil }
        guard let day = CivilDay(iso: text) else {
            throw UsageError(message: "\(option) must be a date like 2026-03-01, not '\(Sanitize.forTerminal(text))'")
        }
        return day
    }

    private static func report(_ count: Int, _ noun: String, _ arguments: ParsedArguments, _ context: CommandContext) {
        if let output = arguments.value("--output"), output != "-" {
            context.err("Exported \(count) \(noun)\(count == 1 ? "" : "s") to \(Sanitize.forTerminal(output)).\n")
        }
    }
}
