import Foundation

/// Turns CSV records in either Shopify header set into products, collecting every bad cell as an issue.
struct ShopifyParser {
    let columns: ShopifyColumns
    let currency: Currency
    private var file: ParsedFile
    private var productIndex: [String: Int] = [:]
    private var optionLines: [[String]: Int] = [:]  // [handle] + options → line, within the file

    init(header: CSVRecord, currency: Currency) {
        self.columns = ShopifyColumns(header: header.fields)
        self.currency = currency
        self.file = ParsedFile(columns: columns)
        if !columns.has(.handle) && !columns.has(.title) {
            file.issues.append(ImportIssue(line: header.line, column: 1, reason: """
                the header has no Handle, URL handle or Title column; is this a Shopify product CSV?
                """))
        }
        if !columns.has(.price) {
            file.issues.append(ImportIssue(line: header.line, column: 1,
                                           reason: "the header has no Variant Price or Price column"))
        }
    }

    /// Parses all records after the header.
    static func parse(_ records: [CSVRecord], currency: Currency) -> ParsedFile {
        guard let header = records.first else {
            var empty = ParsedFile(columns: ShopifyColumns(header: []))
            empty.issues.append(ImportIssue(line: 1, column: 1, reason: "the file is empty; expected a header row"))
            return empty
        }
        var parser = ShopifyParser(header: header, currency: currency)
        if !parser.file.issues.isEmpty { return parser.file }
        for record in records.dropFirst() { parser.add(record) }
        for index in parser.file.products.indices {
            var product = parser.file.products[index]
            ShopifyParser.finish(&product)
            parser.file.products[index] = product
        }
        parser.file.rowCount = records.count - 1
        return parser.file
    }

    // MARK: Rows

    private mutating func issue(_ record: CSVRecord, _ field: ShopifyField, _ reason: String) {
        let name = columns.column(field).map { columns.names[$0 - 1] } ?? field.headers[0]
        file.issues.append(ImportIssue(line: record.line, column: columns.column(field) ?? 1, reason: "\(name): \(reason)"))
    }

    private func cell(_ field: ShopifyField, _ record: CSVRecord) -> String { columns.cell(field, in: record) }

    private mutating func add(_ record: CSVRecord) {
        // A row with more or fewer cells than the header has its cells under the wrong columns (an
        // unquoted comma in a title pushes every later cell right, though the cell past the end is
        // often blank); it is reported as such and read no further, so the shift makes no knock-on issues.
        let width = columns.names.count
        if record.fields.count != width {
            file.issues.append(ImportIssue(line: record.line, column: min(record.fields.count, width) + 1, reason: """
                line \(record.line) has \(record.fields.count) cells, the header has \(width)
                """))
            return
        }
        checkControlCharacters(record)
        guard let index = productSlot(for: record) else { return }
        file.products[index].rowCount += 1
        mergeProductCells(record, into: index)
        let image = cell(.imageSource, record)
        if !image.isEmpty {
            var position: Int?
            let text = cell(.imagePosition, record)
            if !text.isEmpty {
                if let value = Int(text), value > 0 { position = value } else { issue(record, .imagePosition, "\"\(text)\" is not a positive whole number") }
            }
            file.products[index].images.append(ParsedImage(url: image, position: position, alt: cell(.imageAlt, record)))
        }
        if isVariantRow(record) { addVariant(record, to: index) }
    }

    /// Product text cells and option names and values must hold no control characters (ESC among them):
    /// they are shown on terminals. The HTML body may keep its line breaks.
    private mutating func checkControlCharacters(_ record: CSVRecord) {
        let fields: [ShopifyField] = [.title, .vendor, .type, .productCategory, .seoTitle, .seoDescription, .barcode,
                                      .option1Name, .option1Value, .option2Name, .option2Value, .option3Name, .option3Value]
        for (offset, field) in fields.enumerated() {
            // Blank cells (most cells of most rows) are skipped before any trimming.
            if columns.rawCell(field, in: record).isEmpty { continue }
            let text = cell(field, record)
            if let problem = CatalogRules.controlCharacterProblem(text) {
                issue(record, field, problem)
            } else if offset >= 7, text.utf8.count > CatalogRules.maxVariantTextLength,
                      let problem = CatalogRules.optionValueProblem(text) {  // option names and values
                issue(record, field, problem)
            }
        }
        for tag in CatalogRules.normalizedTags(cell(.tags, record)) {
            if let problem = CatalogRules.controlCharacterProblem(tag) {
                issue(record, .tags, problem)
                break
            }
        }
        let body = columns.rawCell(.body, in: record)
        if let problem = CatalogRules.controlCharacterProblem(body, allowLineBreaks: true) ?? HTMLText.controlEntityProblem(body) {
            issue(record, .body, problem)
        }
    }

