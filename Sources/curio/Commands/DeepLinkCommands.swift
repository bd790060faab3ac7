import Commerce
import Foundation
import Storefront

/// Deep links: open the shop straight at the cart, the orders or a product (over SSH the same words
/// come from `SSH_ORIGINAL_COMMAND`: `ssh shop@host cart`). `curio search WORDS` is one too when
/// run on a terminal without options; otherwise it prints results (see `CatalogCommands.search`).
enum DeepLinkCommands {
    static let all: [Command] = [cart, orders, product]

    static let cart = link(["cart"], summary: "open the shop at the cart")
    static let orders = link(["orders"], summary: "open the shop at your orders")

    static let product = Command(
        path: ["product"],
        summary: "open the shop at a product",
        arguments: [.required("HANDLE")],
        details: "HANDLE is the product's handle (lower-case letters, digits and dashes). 'curio product show HANDLE' prints it instead.",
        options: CLI.shopOptions.filter { $0.name == "--theme" || $0.name == "--ascii" },
        run: { context, arguments in
            let handle = arguments.argument("HANDLE")
            guard let link = DeepLink.parse(["product", handle]) else {
                throw UsageError(message: "'\(Sanitize.forTerminal(handle))' is not a product handle (lower-case letters, digits and dashes)")
            }
            return try open(link, context, arguments)
        })

    private static func link(_ words: [String], summary: String) -> Command {
        Command(path: words, summary: summary, options: CLI.shopOptions.filter { $0.name == "--theme" || $0.name == "--ascii" },
                run: { context, arguments in try open(DeepLink.parse(words) ?? .home, context, arguments) })
    }

    /// Opens the shop at `link` with the shop's own options.
    static func open(_ link: DeepLink, _ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        var environment = context.environment
        if let theme = arguments.value("--theme") { environment["CURIO_THEME"] = theme }
        if arguments.has("--ascii") { environment["CURIO_ASCII"] = "1" }
        let shop = CommandContext(databasePath: context.databasePath, environment: environment, out: context.out, err: context.err)
        return try ShopCommand.run(shop, link: link)
    }

    /// True when `curio search` should open the shop rather than print: a terminal on both ends and
    /// no option that shapes printed results.
    static func searchOpensShop(_ arguments: ParsedArguments) -> Bool {
        isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 && arguments.values.keys.allSatisfy { $0 == "--db" } && arguments.flags.isEmpty
    }
}
