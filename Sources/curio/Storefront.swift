import Commerce
import Foundation
import Storefront
import TerminalUI

/// The interactive shop. On a terminal it opens the curses storefront; without one (a pipe, CI) it
/// prints what the shop holds and how to browse it, and exits 0.
enum Storefront {
    @MainActor
    static func open(store: Store, context: CommandContext) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return try summary(store: store, context: context) }
        let environment = context.environment
        var options = TerminalOptions(environment: environment)
        let (theme, themeError) = ThemeLoader.loadOrDefault(named: environment["CURIO_THEME"] ?? "default")
        options.theme = theme
        options.ascii = environment["CURIO_ASCII"] == "1"
        if let themeError { context.err("curio: \(themeError); using the default theme\n") }
        return try ShopApp.run(store: store, options: options).exitStatus
    }

    /// The text printed when there is no terminal.
    static func summary(store: Store, context: CommandContext) throws -> Int32 {
        let products = try store.catalog.productCount(caller: .system)
        context.out("Curio shop at \(context.databasePath): \(products) products.\n")
        context.out("Try: curio search mug · curio category list · curio product show HANDLE · curio --help\n")
        return 0
    }
}
