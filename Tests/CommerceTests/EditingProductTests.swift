@_spi(Storage) import Commerce
import Foundation
import Testing

@Suite("Product editor")
struct EditingProductTests {
    let store: Store
    let staff = Caller.user(UserID(1), role: .staff, label: "staff@curio.shop")
    let customer = Caller.user(UserID(2), role: .customer, label: "c@example.com")

    init() throws {
        store = try ImportFixtures.freshStore()
        try store.db.execute("INSERT INTO users(id, email, name, role, created_at, updated_at) VALUES (1, 'staff@curio.shop', 'S', 'staff', 0, 0), (2, 'c@example.com', 'C', 'customer', 0, 0)")
    }

    func usd(_ text: String) throws -> Money { try Money.parse(text, currency: .usd) }

    func mug() throws -> (ProductDraft, [VariantDraft]) {
        var draft = ProductDraft(title: "Stoneware Mug")
        draft.tags = [" coffee ", "Mug", "coffee", "", "MUG"]
        draft.optionNames = ["Colour"]
        draft.descriptionHTML = "<p>Glazed by hand.</p>"
        var white = VariantDraft(price: try usd("18"), sku: "MUG-W", options: ["White"])
        white.stock = 5
        return (draft, [white, VariantDraft(price: try usd("18.50"), sku: "MUG-B", options: ["Blue"])])
    }

