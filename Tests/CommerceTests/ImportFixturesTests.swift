@_spi(Storage) import Commerce
import Foundation

/// Shared fixtures for the import, editing and seed tests: fresh stores in temp folders and CSV texts.
enum ImportFixtures {
    /// A new store in its own temporary folder.
    static func freshStore() throws -> Store {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curio-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try Store(path: folder.appendingPathComponent("shop.db").path)
    }

    /// The repository's SampleData folder.
    static var sampleData: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("SampleData").path
    }

    /// Imports `csv` as the system.
    @discardableResult
    static func importText(_ csv: String, into store: Store, dryRun: Bool = false) throws -> ImportReport {
        try store.shopifyImporter.importCSV(Array(csv.utf8), options: ImportOptions(dryRun: dryRun, fileName: "test.csv"), by: .system)
    }

    /// The issues of an import that must fail.
    static func issues(_ csv: String, into store: Store) -> [ImportIssue] {
        do {
            try importText(csv, into: store)
            return []
        } catch let error as ImportError {
            if case .invalidRows(let issues) = error { return issues }
            return [ImportIssue(line: 0, column: 0, reason: "\(error)")]
        } catch {
            return [ImportIssue(line: 0, column: 0, reason: "\(error)")]
        }
    }

    /// Runs `curio doctor`'s checks and returns the problems.
    static func doctorProblems(_ store: Store) throws -> [String] {
        try Doctor(database: store.db).run().flatMap { check in check.problems.map { "\(check.name): \($0)" } }
    }

    static func count(_ store: Store, _ sql: String) throws -> Int {
        Int(try store.db.scalarInt(sql) ?? -1)
    }

    /// A legacy-header export: a product with two options and four variants, a single-variant product
    /// with an image-only row.
    static let legacy = """
        Handle,Title,Body (HTML),Vendor,Type,Tags,Published,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,Variant SKU,Variant Grams,Variant Inventory Tracker,Variant Inventory Qty,Variant Inventory Policy,Variant Fulfillment Service,Variant Price,Variant Compare At Price,Image Src,Image Position,Status
        field-tee,Field Tee,"<p>Soft <b>cotton</b>, made to last.</p><ul><li>Organic</li><li>Pre-washed</li></ul>",Loom,Tops,"cotton, Tee, cotton",true,Size,S,Colour,Navy,,,TEE-S-N,200,shopify,5,deny,manual,25.00,30.00,https://img/tee.jpg,1,active
        field-tee,,,,,,,,M,,Navy,,,TEE-M-N,210,shopify,3,deny,manual,25,,,,
        field-tee,,,,,,,,S,,Olive,,,TEE-S-O,200,shopify,0,deny,manual,25.00,,,,
        field-tee,,,,,,,,M,,Olive,,,TEE-M-O,210,shopify,7,deny,manual,27.50,,,,
        camp-mug,Camp Mug,Enamel &amp; steel.,Ridge,Kitchen,mug,TRUE,Title,Default Title,,,,,,300,shopify,12,deny,manual,12,,https://img/mug-1.jpg,1,
        camp-mug,,,,,,,,,,,,,,,,,,,,,https://img/mug-2.jpg,2,

        """

    /// The same catalog in the current header set, with a category path and extra unknown columns.
    static let current = """
        Title,URL handle,Description,Vendor,Product category,Type,Tags,Published on online store,Status,SKU,Barcode,Option1 name,Option1 value,Option2 name,Option2 value,Option3 name,Option3 value,Price,Compare-at price,Cost per item,Inventory quantity,Weight value (grams),Product image URL,Image position,Gift card,SEO title
        Field Tee,field-tee,<p>Soft cotton.</p>,Loom,Apparel > Clothing > Shirts,T-shirts,cotton,TRUE,Active,TEE-S-N,,Size,S,,,,,25.00,,10.00,5,200,https://img/tee.jpg,1,FALSE,Tee
        ,field-tee,,,,,,,,TEE-M-N,,,M,,,,,25.00,,10.00,4,210,,,,
        Draft Thing,draft-thing,,Acme,,,,FALSE,Active,,,,,,,,,50,,,2,,,,,

        """
}
