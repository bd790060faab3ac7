import Foundation

/// What `ShopMigration.copy` did.
public struct MigrationReport: Sendable, Equatable {
    /// One table copied.
    public struct Table: Sendable, Equatable {
        /// The table's name.
        public let name: String
        /// The rows copied.
        public let rows: Int64
    }
    /// Where the shop was copied to.
    public let target: String
    /// Each copied table with the rows copied, in copy order.
    public let tables: [Table]
    /// The counts and totals both databases now agree on.
    public let census: ShopCensus
}

/// Copies a whole shop from one database to another — a SQLite file to PostgreSQL, PostgreSQL to a new
/// SQLite file, or either to its own kind — in one transaction on each side:
/// - the source's writer lock is held throughout, so the copy is the shop at one moment and no order
///   placed meanwhile is left behind (sessions wait, as they wait for any writer);
/// - the target must be empty: a PostgreSQL database with no tables or an empty Curio schema, or a file
///   that does not exist yet (written beside it under a temporary name and linked into place only when
///   complete, so a failed copy leaves no file and an existing one is never replaced);
/// - rows keep their ids and are written in foreign-key order with the schema's triggers off, so stock,
///   caches and summaries arrive as they were rather than counted again; identities then continue past
///   the largest id, the search index is rebuilt and the planner's statistics gathered;
/// - before committing, the copy's counts and totals (`ShopCensus`) must equal the source's and `Doctor`
///   must pass on the copy every check it passes on the source; otherwise nothing is kept.
public enum ShopMigration {
    /// Copies the shop at `source` into `target`; `tableCopied` hears each table as it finishes.
    public static func copy(from source: StoreLocation, to target: StoreLocation,
                            tableCopied: (String, Int64) -> Void = { _, _ in }) throws(MigrationError) -> MigrationReport {
        if sameDatabase(source, target) { throw .sameDatabase(target.description) }
        let from: any SQLConnection
        do { from = try connect(source, create: false) } catch { throw .source(error) }
        switch target {
        case .postgres:
            let to: any SQLConnection
            do { to = try connect(target, create: true) } catch { throw .target(error) }
            return try copy(from: from, to: to, description: target.description, tableCopied: tableCopied)
        case .file(let path):
            return try copyToNewFile(from: from, path: path, tableCopied: tableCopied)
        }
    }

