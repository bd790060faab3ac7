import Commerce
import Foundation

/// The interactive shop. Until the curses storefront lands, it prints what the shop holds and how to browse it.
enum Storefront {
    static func open(store: Store, context: CommandContext) throws -> Int32 {
        let products = try store.catalog.productCount(caller: .system)
        context.out("Curio shop at \(context.databasePath): \(products) products.\n")
        context.out("Try: curio search mug · curio category list · curio product show HANDLE · curio --help\n")
        return 0
    }
}