    /// The product a row belongs to: by its handle, a handle made from its title, or the product above.
    private mutating func productSlot(for record: CSVRecord) -> Int? {
        var handle = CatalogRules.normalizedProductHandle(cell(.handle, record))
        if handle.isEmpty {
            let title = cell(.title, record)
            if title.isEmpty {
                if file.products.isEmpty {
                    issue(record, columns.has(.handle) ? .handle : .title, "is required on a product's first row")
                    return nil
                }
                return file.products.count - 1
            }
            handle = CatalogRules.slug(title)
        }
        if let existing = productIndex[handle] { return existing }
        if let problem = CatalogRules.productHandleProblem(handle) {
            issue(record, columns.has(.handle) ? .handle : .title, problem)
            return nil
        }
        productIndex[handle] = file.products.count
        file.products.append(ParsedProduct(handle: handle, line: record.line))
        return file.products.count - 1
    }

    /// Takes the first non-blank value of each product-level cell.
    private mutating func mergeProductCells(_ record: CSVRecord, into index: Int) {
        var product = file.products[index]
        func fill(_ field: ShopifyField, _ value: inout String?) {
            guard columns.has(field) else { return }
            let text = field == .body ? columns.rawCell(field, in: record) : cell(field, record)
            if value == nil || value == "" { value = text }
        }
        let title = cell(.title, record)
        if product.title == nil && !title.isEmpty { product.title = title }
        fill(.body, &product.bodyHTML)
        fill(.vendor, &product.vendor)
        fill(.type, &product.productType)
        fill(.seoTitle, &product.seoTitle)
        fill(.seoDescription, &product.seoDescription)
        if columns.has(.tags) {
            let tags = CatalogRules.normalizedTags(cell(.tags, record))
            if product.tags?.isEmpty ?? true { product.tags = tags }
        }
        if columns.has(.productCategory) || columns.has(.type), product.categoryPath?.isEmpty ?? true {
            let source = cell(.productCategory, record).isEmpty ? cell(.type, record) : cell(.productCategory, record)
            let path = source.isEmpty ? []
                : source.split(separator: ">", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let field: ShopifyField = cell(.productCategory, record).isEmpty ? .type : .productCategory
            if path.count > CatalogRules.maxCategoryDepth {
                issue(record, field, "the category path has \(path.count) levels; at most \(CatalogRules.maxCategoryDepth) are allowed")
            } else if path.contains("") {
                issue(record, field, "\"\(source)\" has an empty step; write a path like \"Home > Kitchen > Mugs\"")
            } else {
                product.categoryPath = path
            }
        }
        for option in 0..<3 {
            let name = cell(ShopifyField.optionName(option), record)
            if !name.isEmpty && product.optionNames.count == option { product.optionNames.append(name) }
        }
        if product.status == nil { product.status = status(record) }
        if product.published == nil { product.published = published(record) }
        file.products[index] = product
    }

    /// The row's Status, or nil when it is blank. Publication is read apart (`published`).
    private mutating func status(_ record: CSVRecord) -> ProductStatus? {
        let statusText = cell(.status, record).lowercased()
        guard !statusText.isEmpty else { return nil }
        let status = ProductStatus(rawValue: statusText)
        if status == nil { issue(record, .status, "\"\(statusText)\" is not active, draft or archived") }
        return status
    }

    /// The row's Published (shown in the shop or not), or nil when it is blank. `Published=false` with
    /// `Status=active` is an active product hidden from the shop, not a draft.
    private mutating func published(_ record: CSVRecord) -> Bool? {
        let text = cell(.published, record)
        guard !text.isEmpty else { return nil }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default:
            issue(record, .published, "\"\(text)\" is not true or false")
            return nil
        }
    }

    private func isVariantRow(_ record: CSVRecord) -> Bool {
        let fields: [ShopifyField] = [.option1Value, .option2Value, .option3Value, .sku, .price, .compareAtPrice,
                                      .inventoryQuantity, .grams]
        return fields.contains { !cell($0, record).isEmpty }
    }