    /// A new SQLite file: made under a temporary name in the same folder, filled, folded into one file
    /// (no write-ahead log), then linked to `path`, which fails rather than replaces when `path` exists.
    private static func copyToNewFile(from: any SQLConnection, path: String,
                                      tableCopied: (String, Int64) -> Void) throws(MigrationError) -> MigrationReport {
        if FileManager.default.fileExists(atPath: path) { throw .targetExists(path: path) }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).migrating-\(getpid())").path
        let leftovers = ["", "-wal", "-shm", "-writer"].map { temporary + $0 }
        defer { for file in leftovers { unlink(file) } }
        for file in leftovers { unlink(file) }
        let report: MigrationReport
        do {
            let to: any SQLConnection
            do { to = try connect(.file(temporary), create: true) } catch { throw MigrationError.target(error) }
            report = try copy(from: from, to: to, description: path, tableCopied: tableCopied)
            // Folds the log into the file before the connection closes, so the one file linked is complete.
            do {
                _ = try to.scalarString("PRAGMA journal_mode = DELETE")
            } catch {
                throw MigrationError.failed(target: path, reason: "\(error)")
            }
        }
        if link(temporary, path) != 0 {
            let code = errno
            if code == EEXIST { throw .targetExists(path: path) }
            throw .failed(target: path, reason: String(cString: strerror(code)))
        }
        let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        if folder >= 0 { fsync(folder); close(folder) }
        return report
    }

    /// The copy itself, between two open connections.
    private static func copy(from: any SQLConnection, to: any SQLConnection, description: String,
                             tableCopied: (String, Int64) -> Void) throws(MigrationError) -> MigrationReport {
        do {
            let columns = try checkedColumns(from, to, description: description)
            let empty = try ShopCensus(database: to)
            if !empty.isEmptyShop { throw MigrationError.targetNotEmpty(target: description, holds: summary(empty)) }
            return try from.transaction(.immediate) {
                let census = try ShopCensus(database: from)
                let sourceFailures = Set(try Doctor(database: from).run().filter { !$0.passed }.map(\.name))
                return try to.transaction(.immediate) {
                    let copier = TableCopier(source: from, target: to)
                    var tables: [MigrationReport.Table] = []
                    try to.withTriggersOff(on: ShopTables.copied.map(\.name)) {
                        for table in ShopTables.copied {
                            if table.seededBySchema { try to.execute("DELETE FROM \(sqlIdentifier(table.name))") }
                            let rows = try copier.copy(table, columns: columns[table.name] ?? [])
                            tables.append(.init(name: table.name, rows: rows))
                            tableCopied(table.name, rows)
                        }
                    }
                    try to.advanceIdentities()
                    try SearchDialects.of(to).rebuildIndex(to)
                    try to.gatherStatistics()
                    let copied = try ShopCensus(database: to)
                    let differences = census.differences(from: copied, here: "the shop", there: "the copy")
                    if !differences.isEmpty { throw MigrationError.copyDiffers(target: description, differences: differences) }
                    let newFailures = try Doctor(database: to).run().filter { !$0.passed && !sourceFailures.contains($0.name) }
                    if !newFailures.isEmpty {
                        throw MigrationError.copyFailsChecks(target: description, checks: newFailures.map {
                            "\($0.name): \($0.problems.first ?? "")"
                        })
                    }
                    return MigrationReport(target: description, tables: tables, census: copied)
                }
            }
        } catch let error as MigrationError {
            throw error
        } catch {
            throw .failed(target: description, reason: "\(error)")
        }
    }

    /// Each copied table's columns, refusing a database with a table the copy does not know, or a copied
    /// table whose columns differ between the two.
    private static func checkedColumns(_ from: any SQLConnection, _ to: any SQLConnection,
                                       description: String) throws -> [String: [String]] {
        for (db, name) in [(from, from.location), (to, description)] {
            if let unknown = try db.tableNames().first(where: { !ShopTables.isKnown($0) }) {
                throw MigrationError.unknownTable(table: unknown, database: name)
            }
        }
        var columns: [String: [String]] = [:]
        for table in ShopTables.copied {
            let source = try from.columnNames(of: table.name)
            let target = try to.columnNames(of: table.name)
            if Set(source) != Set(target) {
                throw MigrationError.columnsDiffer(table: table.name, source: source, target: target)
            }
            columns[table.name] = source
        }
        return columns
    }

    /// What a non-empty target holds, in a few words.
    private static func summary(_ census: ShopCensus) -> String {
        let shown = ["products", "orders", "users"].map { ($0, census.value("rows in \($0)")) }.filter { $0.1 > 0 }
        if shown.isEmpty {
            let other = ShopTables.copied.first { !$0.seededBySchema && census.value("rows in \($0.name)") > 0 }
            return "rows in \(other?.name ?? "its tables")"
        }
        return shown.map { "\($0.1) \($0.0)" }.joined(separator: ", ")
    }

    /// Opens one side: an existing shop for the source; for the target, a shop made when there is none.
    private static func connect(_ location: StoreLocation, create: Bool) throws(DatabaseOpenError) -> any SQLConnection {
        switch location {
        case .file(let path):
            var options = DatabaseOptions()
            options.mustExist = !create
            return try CurioDatabase.open(path: path, options: options)
        case .postgres(let target):
            // Unprepared: a copy sends many distinct statements once each.
            var options = PostgresOptions()
            options.preparedStatements = false
            return try CurioDatabase.open(postgres: target, options: options, mustExist: !create)
        }
    }

    /// True when both name the same file (after resolving links) or the same PostgreSQL target.
    private static func sameDatabase(_ a: StoreLocation, _ b: StoreLocation) -> Bool {
        switch (a, b) {
        case (.file(let x), .file(let y)):
            return URL(fileURLWithPath: x).resolvingSymlinksInPath().standardizedFileURL
                == URL(fileURLWithPath: y).resolvingSymlinksInPath().standardizedFileURL
        case (.postgres(let x), .postgres(let y)):
            return x == y
        default:
            return false
        }
    }
}
