import Backoffice
import Commerce
import Foundation
import TerminalUI

/// `curio admin`: the back office, after a staff or admin sign-in.
enum AdminCommand {
    static let command = Command(
        path: ["admin"],
        summary: "open the back office (staff and admins sign in)",
        details: """
            Opens the back office on a terminal: sign in with the email and password of a staff or admin
            account (a customer account is refused and nothing opens). Sections: Dashboard, Orders (the
            fulfilment queue), Products, Customers, Discounts, Reviews, Outbox, Audit, System and
            Settings; the digits 1-9 and 0 switch between them, / filters a list, ? lists every key of
            the screen. Exit status 1 when the shop does not exist yet (run 'curio' or 'curio seed'
            first) or there is no terminal.
            """,
        options: CLI.shopOptions,
        run: run)

    static func run(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        var environment = context.environment
        if let theme = arguments.value("--theme") { environment["CURIO_THEME"] = theme }
        if arguments.has("--ascii") { environment["CURIO_ASCII"] = "1" }
        let context = CommandContext(databasePath: context.databasePath, environment: environment, out: context.out, err: context.err)
        return try MainActor.assumeIsolated { try open(context) }
    }

    @MainActor
    private static func open(_ context: CommandContext) throws -> Int32 {
        let theme = try Storefront.theme(context)
        let store = try context.openStore()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            context.err("curio admin: the back office needs a terminal; for scripts use 'curio order' and 'curio user'\n")
            return 1
        }
        return try Storefront.onTerminal(theme: theme, context: context) { options throws(TerminalError) in
            try BackofficeApp.run(store: store, options: options)
        }
    }
}
