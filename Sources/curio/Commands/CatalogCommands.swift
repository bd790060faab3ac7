import Commerce
import Foundation
import Storefront
import TerminalUI

/// Catalog and search commands (`search`, `product show`, `category list`). They show the shop as a
/// shopper sees it: active products only.
enum CatalogCommands {
    static let all: [Command] = [search, productShow, categoryList]

    /// The caller the catalog commands read as: a shopper who has not signed in.
    static let shopper = Caller.guest(token: "curio-cli")

    /// The `--json` flag every catalog command takes.
    private static let jsonOption = OptionSpec.json()

    static let search = Command(
        path: ["search"],
        summary: "search the catalog",
        arguments: [.words("QUERY")],
        details: """
            Searches titles, tags, vendors, product types and descriptions (title weighted highest); the last
            word also matches as a prefix. Any text is a valid query: quotes, brackets, AND/OR/NOT/NEAR and
            symbols are taken as plain words. Only active products are shown. On a terminal and without options
            it opens the shop at this search instead (a deep link, as 'ssh shop@host search WORDS' is). When nothing matches, a
            "did you mean" line suggests a corrected query from the catalog's own words.
            Prices are in the shop's currency (12, 12.5, 12.00). --category includes its subcategories.
            --tag may be repeated (all must match). When more results follow, the last line gives the
            --after CURSOR for the next page.

            --json prints:
              {"query": "…", "currency": "USD", "count": 2, "next_cursor": "…" | null,
               "did_you_mean": "…" | null,
               "products": [{"id": 1, "handle": "…", "title": "…", "vendor": "…", "category": "…" | null,
                             "price_min": "12.00", "price_max": "15.00", "compare_at": "20.00" | null,
                             "stock": 7, "rating": 4.5 | null, "rating_count": 2}]}
            Amounts are decimal strings in "currency". Exit status 1 for an unknown --category.
            """,
        options: [
            OptionSpec(name: "--category", value: "HANDLE", help: "only this category and those below it"),
            OptionSpec(name: "--sort", value: "ORDER", help: "relevance (default), price, price-desc, newest, rating, best-selling"),
            OptionSpec(name: "--in-stock", value: nil, help: "only products with stock"),
            OptionSpec(name: "--min-price", value: "AMOUNT", help: "only products with a variant at this price or more"),
            OptionSpec(name: "--max-price", value: "AMOUNT", help: "only products with a variant at this price or less"),
            OptionSpec(name: "--vendor", value: "NAME", help: "only this vendor (any case)"),
            OptionSpec(name: "--tag", value: "TAG", help: "only products with this tag; all must match", repeatable: true),
            OptionSpec(name: "--limit", value: "N", help: "results per page, 1-\(ProductQuery.maximumLimit) (default 20)"),
            OptionSpec(name: "--after", value: "CURSOR", help: "the page after this cursor (from a previous search)"),
            jsonOption,
        ],
        run: runSearch)

    static let productShow = Command(
        path: ["product", "show"],
        summary: "show a product with its variants, stock and images",
        arguments: [.required("HANDLE")],
        details: """
            Shows an active product: title, vendor, type, category path, price range and compare-at price,
            rating, tags, options, every variant with SKU, price, stock and a low-stock or sold-out flag,
            images and the description. Exit status 1 when no active product has that handle.

            --json prints:
              {"id": 1, "handle": "…", "title": "…", "vendor": "…", "product_type": "…", "status": "active",
               "currency": "USD", "price_min": "12.00", "price_max": "15.00", "compare_at": "20.00" | null,
               "stock": 7, "rating": 4.5 | null, "rating_count": 2, "category_path": ["Apparel", "Shirts"],
               "tags": ["…"], "option_names": ["Size"], "description": "…",
               "images": [{"url": "…", "alt": "…"}],
               "variants": [{"id": 3, "sku": "…" | null, "options": ["M"], "price": "12.00",
                             "compare_at": "20.00" | null, "stock": 3, "low_stock": true, "sold_out": false}]}
            """,
        options: [jsonOption],
        run: runProductShow)

    static let categoryList = Command(
        path: ["category", "list"],
        summary: "list the category tree with product counts",
        details: """
            Prints every category indented under its parent, with its handle and the number of active
            products in it and below it.

            --json prints an array in tree order:
              [{"id": 1, "handle": "…", "name": "…", "parent": "parent-handle" | null, "depth": 0,
                "products": 3, "total_products": 12}]
            """,
        options: [jsonOption],
        run: runCategoryList)

