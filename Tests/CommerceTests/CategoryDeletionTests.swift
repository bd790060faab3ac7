@_spi(Storage) import Commerce
import Foundation
import Testing

/// Deleting a category: its products move to the parent (or become uncategorised) and its
/// subcategories move up; the products stay listed and on sale.
@Suite struct CategoryDeletionTests {
    let store: Store
    let staff = Caller.user(UserID(1), role: .staff, label: "staff@curio.shop")

    init() throws {
        store = try ImportFixtures.freshStore()
        try store.db.execute("INSERT INTO users(id, email, name, role, created_at, updated_at) VALUES (1, 'staff@curio.shop', 'S', 'staff', 0, 0)")
    }

    func product(_ title: String, in category: CategoryID?) throws -> ProductID {
        var draft = ProductDraft(title: title)
        draft.categoryID = category
        draft.status = .active
        return try store.productEditor.createProduct(draft, variants: [VariantDraft(price: try Money.parse("5", currency: .usd))], by: staff)
    }

    func categoryOf(_ product: ProductID) throws -> Int64? {
        try store.db.first("SELECT category_id FROM products WHERE id = ?", product) { $0.optionalInt64(0) } ?? nil
    }

    @Test func productsAndSubcategoriesMoveToTheParent() throws {
        let editor = store.productEditor
        let home = try editor.createCategory(name: "Home", by: staff)
        let kitchen = try editor.createCategory(name: "Kitchen", parent: home, by: staff)
        let mugs = try editor.createCategory(name: "Mugs", parent: kitchen, by: staff)
        let pans = try editor.createCategory(name: "Pans", parent: kitchen, by: staff)
        let kettle = try product("Kettle", in: kitchen)
        let mug = try product("Mug", in: mugs)

        let result = try editor.deleteCategory(kitchen, by: staff)
        #expect(result.name == "Kitchen" && result.parent == home && result.productsMoved == 1 && result.subcategoriesMoved == 2)
        #expect(try categoryOf(kettle) == home.rawValue)
        #expect(try categoryOf(mug) == mugs.rawValue)
        let tree = try store.catalog.categories(caller: .system)
        #expect(tree.map(\.name) == ["Home", "Mugs", "Pans"])
        #expect(tree.filter { $0.parentID == home }.map(\.id) == [mugs, pans])
        #expect(tree.first { $0.id == home }?.totalProductCount == 2)
        let listed = try store.catalog.products(ProductQuery(filter: ProductFilter(category: home)), caller: .system)
        #expect(Set(listed.products.map(\.id)) == [kettle, mug])
        #expect(try store.db.scalarString("SELECT detail FROM audit_log WHERE action = 'category.delete'")?.contains("Kitchen") == true)
        #expect(try ImportFixtures.doctorProblems(store) == [])
    }

    @Test func aTopLevelCategorysProductsBecomeUncategorised() throws {
        let editor = store.productEditor
        let garden = try editor.createCategory(name: "Garden", by: staff)
        let tools = try editor.createCategory(name: "Tools", parent: garden, by: staff)
        let hose = try product("Hose", in: garden)
        let result = try editor.deleteCategory(garden, by: staff)
        #expect(result.name == "Garden" && result.parent == nil && result.productsMoved == 1 && result.subcategoriesMoved == 1)
        #expect(try categoryOf(hose) == nil)
        #expect(try store.catalog.categories(caller: .system).first { $0.id == tools }?.parentID == nil)
        #expect(try store.catalog.product(id: hose, caller: .system).summary.title == "Hose")
    }

    @Test func aSubcategoryWhoseNameIsTakenAboveIsRefusedAndNothingChanges() throws {
        let editor = store.productEditor
        let home = try editor.createCategory(name: "Home", by: staff)
        _ = try editor.createCategory(name: "Mugs", parent: home, by: staff)
        let kitchen = try editor.createCategory(name: "Kitchen", parent: home, by: staff)
        _ = try editor.createCategory(name: "mugs", parent: kitchen, by: staff)
        let kettle = try product("Kettle", in: kitchen)
        #expect(throws: CommerceError.conflict("name: the subcategory \"mugs\" cannot move up because a category with that name already exists there; rename or move it first")) {
            try editor.deleteCategory(kitchen, by: staff)
        }
        #expect(try categoryOf(kettle) == kitchen.rawValue)
        #expect(try store.catalog.categories(caller: .system).count == 4)
    }

    @Test func aCustomerAndAMissingCategoryAreRefused() throws {
        let id = try store.productEditor.createCategory(name: "Garden", by: staff)
        #expect(throws: CommerceError.self) { try store.productEditor.deleteCategory(id, by: .user(UserID(2), role: .customer, label: "c")) }
        #expect(throws: CommerceError.notFound("no category with id 999")) { try store.productEditor.deleteCategory(CategoryID(999), by: staff) }
    }
}
