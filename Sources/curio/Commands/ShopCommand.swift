import Commerce
import Foundation

/// `curio` with no command: opens the shop.
enum ShopCommand {
    static func run(databasePath: String, environment: [String: String],
                    out: (String) -> Void, err: (String) -> Void) -> Int32 {
        do {
            _ = try CurioDatabase.open(path: databasePath)
            out("Curio database ready at \(databasePath) (schema \(Migrations.latestVersion)).\n")
            return 0
        } catch {
            err("curio: \(Sanitize.forTerminal("\(error)"))\n")
            return 1
        }
    }
}
