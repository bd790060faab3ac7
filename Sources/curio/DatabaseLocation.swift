import Commerce
import Foundation

/// Where the database lives when `--db` is not given.
enum DatabaseLocation {
    /// `--db`, else `$CURIO_DB`, else `$XDG_DATA_HOME/curio/curio.db`, else `~/.local/share/curio/curio.db`.
    /// A `postgresql://` URI is kept as it is (libpq reads it, with its PG* environment variables).
    static func resolve(flag: String?, environment: [String: String]) -> String {
        if let flag, !flag.isEmpty { return absolute(flag, environment: environment) }
        if let path = environment["CURIO_DB"], !path.isEmpty { return absolute(path, environment: environment) }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") {
            return (data as NSString).appendingPathComponent("curio/curio.db")
        }
        return (home(environment) as NSString).appendingPathComponent(".local/share/curio/curio.db")
    }

    private static func home(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    private static func absolute(_ path: String, environment: [String: String]) -> String {
        if path.hasPrefix("/") || StoreLocation.isPostgresURI(path) { return path }
        if path == "~" || path.hasPrefix("~/") { return home(environment) + path.dropFirst() }
        return (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }
}
