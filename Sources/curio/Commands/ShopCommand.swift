import Commerce
import Foundation
import Storefront

/// `curio` with no command: opens the shop, setting up the demo store on the very first start.
enum ShopCommand {
    /// `curio` runs on the main thread, where the shop's curses state lives: everything from opening
    /// the store to the last frame happens on the main actor.
    static func run(_ context: CommandContext, link: DeepLink = .home) throws -> Int32 {
        try MainActor.assumeIsolated { try openShop(context, link: link) }
    }

    @MainActor
    private static func openShop(_ context: CommandContext, link: DeepLink) throws -> Int32 {
        let theme = try Storefront.theme(context)
        let store = try context.openOrCreateStore()
        // A shop with products (every start but the first) is not seeded, and takes no write lock to say so.
        if try store.catalog.hasNoProducts(caller: .system) {
            context.err("Setting up the demo shop in \(context.location)…\n")
            if let report = try ImportCommands.seedDemoIfEmpty(store: store, ParsedArguments(), context) {
                context.err("Demo shop ready: \(report.products) products, \(report.orders) orders, \(report.reviews) reviews.\n")
                for account in report.accounts {
                    context.err("  \(account.role.rawValue): \(account.email) / \(account.password)\n")
                }
            }
        }
        // Checkouts whose process died before the payment completed: cancel them and return their stock.
        let recovered = try store.checkout.recoverInterrupted()
        if !recovered.isEmpty {
            context.err("Cancelled \(recovered.count) checkouts interrupted before payment (stock returned): "
                        + recovered.map { "#\($0)" }.joined(separator: ", ") + "\n")
        }
        return try Storefront.open(store: store, theme: theme, context: context, link: link)
    }
}
