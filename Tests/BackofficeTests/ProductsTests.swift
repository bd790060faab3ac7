import Backoffice
import Commerce
import CurioTestSupport
import Testing
import TerminalUI

/// The Products section: every status, search, marks and bulk actions confirmed with the count and
/// undone by their inverse.
@MainActor
@Suite struct ProductsTests {
    func openProducts(_ fixture: BackofficeFixture) throws {
        try fixture.signIn(as: .staff)
        fixture.send(.char("3"))
    }

    @Test func theListShowsEveryStatusAndSearches() throws {
        let fixture = try BackofficeFixture()
        try openProducts(fixture)
        #expect(fixture.screen().contains("Products · "))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "products")
        fixture.send(.char("/"))
        fixture.type("mug", then: .enter)
        let screen = fixture.screen()
        #expect(screen.contains("Search: mug"))
        #expect(screen.contains("Stoneware Mug"))
        #expect(!screen.contains("Gym Towel"))
    }

    @Test func aBulkPriceChangeIsConfirmedWithTheCountAuditedPerProductAndUndone() throws {
        let fixture = try BackofficeFixture()
        try openProducts(fixture)
        fixture.send(.char("/"))
        fixture.type("mug", then: .enter)
        fixture.send(.char(" "), .char(" "))
        #expect(fixture.screen().contains("2 marked"))
        let before = try fixture.store.catalog.search("mug", caller: .system).page.products.prefix(2).map { ($0.id, $0.priceMin) }
        fixture.send(.char("B"))
        #expect(fixture.screen().contains("Bulk action for 2 products"))
        fixture.send(.down, .down, .down, .enter)
        fixture.type("10", then: .enter)
        #expect(fixture.screen().contains("Change the prices of 2 products by +10%?"))
        fixture.send(.char("y"))
        for (id, price) in before {
            let now = try fixture.store.catalog.product(id: id, caller: .system).variants[0].price
            #expect(now.minorUnits == (price.minorUnits * 11 + 5) / 10)
        }
        let entries = try fixture.store.auditTrail.entries(AuditFilter(actor: "staff@curio.shop"), as: .system)
        #expect(Set(entries.compactMap(\.entityID)).isSuperset(of: before.map { $0.0.rawValue }))
        #expect(entries.allSatisfy { $0.before != nil && $0.after != nil })
        fixture.send(.char("u"))
        #expect(fixture.screen().contains("Undo 2 products: prices +10%?"))
        fixture.send(.char("y"))
        for (id, price) in before {
            #expect(try fixture.store.catalog.product(id: id, caller: .system).variants[0].price == price)
        }
    }

    @Test func aDeletedProductComesBackWithUndo() throws {
        let fixture = try BackofficeFixture()
        let notebook = try fixture.store.productEditor.createProduct(
            ProductDraft(title: "Dotted Notebook"), variants: [VariantDraft(price: fixture.store.money(650), sku: "DOT-1")], by: .system)
        try openProducts(fixture)
        fixture.send(.char("/"))
        fixture.type("dotted notebook", then: .enter)
        fixture.send(.char("B"), .down, .down, .down, .down, .enter)
        #expect(fixture.screen().contains("Delete “Dotted Notebook”? Carts lose its lines; u brings"))
        fixture.send(.char("y"))
        #expect(throws: CommerceError.self) { _ = try fixture.store.catalog.product(id: notebook, caller: .system) }
        fixture.send(.char("u"))
        #expect(fixture.screen().contains("Undo “Dotted Notebook”: delete?"))
        fixture.send(.char("y"))
        let back = try fixture.store.catalog.product(id: notebook, caller: .system)
        #expect(back.summary.title == "Dotted Notebook" && back.variants.map(\.sku) == ["DOT-1"])
    }