    // MARK: search

    private static func runSearch(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let text = arguments.words("QUERY").joined(separator: " ")
        if DeepLinkCommands.searchOpensShop(arguments), let link = DeepLink.parse(["search"] + arguments.words("QUERY")) {
            return try DeepLinkCommands.open(link, context, arguments)
        }
        var query = ProductQuery(limit: 20)
        if let sort = arguments.value("--sort") {
            guard let parsed = ProductSort(rawValue: sort) else {
                throw UsageError(message: "--sort: unknown order '\(Sanitize.forTerminal(sort))' "
                                 + "(use \(ProductSort.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            query.sort = parsed
        }
        if let limit = arguments.value("--limit") {
            guard let number = Int(limit), (1...ProductQuery.maximumLimit).contains(number) else {
                throw UsageError(message: "--limit: '\(Sanitize.forTerminal(limit))' is not a number from 1 to \(ProductQuery.maximumLimit)")
            }
            query.limit = number
        }
        if let token = arguments.value("--after") {
            do {
                query.after = try ProductCursor(token: token)
            } catch {
                throw UsageError(message: "--after: \(error)")
            }
        }
        query.filter.inStockOnly = arguments.has("--in-stock")
        query.filter.vendor = arguments.value("--vendor")
        query.filter.tags = arguments.all("--tag")
        // Checked before the database is touched, so a bad amount is a usage error even without a shop.
        for flag in ["--min-price", "--max-price"] {
            if let amount = arguments.value(flag) { _ = try price(amount, flag: flag, currency: permissiveCurrency) }
        }
        let store = try context.openStore()
        query.filter.minPrice = try arguments.value("--min-price").map { try price($0, flag: "--min-price", currency: store.currency) }
        query.filter.maxPrice = try arguments.value("--max-price").map { try price($0, flag: "--max-price", currency: store.currency) }
        if let handle = arguments.value("--category") {
            query.filter.category = try store.catalog.category(handle: handle, caller: shopper).id
        }
        let results: SearchResults
        do {
            results = try store.catalog.search(text, query: query, caller: shopper)
        } catch {
            guard case .invalid(let field, let reason) = error else { throw error }
            throw UsageError(message: "\(flagNames[field] ?? field): \(reason)")
        }
        if arguments.has("--json") {
            context.out(try JSONOutput.encode(SearchJSON(query: text, results: results, currency: store.currency)) + "\n")
        } else {
            context.out(searchTable(text, results))
        }
        return 0
    }

    /// The service's field names as the flags that set them.
    private static let flagNames = ["minPrice": "--min-price", "maxPrice": "--max-price", "limit": "--limit", "cursor": "--after"]

    /// A currency with the most decimals any currency has, for checking an amount's shape early.
    private static let permissiveCurrency = Currency(code: "KWD") ?? .usd

    private static func price(_ text: String, flag: String, currency: Currency) throws -> Int64 {
        let money: Money
        do {
            money = try Money.parse(text, currency: currency)
        } catch {
            throw UsageError(message: "\(flag): \(Sanitize.forTerminal(error.description))")
        }
        guard money.minorUnits >= 0 else { throw UsageError(message: "\(flag): the amount must not be negative") }
        return money.minorUnits
    }

    private static func searchTable(_ text: String, _ results: SearchResults) -> String {
        let products = results.page.products
        guard !products.isEmpty else {
            var message = "No products match \"\(Sanitize.forTerminal(text))\".\n"
            if let suggestion = results.suggestion {
                message += "Did you mean: \(Sanitize.forTerminal(suggestion))?\n"
            }
            return message
        }
        let rows = products.map { product in
            [TextLayout.truncate(product.title, toWidth: 44), priceText(product), stockText(product.stockTotal),
             ratingText(product.rating), product.vendor, product.handle]
        }
        var output = TextTable.render(header: ["TITLE", "PRICE", "STOCK", "RATING", "VENDOR", "HANDLE"], rows: rows)
        output += "\(products.count) product\(products.count == 1 ? "" : "s")"
        if let cursor = results.page.nextCursor {
            output += "; more with --after \(cursor.token)"
        }
        return output + "\n"
    }

    private static func priceText(_ product: ProductSummary) -> String {
        var text = product.priceMin == product.priceMax
            ? product.priceMin.formatted : "\(product.priceMin.formatted)–\(product.priceMax.formatted)"
        if let compareAt = product.compareAt { text += " (was \(compareAt.formatted))" }
        return text
    }

    private static func stockText(_ stock: Int) -> String { stock > 0 ? String(stock) : "sold out" }

    private static func ratingText(_ rating: Rating) -> String {
        guard let average = rating.average else { return "-" }
        return String(format: "%.1f (%d)", average, rating.count)
    }

    // MARK: product show

    private static func runProductShow(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let store = try context.openStore()
        let detail = try store.catalog.product(handle: arguments.argument("HANDLE"), caller: shopper)
        if arguments.has("--json") {
            context.out(try JSONOutput.encode(ProductJSON(detail, currency: store.currency)) + "\n")
        } else {
            context.out(productText(detail))
        }
        return 0
    }

    private static func productText(_ detail: ProductDetail) -> String {
        let product = detail.summary
        var lines = ["\(product.title)  (\(product.handle))"]
        lines.append("Vendor:   \(product.vendor.isEmpty ? "-" : product.vendor)"
                     + (detail.productType.isEmpty ? "" : "    Type: \(detail.productType)"))
        if !detail.categoryPath.isEmpty {
            lines.append("Category: \(detail.categoryPath.map(\.name).joined(separator: " › "))")
        }
        lines.append("Price:    \(priceText(product))")
        lines.append("Stock:    \(stockText(product.stockTotal))    Rating: \(ratingText(product.rating))")
        if !detail.tags.isEmpty { lines.append("Tags:     \(detail.tags.joined(separator: ", "))") }
        var text = lines.map { Sanitize.forTerminal($0) }.joined(separator: "\n") + "\n\n"
        let optionHeader = detail.optionNames.isEmpty ? "OPTIONS" : detail.optionNames.joined(separator: " / ").uppercased()
        text += TextTable.render(
            header: ["SKU", optionHeader, "PRICE", "WAS", "STOCK", ""],
            rows: detail.variants.map { variant in
                [variant.sku ?? "-", variant.title, variant.price.formatted, variant.compareAt?.formatted ?? "",
                 String(variant.stock), variant.isSoldOut ? "sold out" : (variant.isLowStock ? "low stock" : "")]
            })
        if !detail.images.isEmpty {
            text += "\nImages:\n" + detail.images.map { "  \(Sanitize.forTerminal($0.url))\n" }.joined()
        }
        if !detail.description.isEmpty {
            let wrapped = TextLayout.wrap(Sanitize.forTerminal(detail.description, allowNewlines: true), width: 78)
            text += "\n" + wrapped.joined(separator: "\n") + "\n"
        }
        return text
    }

    // MARK: category list

    private static func runCategoryList(_ context: CommandContext, _ arguments: ParsedArguments) throws -> Int32 {
        let store = try context.openStore()
        let nodes = try store.catalog.categories(caller: shopper)
        if arguments.has("--json") {
            let handles = Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.handle) })
            context.out(try JSONOutput.encode(nodes.map { CategoryJSON($0, parentHandle: $0.parentID.flatMap { handles[$0] }) }) + "\n")
        } else if nodes.isEmpty {
            context.out("No categories.\n")
        } else {
            let rows = nodes.map { node in
                [String(repeating: "  ", count: node.depth) + node.name, node.handle,
                 String(node.productCount), String(node.totalProductCount)]
            }
            context.out(TextTable.render(header: ["CATEGORY", "HANDLE", "PRODUCTS", "WITH SUBCATEGORIES"], rows: rows))
        }
        return 0
    }
}

