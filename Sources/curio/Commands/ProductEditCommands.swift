import Commerce
import Foundation

/// `curio product add|update|archive|stock`: staff edits for scripts. They act as the system.
enum ProductEditCommands {
    static let all: [Command] = [add, update, archive, stock]

    static let fieldOptions: [OptionSpec] = [
        OptionSpec(name: "--title", value: "TEXT", help: "the product's title"),
        OptionSpec(name: "--description", value: "HTML", help: "the description as simple HTML"),
        OptionSpec(name: "--vendor", value: "TEXT", help: "who makes it"),
        OptionSpec(name: "--type", value: "TEXT", help: "the product type"),
        OptionSpec(name: "--category", value: "PATH", help: "category path, e.g. \"Coffee & Tea > Coffee\" (created when missing)"),
        OptionSpec(name: "--tags", value: "LIST", help: "comma-separated tags"),
        OptionSpec(name: "--status", value: "STATUS", help: "active, draft or archived"),
    ]

    static let add = Command(
        path: ["product", "add"],
        summary: "create a product with one variant",
        arguments: [.required("HANDLE")],
        details: "Creates a product with a single default variant. Errors name the field (\"price: must be 0 or more\"). Prints the new product's id.",
        options: fieldOptions + [
            OptionSpec(name: "--price", value: "AMOUNT", help: "the price, e.g. 12.50", required: true),
            OptionSpec(name: "--compare-at", value: "AMOUNT", help: "the compare-at (was) price"),
            OptionSpec(name: "--sku", value: "SKU", help: "the variant's SKU"),
            OptionSpec(name: "--stock", value: "N", help: "units in stock (written to the ledger as a restock)"),
        ],
        run: { context, arguments in
            let handle = arguments.argument("HANDLE")
            guard arguments.value("--title") != nil else { throw UsageError(message: "--title is required (--title TEXT)") }
            let store = try context.openStore()
            let fields = try changes(arguments, store: store, actor: context.actor)
            let title = fields.title ?? ""
            let priceText = arguments.value("--price") ?? ""
            var draft = ProductDraft(title: title, handle: handle)
            draft.descriptionHTML = fields.descriptionHTML ?? ""
            draft.vendor = fields.vendor ?? ""
            draft.productType = fields.productType ?? ""
            draft.tags = fields.tags ?? []
            draft.status = fields.status ?? .active
            draft.categoryID = fields.categoryID ?? nil
            var variant = VariantDraft(price: try money(priceText, field: "price", store: store), sku: arguments.value("--sku"))
            if let compare = arguments.value("--compare-at") { variant.compareAtPrice = try money(compare, field: "compare-at", store: store) }
            if let stock = arguments.value("--stock") { variant.stock = try number(stock, "--stock") }
            let id = try store.productEditor.createProduct(draft, variants: [variant], by: context.actor)
            context.out("Created product \(id) (\(Sanitize.forTerminal(handle))).\n")
            return 0
        })

    static let update = Command(
        path: ["product", "update"],
        summary: "change a product's fields",
        arguments: [.required("HANDLE")],
        details: "Changes only the fields given. Errors name the field.",
        options: fieldOptions + [OptionSpec(name: "--handle", value: "NEW", help: "a new URL handle")],
        run: { context, arguments in
            let handle = arguments.argument("HANDLE")
            let store = try context.openStore()
            let id = try store.productEditor.productID(handle: handle)
            var changes = try changes(arguments, store: store, actor: context.actor)
            changes.handle = arguments.value("--handle")
            guard changes != ProductChanges() else { throw UsageError(message: "nothing to change; give at least one option") }
            try store.productEditor.updateProduct(id, changes, by: context.actor)
            context.out("Updated \(Sanitize.forTerminal(changes.handle ?? handle)).\n")
            return 0
        })

    static let archive = Command(
        path: ["product", "archive"],
        summary: "take a product off sale (status archived)",
        arguments: [.required("HANDLE")],
        run: { context, arguments in
            let handle = arguments.argument("HANDLE")
            let store = try context.openStore()
            try store.productEditor.archiveProduct(try store.productEditor.productID(handle: handle), by: context.actor)
            context.out("Archived \(Sanitize.forTerminal(handle)).\n")
            return 0
        })

    static let stock = Command(
        path: ["product", "stock"],
        summary: "set or change a variant's stock through the ledger",
        arguments: [.required("SKU")],
        details: "--set writes an adjustment for the difference; --add N (negative to remove) writes a restock or adjustment.",
        options: [
            OptionSpec(name: "--set", value: "N", help: "the new stock level"),
            OptionSpec(name: "--add", value: "N", help: "units to add (a restock) or, when negative, remove"),
            OptionSpec(name: "--note", value: "TEXT", help: "why, for the ledger"),
        ],
        run: { context, arguments in
            let sku = arguments.argument("SKU")
            let store = try context.openStore()
            let variant = try store.productEditor.variantID(sku: sku)
            let note = arguments.value("--note") ?? ""
            switch (arguments.value("--set"), arguments.value("--add")) {
            case (let target?, nil):
                try store.productEditor.setStock(variant, to: try number(target, "--set"), note: note, by: context.actor)
            case (nil, let delta?):
                let units = try number(delta, "--add", allowNegative: true)
                try store.productEditor.adjustStock(variant, by: units, reason: units > 0 ? .restock : .adjustment, note: note, by: context.actor)
            default:
                throw UsageError(message: "give exactly one of --set N and --add N")
            }
            let level = try store.productEditor.stockLevel(of: variant)
            context.out("\(Sanitize.forTerminal(sku)): \(level) in stock.\n")
            return 0
        })

    // MARK: Parsing

    /// The product fields given as options (shared by add and update); categories are created as needed.
    private static func changes(_ arguments: ParsedArguments, store: Store, actor: Caller) throws -> ProductChanges {
        var changes = ProductChanges()
        changes.title = arguments.value("--title")
        changes.descriptionHTML = arguments.value("--description")
        changes.vendor = arguments.value("--vendor")
        changes.productType = arguments.value("--type")
        changes.tags = arguments.value("--tags").map { $0.components(separatedBy: ",") }
        if let status = arguments.value("--status") { changes.status = try parseStatus(status) }
        if let path = arguments.value("--category") { changes.categoryID = .some(try category(path, store: store, actor: actor)) }
        return changes
    }

    private static func parseStatus(_ text: String) throws -> ProductStatus {
        guard let status = ProductStatus(rawValue: text.lowercased()) else {
            throw UsageError(message: "--status takes active, draft or archived, not '\(Sanitize.forTerminal(text))'")
        }
        return status
    }

    private static func money(_ text: String, field: String, store: Store) throws -> Money {
        do {
            return try Money.parse(text, currency: store.currency)
        } catch {
            throw CommerceError.invalid(field: field, reason: error.description)
        }
    }

    private static func number(_ text: String, _ option: String, allowNegative: Bool = false) throws -> Int {
        guard let value = Int(text), allowNegative || value >= 0 else {
            throw UsageError(message: "\(option) takes a whole number\(allowNegative ? "" : " of 0 or more"), not '\(Sanitize.forTerminal(text))'")
        }
        return value
    }

    private static func category(_ path: String, store: Store, actor: Caller) throws -> CategoryID {
        try store.productEditor.ensureCategory(path: path.components(separatedBy: ">"), by: actor)
    }
}