    @Test func archivingOneProductAsksByNameAndMovesItToTheArchivedTab() throws {
        let fixture = try BackofficeFixture()
        try openProducts(fixture)
        fixture.send(.char("/"))
        fixture.type("gym towel", then: .enter)
        fixture.send(.char("B"), .down, .down, .enter)
        #expect(fixture.screen().contains("Archive “Gym Towel”?"))
        fixture.send(.char("y"))
        let towel = try #require(try fixture.store.catalog.search("gym towel", query: ProductQuery(filter: ProductFilter(statuses: [.archived])),
                                                              caller: .system).page.products.first)
        #expect(towel.status == .archived)
    }

    /// Opens the editor of the product found by `search`.
    func openEditor(_ search: String, _ fixture: BackofficeFixture) throws {
        try openProducts(fixture)
        fixture.send(.char("/"))
        fixture.type(search, then: .enter)
        fixture.send(.enter)
    }

    @Test func theEditorAdjustsStockWithAReasonIntoTheLedger() throws {
        let fixture = try BackofficeFixture()
        try openEditor("gym towel", fixture)
        fixture.expireToasts()
        assertSnapshots(fixture, named: "product-editor")
        let towel = try fixture.store.catalog.product(handle: "gym-towel", caller: .system)
        let before = towel.variants[0].stock
        fixture.send(.char("a"))
        fixture.type("+12", then: .tab)
        fixture.type("stocktake", then: .enter)
        #expect(fixture.screen().contains("Enter restock or adjustment."))
        for _ in 0..<9 { fixture.send(.backspace) }
        fixture.type("restock", then: .tab)
        fixture.type("delivery from the mill", then: .enter)
        #expect(try fixture.store.productEditor.stockLevel(of: towel.variants[0].id) == before + 12)
        fixture.expireToasts()
        #expect(fixture.screen().contains("\(before + 12)"))
    }

    @Test func theEditorsLedgerKeyShowsTheStockLedgerNewestFirst() throws {
        let fixture = try BackofficeFixture()
        try openEditor("gym towel", fixture)
        fixture.expireToasts()
        #expect(fixture.screen().contains("l Ledger"))
        let towel = try fixture.store.catalog.product(handle: "gym-towel", caller: .system)
        fixture.send(.char("l"))
        fixture.expireToasts()
        let seeded = try fixture.store.stockHistory.movements(of: towel.summary.id, as: .system).count
        #expect(fixture.screen().contains("Gym Towel · stock ledger · newest \(seeded)"))
        // The demo import's row is stamped with today's time; the sales are on the seed's clock.
        fixture.send(.char("/"))
        fixture.type("sale", then: .enter)
        assertSnapshots(fixture, named: "stock-ledger-sales")
        fixture.send(.escape, .char("a"))
        fixture.type("-3", then: .tab)
        fixture.type("adjustment", then: .tab)
        fixture.type("water damage", then: .enter)
        fixture.send(.char("l"))
        let ledger = fixture.screen()
        let rows = ledger.split(separator: "\n").filter { $0.contains("water damage") }
        #expect(rows.count == 1)
        #expect(rows.first?.contains("-3") == true && rows.first?.contains("adjustment") == true && rows.first?.contains("staff@curio.shop") == true)
        let firstRow = try #require(ledger.split(separator: "\n").dropFirst(4).first)
        #expect(firstRow.contains("water damage"), "the newest movement is on top")
        fixture.send(.char("/"))
        fixture.type("water", then: .enter)
        #expect(fixture.screen().contains("1 of \(seeded + 1)"))
    }

    @Test func aBadHandleIsShownUnderItsField() throws {
        let fixture = try BackofficeFixture()
        try openEditor("gym towel", fixture)
        fixture.send(.char("e"))
        for _ in 0..<20 { fixture.send(.backspace) }
        fixture.type("Not A Handle!", then: .enter)
        fixture.send(.enter, .enter, .enter, .enter)
        #expect(fixture.screen().contains("may use only lower-case letters"))
        #expect(try fixture.store.catalog.product(handle: "gym-towel", caller: .system).summary.title == "Gym Towel")
        fixture.expireToasts()
        assertSnapshots(fixture, named: "product-editor-error")
    }

    @Test func categoriesAreAddedRenamedAndMovedWithTheirProducts() throws {
        let fixture = try BackofficeFixture()
        try openProducts(fixture)
        fixture.send(.char("c"))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "categories")
        fixture.send(.char("/"))
        fixture.type("brewing", then: .enter)
        let brewing = try #require(try fixture.store.catalog.categories(caller: .system).first { $0.name == "Brewing Gear" })
        fixture.send(.char("r"))
        for _ in 0..<20 { fixture.send(.backspace) }
        fixture.type("Brew Kit", then: .enter)
        fixture.send(.char("m"), .enter)
        #expect(fixture.screen().contains("Move Brew Kit under the top level?"))
        fixture.send(.char("y"))
        let moved = try #require(try fixture.store.catalog.categories(caller: .system).first { $0.id == brewing.id })
        #expect(moved.name == "Brew Kit")
        #expect(moved.parentID == nil)
        #expect(moved.totalProductCount == brewing.totalProductCount)
        fixture.send(.char("/"), .escape, .char("n"))
        fixture.type("Gift Cards", then: .enter)
        #expect(try fixture.store.catalog.categories(caller: .system).contains { $0.name == "Gift Cards" })
    }
}

/// Deleting a category from the Categories screen: the confirmation says where its products go.
@MainActor
@Suite struct CategoryDeletionScreenTests {
    @Test func deletingACategoryAsksThenMovesItsProductsToTheParent() throws {
        let fixture = try BackofficeFixture()
        try fixture.signIn(as: .staff)
        fixture.send(.char("3"), .char("c"))
        let before = try fixture.store.catalog.categories(caller: .system)
        let brewing = try #require(before.first { $0.name == "Brewing Gear" })
        let coffeeTea = try #require(before.first { $0.name == "Coffee & Tea" })
        fixture.expireToasts()
        #expect(fixture.screen().contains("d Delete"))
        let brewingProducts = try fixture.store.catalog.products(ProductQuery(filter: ProductFilter(category: brewing.id), limit: 200), caller: .system).products.map(\.id)
        #expect(!brewingProducts.isEmpty)

        fixture.send(.char("/"))
        fixture.type("kitchen", then: .enter)
        fixture.send(.char("d"))
        let question = fixture.screen()
        #expect(question.contains("Delete Kitchen? Its products become uncategorised; its 2"))
        #expect(question.contains("subcategories move up."))
        fixture.send(.char("n"))
        #expect(try fixture.store.catalog.categories(caller: .system).count == before.count, "no keeps the category")

        fixture.send(.char("/"), .escape, .char("/"))
        fixture.type("brewing", then: .enter)
        fixture.send(.char("d"))
        #expect(fixture.screen().contains("Delete Brewing Gear? Its products move to Coffee & Tea."))
        fixture.expireToasts()
        assertSnapshots(fixture, named: "category-delete-confirm")
        fixture.send(.char("y"))
        #expect(fixture.screen().contains("Brewing Gear deleted"))
        let after = try fixture.store.catalog.categories(caller: .system)
        #expect(!after.contains { $0.id == brewing.id })
        let parent = try #require(after.first { $0.id == coffeeTea.id })
        #expect(parent.productCount == coffeeTea.productCount + brewing.productCount)
        #expect(parent.totalProductCount == coffeeTea.totalProductCount)
        let listed = try fixture.store.catalog.products(ProductQuery(filter: ProductFilter(category: coffeeTea.id), limit: 200), caller: .system)
        #expect(Set(brewingProducts).isSubset(of: Set(listed.products.map(\.id))), "the moved products are listed under the parent")
    }
}
