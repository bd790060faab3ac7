/// What an import changed (or, for a dry run, would change).
public struct ImportReport: Sendable, Equatable, Codable {
    /// True when nothing was written.
    public var dryRun = false
    /// Data rows read (the header not counted).
    public var rows = 0
    /// Products new to the shop.
    public var productsCreated = 0
    /// Existing products (matched by handle) whose fields changed.
    public var productsUpdated = 0
    /// Existing products the file left as they were.
    public var productsUnchanged = 0
    /// Variants new to the shop.
    public var variantsCreated = 0
    /// Existing variants (matched by handle and option values) whose fields changed.
    public var variantsUpdated = 0
    /// Existing variants the file left as they were.
    public var variantsUnchanged = 0
    /// Inventory ledger rows written (reason `import`), one per variant whose stock changed.
    public var stockChanges = 0
    /// Units added to stock across all variants.
    public var unitsAdded = 0
    /// Units taken off stock across all variants.
    public var unitsRemoved = 0
    /// Categories created for Type / Product category paths.
    public var categoriesCreated = 0
    /// Cells that were read with a correction (such as negative stock read as 0), as `LINE:COLUMN: reason`.
    public var warnings: [String] = []

    /// An empty report.
    public init() {}

    /// The report as a few lines for people.
    public var summary: String {
        var lines = [
            "\(dryRun ? "Dry run, nothing written: would import" : "Imported") \(rows) row(s).",
            "Products: \(productsCreated) created, \(productsUpdated) updated, \(productsUnchanged) unchanged.",
            "Variants: \(variantsCreated) created, \(variantsUpdated) updated, \(variantsUnchanged) unchanged.",
            "Stock: \(stockChanges) change(s), +\(unitsAdded) / -\(unitsRemoved) units.",
        ]
        if categoriesCreated > 0 { lines.append("Categories created: \(categoriesCreated).") }
        for warning in warnings { lines.append("warning: \(warning)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// How to run an import.
public struct ImportOptions: Sendable {
    /// Work out and report the changes, then roll them back.
    public var dryRun = false
    /// The file's name, written to the audit log and ledger notes.
    public var fileName = "products.csv"
    /// The file's encoding; nil reads UTF-8 and falls back to Windows-1252 (with a warning) for anything else.
    public var encoding: ImportEncoding?

    /// Default options: a real import.
    public init(dryRun: Bool = false, fileName: String = "products.csv", encoding: ImportEncoding? = nil) {
        self.dryRun = dryRun
        self.fileName = fileName
        self.encoding = encoding
    }
}