    private mutating func addVariant(_ record: CSVRecord, to index: Int) {
        let product = file.products[index]
        let issuesBefore = file.issues.count
        var options: [String] = []
        for option in 0..<3 {
            let value = cell(ShopifyField.optionValue(option), record)
            if option < product.optionNames.count {
                if value.isEmpty {
                    issue(record, ShopifyField.optionValue(option), "is required: the product has the option \"\(product.optionNames[option])\"")
                }
                options.append(value)
            } else if !value.isEmpty {
                issue(record, ShopifyField.optionName(option), "is blank on the product's first row, but this row has the value \"\(value)\"")
            }
        }
        let price = money(record, .price, required: true)
        let compare = money(record, .compareAtPrice, required: false)
        let (grams, gramsMilli) = weight(record)
        let barcodeText = cell(.barcode, record)
        let barcode = barcodeText.isEmpty ? nil : barcodeText
        if let barcode, barcode.utf8.count > CatalogRules.maxVariantTextLength, let problem = CatalogRules.barcodeProblem(barcode) {
            issue(record, .barcode, problem)
        }
        var quantity = wholeNumber(record, .inventoryQuantity, allowFraction: false)
        if let count = quantity, count < 0 {
            file.warnings.append(ImportIssue(line: record.line, column: columns.column(.inventoryQuantity) ?? 1,
                                             reason: "\(columns.names[(columns.column(.inventoryQuantity) ?? 1) - 1]): \(count) is below zero (oversold); stock set to 0"))
            quantity = 0
        } else if let count = quantity, let problem = CatalogRules.stockProblem(count) {
            issue(record, .inventoryQuantity, problem)
            quantity = nil
        }
        if let grams, grams < 0 { issue(record, .grams, "must be 0 or more (got \(grams))") }
        let skuText = cell(.sku, record)
        let sku = skuText.isEmpty ? nil : skuText
        // SKUs are attributes: Shopify lets variants share one, so only the SKU's own text is checked.
        if let sku, let problem = CatalogRules.skuProblem(sku) { issue(record, .sku, problem) }
        let key = [product.handle] + options
        if let first = optionLines[key] {
            let shown = options.isEmpty ? "no option values" : "the option values " + options.joined(separator: " / ")
            issue(record, options.isEmpty ? .option1Value : ShopifyField.optionValue(0),
                  "another row of \"\(product.handle)\" (line \(first)) already has \(shown)")
        } else {
            optionLines[key] = record.line
        }
        guard file.issues.count == issuesBefore, let price else { return }
        file.products[index].variants.append(ParsedVariant(line: record.line, sku: sku, options: options, price: price,
                                                           compareAtPrice: compare, grams: grams, gramsMilli: gramsMilli,
                                                           barcode: barcode, quantity: quantity))
    }

    private mutating func money(_ record: CSVRecord, _ field: ShopifyField, required: Bool) -> Money? {
        let text = cell(field, record)
        if text.isEmpty {
            if required { issue(record, field, "is required on a variant row") }
            return nil
        }
        do {
            let amount = try Money.parse(text, currency: currency)
            if let problem = CatalogRules.priceProblem(amount) {
                issue(record, field, problem)
                return nil
            }
            return amount
        } catch {
            issue(record, field, error.description)
            return nil
        }
    }

    private mutating func wholeNumber(_ record: CSVRecord, _ field: ShopifyField, allowFraction: Bool) -> Int? {
        let text = cell(field, record)
        if text.isEmpty { return nil }
        if let value = Int(text) { return value }
        if allowFraction, let value = Double(text), value.isFinite, abs(value) < 1e12 { return Int(value.rounded()) }
        issue(record, field, "\"\(text)\" is not a whole number")
        return nil
    }

    /// The weight in whole grams and, when the file gave a fraction of a gram, in thousandths of one
    /// (so `12.5` exports as `12.5`). A whole number of grams written with decimals (`250.0`) is whole.
    private mutating func weight(_ record: CSVRecord) -> (grams: Int?, milli: Int?) {
        let text = cell(.grams, record)
        guard let grams = wholeNumber(record, .grams, allowFraction: true) else { return (nil, nil) }
        guard Int(text) == nil, let value = Double(text) else { return (grams, nil) }
        let milli = Int((value * 1000).rounded())
        return milli % 1000 == 0 ? (milli / 1000, nil) : (grams, milli)
    }

    /// Product-wide checks once all rows are in: Shopify's "Title / Default Title" means no options.
    private static func finish(_ product: inout ParsedProduct) {
        if product.optionNames.count == 1, product.optionNames[0].lowercased() == "title",
           product.variants.allSatisfy({ $0.options.first?.lowercased() == "default title" }) {
            product.optionNames = []
            for index in product.variants.indices { product.variants[index].options = [] }
        }
        product.images = product.images.enumerated()
            .sorted { ($0.element.position ?? Int.max, $0.offset) < ($1.element.position ?? Int.max, $1.offset) }
            .map(\.element)
    }
}