    @Test func createWritesProductVariantsTagsLedgerAndAudit() throws {
        let (draft, variants) = try mug()
        let id = try store.productEditor.createProduct(draft, variants: variants, by: staff)
        let row = try #require(try store.db.first("SELECT handle, tags, description, price_min, price_max, stock_total FROM products WHERE id = ?", id) {
            [$0.string(0), $0.string(1), $0.string(2), String($0.int(3)), String($0.int(4)), String($0.int(5))]
        })
        #expect(row == ["stoneware-mug", "coffee, Mug", "Glazed by hand.", "1800", "1850", "5"])
        #expect(try store.db.all("SELECT tag FROM product_tags WHERE product_id = ? ORDER BY tag", id) { $0.string(0) } == ["coffee", "Mug"])
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM inventory_ledger WHERE reason = 'restock' AND delta = 5 AND actor_id = 1") == 1)
        #expect(try store.db.all("SELECT action FROM audit_log ORDER BY id") { $0.string(0) } == ["variant.create", "variant.create", "product.create"])
        #expect(try ImportFixtures.doctorProblems(store) == [])
    }

    @Test func validationNamesTheField() throws {
        let editor = store.productEditor
        let price = try usd("1")
        #expect(throws: CommerceError.invalid(field: "title", reason: "is required")) {
            try editor.createProduct(ProductDraft(title: "  ", handle: "x"), variants: [VariantDraft(price: price)], by: staff)
        }
        #expect(throws: CommerceError.invalid(field: "handle", reason: "\"Bad Handle\" may use only lower-case letters (of any script), digits and hyphens (try \"bad-handle\")")) {
            try editor.createProduct(ProductDraft(title: "T", handle: "Bad Handle"), variants: [VariantDraft(price: price)], by: staff)
        }
        #expect(throws: CommerceError.invalid(field: "price", reason: "must be 0 or more (got -1.00)")) {
            try editor.createProduct(ProductDraft(title: "T"), variants: [VariantDraft(price: try usd("-1"))], by: staff)
        }
        #expect(throws: CommerceError.invalid(field: "variants", reason: "a product needs at least one variant (it carries the price)")) {
            try editor.createProduct(ProductDraft(title: "T"), variants: [], by: staff)
        }
        #expect(throws: CommerceError.invalid(field: "options", reason: "the product has no options; give no option values")) {
            try editor.createProduct(ProductDraft(title: "T"), variants: [VariantDraft(price: price, options: ["Red"])], by: staff)
        }
        let (draft, variants) = try mug()
        _ = try editor.createProduct(draft, variants: variants, by: staff)
        #expect(throws: CommerceError.conflict("handle: \"stoneware-mug\" is already used by the product \"Stoneware Mug\"; choose another handle")) {
            try editor.createProduct(ProductDraft(title: "Stoneware Mug"), variants: [VariantDraft(price: price)], by: staff)
        }
        #expect(throws: CommerceError.conflict("sku: \"MUG-W\" is already used by a variant of \"stoneware-mug\"; SKUs must be unique")) {
            try editor.createProduct(ProductDraft(title: "Other"), variants: [VariantDraft(price: price, sku: "MUG-W")], by: staff)
        }
        // A refused create leaves nothing behind.
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM products") == 1)
    }

    @Test func customersAreForbiddenEverywhere() throws {
        let editor = store.productEditor
        let forbidden = CommerceError.forbidden("only staff can edit products")
        let (draft, variants) = try mug()
        let id = try editor.createProduct(draft, variants: variants, by: staff)
        let variant = try editor.variantID(sku: "MUG-W")
        #expect(throws: forbidden) { try editor.createProduct(draft, variants: variants, by: customer) }
        #expect(throws: forbidden) { try editor.updateProduct(id, ProductChanges(), by: customer) }
        #expect(throws: forbidden) { try editor.archiveProduct(id, by: customer) }
        #expect(throws: forbidden) { try editor.addVariant(to: id, VariantDraft(price: try usd("1"), options: ["Red"]), by: customer) }
        #expect(throws: forbidden) { try editor.updateVariant(variant, VariantChanges(), by: customer) }
        #expect(throws: forbidden) { try editor.adjustStock(variant, by: 3, by: customer) }
        #expect(throws: forbidden) { try editor.setStock(variant, to: 3, by: customer) }
        #expect(throws: forbidden) { try editor.createCategory(name: "X", by: customer) }
        #expect(throws: forbidden) { try editor.archiveVariant(variant, by: .guest(token: "t")) }
    }

    @Test func updatesChangeOnlyWhatIsGivenAndKeepTagsInStep() throws {
        let editor = store.productEditor
        let (draft, variants) = try mug()
        let id = try editor.createProduct(draft, variants: variants, by: staff)
        var changes = ProductChanges()
        changes.title = "Big Mug"
        changes.handle = "big-mug"
        changes.tags = ["tea", "Tea", "gift"]
        try editor.updateProduct(id, changes, by: staff)
        #expect(try store.db.first("SELECT handle, title, tags, description FROM products WHERE id = ?", id) { [$0.string(0), $0.string(1), $0.string(2), $0.string(3)] }
                == ["big-mug", "Big Mug", "tea, gift", "Glazed by hand."])
        #expect(try store.db.all("SELECT tag FROM product_tags WHERE product_id = ? ORDER BY tag", id) { $0.string(0) } == ["gift", "tea"])
        var rename = ProductChanges()
        rename.optionNames = ["Colour", "Size"]
        #expect(throws: CommerceError.self) { try editor.updateProduct(id, rename, by: staff) }
        try editor.archiveProduct(id, by: staff)
        #expect(try store.db.scalarString("SELECT status FROM products WHERE id = ?", id) == "archived")
        #expect(try store.db.scalarString("SELECT detail FROM audit_log WHERE action = 'product.update' ORDER BY id LIMIT 1")?.contains("Big Mug") == true)
    }

    @Test func variantsAndStockGoThroughTheLedger() throws {
        let editor = store.productEditor
        let (draft, variants) = try mug()
        let id = try editor.createProduct(draft, variants: variants, by: staff)
        let red = try editor.addVariant(to: id, VariantDraft(price: try usd("20"), sku: "MUG-R", options: ["Red"]), by: staff)
        #expect(throws: CommerceError.conflict("options: another variant of this product already has White")) {
            try editor.addVariant(to: id, VariantDraft(price: try usd("20"), options: ["White"]), by: staff)
        }
        var change = VariantChanges()
        change.price = try usd("22")
        change.sku = .some(nil)
        try editor.updateVariant(red, change, by: staff)
        #expect(try store.db.first("SELECT price, sku FROM variants WHERE id = ?", red) { [$0.value(0), $0.value(1)] } == [.integer(2200), .null])
        try editor.adjustStock(red, by: 7, reason: .restock, note: "delivery", by: staff)
        try editor.setStock(red, to: 4, note: "count", by: staff)
        #expect(throws: CommerceError.invalid(field: "delta", reason: "would make stock -1; there are only 4 in stock")) {
            try editor.adjustStock(red, by: -5, by: staff)
        }
        #expect(throws: CommerceError.self) { try editor.adjustStock(red, by: 1, reason: .sale, by: staff) }
        #expect(try store.db.all("SELECT delta, reason FROM inventory_ledger WHERE variant_id = ? ORDER BY id", red) { "\($0.int(0)) \($0.string(1))" }
                == ["7 restock", "-3 adjustment"])
        try editor.archiveVariant(red, by: staff)
        #expect(try store.db.scalarInt("SELECT price_max FROM products WHERE id = ?", id) == 1850)
        #expect(try ImportFixtures.doctorProblems(store) == [])
    }

    @Test func stockQuantitiesAreCappedAndSumsNeverTrap() throws {
        let editor = store.productEditor
        let (draft, variants) = try mug()
        let id = try editor.createProduct(draft, variants: variants, by: staff)
        let white = try editor.variantID(sku: "MUG-W")
        let cap = CatalogRules.maxStockQuantity
        #expect(cap == 10_000_000)
        #expect(throws: CommerceError.invalid(field: "delta", reason: "must be between -10000000 and 10000000 units (got \(Int.max))")) {
            try editor.adjustStock(white, by: Int.max, reason: .restock, by: staff)
        }
        #expect(throws: CommerceError.invalid(field: "delta", reason: "must be between -10000000 and 10000000 units (got \(Int.min))")) {
            try editor.adjustStock(white, by: Int.min, by: staff)
        }
        #expect(throws: CommerceError.invalid(field: "stock", reason: "must be at most 10000000 units (got 10000001)")) {
            try editor.setStock(white, to: cap + 1, by: staff)
        }
        var huge = VariantDraft(price: try usd("20"), sku: "MUG-G", options: ["Green"])
        huge.stock = Int.max
        #expect(throws: CommerceError.invalid(field: "stock", reason: "must be at most 10000000 units (got \(Int.max))")) {
            try editor.addVariant(to: id, huge, by: staff)
        }
        try editor.setStock(white, to: cap, by: staff)
        #expect(throws: CommerceError.invalid(field: "delta", reason: "would make stock 10000001; stock may be at most 10000000 units")) {
            try editor.adjustStock(white, by: 1, reason: .restock, by: staff)
        }
        // A level written before the cap existed, at Int64.max: adding is refused, not trapped, and staff can set it right.
        try store.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (?, ?, 'import', 0)",
                             white, Int64.max - Int64(cap))
        #expect(throws: CommerceError.invalid(field: "delta", reason: "1 cannot be added to the \(Int64.max) in stock")) {
            try editor.adjustStock(white, by: 1, reason: .restock, by: staff)
        }
        try editor.setStock(white, to: 3, by: staff)
        #expect(try editor.stockLevel(of: white) == 3)
    }

    @Test func setStockTakesTheDifferenceInsideItsTransaction() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("curio-setstock-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("shop.db").path
        let setup = try Store(path: path)
        try setup.db.execute("INSERT INTO users(id, email, name, role, created_at, updated_at) VALUES (1, 'staff@curio.shop', 'S', 'staff', 0, 0)")
        let (draft, variants) = try mug()
        _ = try setup.productEditor.createProduct(draft, variants: variants, by: staff)
        let white = try setup.productEditor.variantID(sku: "MUG-W")
        let staff = self.staff
        // A sale on another connection is mid-transaction (it holds the write lock) when staff set the stock
        // to 50 from a second thread; the sale commits 0.3 s later. The count must land on exactly 50.
        let errors = ErrorBox()
        let done = DispatchGroup()
        let seller = try Store(path: path)
        try seller.write {
            done.enter()
            Thread {
                defer { done.leave() }
                do { try Store(path: path).productEditor.setStock(white, to: 50, note: "count", by: staff) } catch { errors.add(error) }
            }.start()
            Thread.sleep(forTimeInterval: 0.3)
            try seller.db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, note, created_at) VALUES (?, -2, 'adjustment', 'sold', 0)",
                                  white)
        }
        done.wait()
        #expect(errors.all.isEmpty, "\(errors.all)")
        #expect(try setup.productEditor.stockLevel(of: white) == 50)
        #expect(try setup.db.all("SELECT delta, note FROM inventory_ledger WHERE variant_id = ? ORDER BY id", white) { "\($0.int(0)) \($0.string(1))" }
                == ["5 opening stock", "-2 sold", "47 count"])
        try setup.productEditor.setStock(white, to: 7, by: staff)
        #expect(try setup.productEditor.stockLevel(of: white) == 7)
        #expect(try ImportFixtures.doctorProblems(setup) == [])
    }

    @Test func controlCharactersAreRefusedInProductText() throws {
        let editor = store.productEditor
        let variants = try mug().1
        var draft = try mug().0
        draft.optionNames = ["Colour\u{1B}[2J"]
        #expect(throws: CommerceError.invalid(field: "optionNames", reason: "must not contain control characters (found U+001B)")) {
            try editor.createProduct(draft, variants: variants, by: staff)
        }
        draft.optionNames = ["Colour"]
        draft.vendor = "Loom\u{9B}31m"
        #expect(throws: CommerceError.invalid(field: "vendor", reason: "must not contain control characters (found U+009B)")) {
            try editor.createProduct(draft, variants: variants, by: staff)
        }
        draft.vendor = "Loom"
        draft.descriptionHTML = "<p>Glazed</p>\n<p>by hand</p>"
        let id = try editor.createProduct(draft, variants: variants, by: staff)
        var retitle = ProductChanges()
        retitle.tags = ["ok", "bad\u{7}"]
        #expect(throws: CommerceError.invalid(field: "tags", reason: "must not contain control characters (found U+0007)")) {
            try editor.updateProduct(id, retitle, by: staff)
        }
        #expect(throws: CommerceError.invalid(field: "options", reason: "must not contain control characters (found U+001B)")) {
            try editor.addVariant(to: id, VariantDraft(price: try usd("20"), options: ["Red\u{1B}]0;x"]), by: staff)
        }
    }

    @Test func categoriesAreATree() throws {
        let editor = store.productEditor
        let home = try editor.createCategory(name: "Home", by: staff)
        let kitchen = try editor.createCategory(name: "Kitchen", parent: home, by: staff)
        let mugs = try editor.createCategory(name: "Mugs", parent: kitchen, by: staff)
        #expect(try store.db.scalarString("SELECT handle FROM categories WHERE id = ?", mugs) == "mugs")
        let outdoor = try editor.createCategory(name: "Outdoors", by: staff)
        let outdoorMugs = try editor.createCategory(name: "Mugs", parent: outdoor, by: staff)
        #expect(try store.db.scalarString("SELECT handle FROM categories WHERE id = ?", outdoorMugs) == "outdoors-mugs")
        #expect(throws: CommerceError.conflict("name: a category called \"mugs\" already exists there")) {
            try editor.createCategory(name: "mugs", parent: kitchen, by: staff)
        }
        #expect(throws: CommerceError.invalid(field: "parent", reason: "a category cannot move under itself or one of its subcategories")) {
            try editor.moveCategory(home, under: mugs, by: staff)
        }
        try editor.moveCategory(kitchen, under: nil, by: staff)
        try editor.renameCategory(kitchen, to: "Kitchen & Dining", by: staff)
        #expect(try store.db.first("SELECT name, parent_id, handle FROM categories WHERE id = ?", kitchen) { [$0.value(0), $0.value(1), $0.value(2)] }
                == [.text("Kitchen & Dining"), .null, .text("kitchen")])
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM audit_log WHERE entity = 'category'") == 7)
    }
}

/// Errors collected from worker threads.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [String] = []
    func add(_ error: any Error) { lock.withLock { errors.append("\(error)") } }
    var all: [String] { lock.withLock { errors } }
}

@Suite struct EditingTextSafetyTests {
    @Test func categoryNamesAndDirectionOverridesAreRefused() throws {
        let (store, _) = try makeStore()
        #expect(throws: CommerceError.invalid(field: "name", reason: "must not contain control characters (found U+001B)")) {
            try store.productEditor.createCategory(name: "Mugs\u{1b}[2J", by: .system)
        }
        #expect(throws: CommerceError.self) { try store.productEditor.ensureCategory(path: ["Home", "Kit\u{7}chen"], by: .system) }
        #expect(CatalogRules.controlCharacterProblem("Mug \u{202E}gnp.exe")?.contains("text-direction overrides") == true)
        #expect(CatalogRules.controlCharacterProblem("Crème brûlée 東京 🙂") == nil)
        let id = try store.productEditor.createCategory(name: "Mugs", by: .system)
        #expect(throws: CommerceError.self) { try store.productEditor.renameCategory(id, to: "Mu\u{9b}gs", by: .system) }
    }
}
