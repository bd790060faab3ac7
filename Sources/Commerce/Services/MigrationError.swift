/// Why `migrate-to` did not copy a shop. Each message names the database and what to do; whatever
/// the reason, the source is unchanged and the target holds nothing of the copy.
public enum MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source and the target are the same database.
    case sameDatabase(String)
    /// The source shop could not be opened.
    case source(DatabaseOpenError)
    /// The target could not be opened or made.
    case target(DatabaseOpenError)
    /// A file already exists where the copy would go.
    case targetExists(path: String)
    /// The target database already holds a shop's data.
    case targetNotEmpty(target: String, holds: String)
    /// A database has a table this build does not know how to copy.
    case unknownTable(table: String, database: String)
    /// A table's columns differ between the two databases.
    case columnsDiffer(table: String, source: [String], target: [String])
    /// The copy's counts or totals differ from the source's.
    case copyDiffers(target: String, differences: [String])
    /// The copy fails checks of `doctor` that the source passes.
    case copyFailsChecks(target: String, checks: [String])
    /// Reading, writing or placing the copy failed.
    case failed(target: String, reason: String)

    public var description: String {
        switch self {
        case .sameDatabase(let location):
            return "\(location) is the shop being copied; migrate-to needs another, empty database as its target"
        case .source(let error):
            return "cannot open the shop to copy: \(error)"
        case .target(let error):
            return "cannot open the target: \(error)"
        case .targetExists(let path):
            return "\(path) already exists; migrate-to writes a new file and never replaces one — name a file that is not there yet"
        case .targetNotEmpty(let target, let holds):
            return "\(target) already holds a shop (\(holds)); migrate-to copies only into an empty database — create a new one (createdb NAME) and name that"
        case .unknownTable(let table, let database):
            return "\(database) has a table '\(table)' that this curio does not know how to copy; use the curio that made it, or a newer one"
        case .columnsDiffer(let table, let source, let target):
            return "table \(table) has columns (\(source.joined(separator: ", "))) in the shop but (\(target.joined(separator: ", "))) in the target; both must be at the same schema"
        case .copyDiffers(let target, let differences):
            return "the copy into \(target) does not match the shop, so nothing was kept: " + differences.prefix(5).joined(separator: "; ")
        case .copyFailsChecks(let target, let checks):
            return "the copy into \(target) fails doctor checks the shop passes, so nothing was kept: " + checks.joined(separator: "; ")
        case .failed(let target, let reason):
            return "copying into \(target) failed, so nothing was kept: \(reason)"
        }
    }
}