// MARK: JSON shapes (documented in each command's details)

/// An optional that is written as JSON `null` instead of being left out, so every key is always present.
private struct OrNull<Wrapped: Encodable>: Encodable {
    let value: Wrapped?
    init(_ value: Wrapped?) { self.value = value }
    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// A rating average rounded to two decimals, or null without reviews.
private func roundedAverage(_ rating: Rating) -> OrNull<Double> {
    OrNull(rating.average.map { ($0 * 100).rounded() / 100 })
}

private struct ProductSummaryJSON: Encodable {
    let id: Int64, handle: String, title: String, vendor: String, category: OrNull<String>
    let priceMin: String, priceMax: String, compareAt: OrNull<String>
    let stock: Int, rating: OrNull<Double>, ratingCount: Int

    enum CodingKeys: String, CodingKey {
        case id, handle, title, vendor, category, stock, rating
        case priceMin = "price_min", priceMax = "price_max", compareAt = "compare_at", ratingCount = "rating_count"
    }

    init(_ product: ProductSummary) {
        id = product.id.rawValue
        handle = product.handle
        title = product.title
        vendor = product.vendor
        category = OrNull(product.categoryName)
        priceMin = product.priceMin.decimalString
        priceMax = product.priceMax.decimalString
        compareAt = OrNull(product.compareAt?.decimalString)
        stock = product.stockTotal
        rating = roundedAverage(product.rating)
        ratingCount = product.rating.count
    }
}

private struct SearchJSON: Encodable {
    let query: String, currency: String, count: Int
    let nextCursor: OrNull<String>, didYouMean: OrNull<String>
    let products: [ProductSummaryJSON]

