import Commerce
import Foundation

/// `curio init`: creates an empty shop, for a store that brings its own catalog.
enum InitCommand {
    static let command = Command(
        path: ["init"],
        summary: "create an empty shop database (then import a catalog or add products)",
        details: """
            Creates the database at --db (or the default location) with the current schema and no
            products, accounts or orders. Next: 'curio import products FILE.csv' and
            'curio user add EMAIL --name NAME --role admin --password-stdin'. Refuses a path where a file
            already is (exit status 1); 'curio seed' loads the demo shop instead.
            """,
        run: { context, _ in
            guard !FileManager.default.fileExists(atPath: context.databasePath) else {
                throw CommerceError.conflict("\(context.databasePath): a file is already there; choose another path with --db")
            }
            _ = try context.openOrCreateStore()
            context.out("Created an empty shop at \(context.databasePath).\n")
            return 0
        })
}
