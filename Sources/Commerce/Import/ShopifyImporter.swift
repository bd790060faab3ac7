import Foundation

/// Imports Shopify product CSV files (legacy or current headers) all or nothing, in one transaction.
/// Products match by handle and variants by their option values (a variant's identity; SKUs may
/// repeat and may be blank), so importing a file again updates instead of duplicating. Stock in the file becomes `import` ledger rows for the difference.
public struct ShopifyImporter {
    let store: Store

    /// An importer for `store`.
    public init(store: Store) { self.store = store }

    /// Imports the file at `path`. See `importCSV(_:options:by:progress:)`.
    @discardableResult
    public func importFile(atPath path: String, options: ImportOptions = ImportOptions(), by caller: Caller,
                           progress: ((_ rowsDone: Int, _ rowsTotal: Int) -> Void)? = nil) throws(ImportError) -> ImportReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try importCSV([UInt8](data), options: options, by: caller, progress: progress)
    }

    /// Imports CSV bytes. Every bad row is reported (`ImportError.invalidRows`) and then nothing is
    /// written; a dry run reports the changes and rolls them back. `progress` is called now and then
    /// with rows done and the total.
    @discardableResult
    public func importCSV(_ bytes: [UInt8], options: ImportOptions = ImportOptions(), by caller: Caller,
                          progress: ((_ rowsDone: Int, _ rowsTotal: Int) -> Void)? = nil) throws(ImportError) -> ImportReport {
        do { try caller.require(.staff, to: "import products") } catch { throw .refused(error) }
        let decoded = ImportEncoding.utf8Bytes(bytes, forced: options.encoding)
        let records: [CSVRecord]
        do {
            records = try CSVReader.records(decoded.bytes)
        } catch {
            throw .invalidRows([error])
        }
        let parsed = ShopifyParser.parse(records, currency: store.currency)
        var run = ImportRun(store: store, caller: caller, options: options, columns: parsed.columns)
        run.report.rows = parsed.rowCount
        run.report.dryRun = options.dryRun
        run.report.warnings = parsed.warnings.map(\.description)
        if options.encoding == nil && decoded.readAs != .utf8 {
            run.report.warnings.insert("the file is not valid UTF-8, so it was read as Windows-1252 (as Excel saves CSV); "
                                       + "give --encoding utf-8, windows-1252 or latin-1 to choose", at: 0)
        }
        do {
            try store.db.transaction(.immediate) {
                var done = 0
                for product in parsed.products {
                    try run.apply(product)
                    done += product.rowCount
                    if let progress, done % 1_000 < product.rowCount { progress(done, parsed.rowCount) }
                }
                progress?(parsed.rowCount, parsed.rowCount)
                if parsed.issues.isEmpty && run.issues.isEmpty && !options.dryRun {
                    try store.audit.record(caller, action: "products.import", entity: "product", entityID: nil, detail: [
                        "file": options.fileName, "rows": String(parsed.rowCount),
                        "created": String(run.report.productsCreated), "updated": String(run.report.productsUpdated),
                        "stock_changes": String(run.report.stockChanges),
                    ])
                } else {
                    throw RollBack()
                }
            }
        } catch is RollBack {
            let issues = (parsed.issues + run.issues).sorted { ($0.line, $0.column) < ($1.line, $1.column) }
            if !issues.isEmpty { throw .invalidRows(issues) }
        } catch let error as CommerceError {
            throw .refused(error)
        } catch let error as DatabaseError {
            throw .refused(.storage(error))
        } catch {
            throw .refused(.storage(DatabaseError(code: 1, message: "\(error)")))
        }
        return run.report
    }
}

/// Thrown inside the import transaction to undo it (a dry run, or rows with problems).
private struct RollBack: Error {}

extension Store {
    /// The Shopify CSV importer for this store.
    public var shopifyImporter: ShopifyImporter { ShopifyImporter(store: self) }
}