    enum CodingKeys: String, CodingKey {
        case query, currency, count, products
        case nextCursor = "next_cursor", didYouMean = "did_you_mean"
    }

    init(query: String, results: SearchResults, currency: Currency) {
        self.query = query
        self.currency = currency.code
        count = results.page.products.count
        nextCursor = OrNull(results.page.nextCursor?.token)
        didYouMean = OrNull(results.suggestion)
        products = results.page.products.map(ProductSummaryJSON.init)
    }
}

private struct ProductJSON: Encodable {
    struct Image: Encodable { let url: String, alt: String }
    struct Variant: Encodable {
        let id: Int64, sku: OrNull<String>, options: [String], price: String, compareAt: OrNull<String>
        let stock: Int, lowStock: Bool, soldOut: Bool
        enum CodingKeys: String, CodingKey {
            case id, sku, options, price, stock
            case compareAt = "compare_at", lowStock = "low_stock", soldOut = "sold_out"
        }
    }

    let id: Int64, handle: String, title: String, vendor: String, productType: String, status: String
    let currency: String, priceMin: String, priceMax: String, compareAt: OrNull<String>
    let stock: Int, rating: OrNull<Double>, ratingCount: Int
    let categoryPath: [String], tags: [String], optionNames: [String], description: String
    let images: [Image], variants: [Variant]

    enum CodingKeys: String, CodingKey {
        case id, handle, title, vendor, status, currency, stock, rating, tags, description, images, variants
        case productType = "product_type", priceMin = "price_min", priceMax = "price_max", compareAt = "compare_at"
        case ratingCount = "rating_count", categoryPath = "category_path", optionNames = "option_names"
    }

    init(_ detail: ProductDetail, currency: Currency) {
        let product = detail.summary
        id = product.id.rawValue
        handle = product.handle
        title = product.title
        vendor = product.vendor
        productType = detail.productType
        status = product.status.rawValue
        self.currency = currency.code
        priceMin = product.priceMin.decimalString
        priceMax = product.priceMax.decimalString
        compareAt = OrNull(product.compareAt?.decimalString)
        stock = product.stockTotal
        rating = roundedAverage(product.rating)
        ratingCount = product.rating.count
        categoryPath = detail.categoryPath.map(\.name)
        tags = detail.tags
        optionNames = detail.optionNames
        description = detail.description
        images = detail.images.map { Image(url: $0.url, alt: $0.alt) }
        variants = detail.variants.map {
            Variant(id: $0.id.rawValue, sku: OrNull($0.sku), options: $0.options, price: $0.price.decimalString,
                    compareAt: OrNull($0.compareAt?.decimalString), stock: $0.stock,
                    lowStock: $0.isLowStock, soldOut: $0.isSoldOut)
        }
    }
}

private struct CategoryJSON: Encodable {
    let id: Int64, handle: String, name: String, parent: OrNull<String>, depth: Int
    let products: Int, totalProducts: Int

    enum CodingKeys: String, CodingKey {
        case id, handle, name, parent, depth, products
        case totalProducts = "total_products"
    }

    init(_ node: CategoryNode, parentHandle: String?) {
        id = node.id.rawValue
        handle = node.handle
        name = node.name
        parent = OrNull(parentHandle)
        depth = node.depth
        products = node.productCount
        totalProducts = node.totalProductCount
    }
}
