import Backoffice
import Commerce
import CurioTestSupport
import Testing
import TerminalUI

/// The product editor's variants: `n` adds one, Enter edits its option/SKU/price/compare-at/barcode/weight, `x` archives
/// it after asking by name; a service's complaint lands under its field.
@MainActor
@Suite struct VariantEditingTests {
    /// A demo product with exactly one option, opened in the editor.
    func openOneOptionProduct(_ fixture: BackofficeFixture) throws -> ProductDetail {
        let listed = try fixture.store.catalog.products(ProductQuery(limit: 200), caller: .system).products
        let product = try #require(try listed.lazy.map { try fixture.store.catalog.product(id: $0.id, caller: .system) }
            .first { $0.optionNames.count == 1 && !$0.variants.isEmpty })
        try fixture.signIn(as: .staff)
        fixture.send(.char("3"), .char("/"))
        fixture.type(product.summary.title, then: .enter)
        fixture.send(.enter)
        try #require(fixture.screen().contains("Product \(product.summary.handle)"))
        return product
    }

    func erase(_ fixture: BackofficeFixture, _ count: Int = 20) {
        for _ in 0..<count { fixture.send(.backspace) }
    }

    @Test func aVariantIsAddedEditedAndArchivedWithErrorsUnderTheirFields() throws {
        let fixture = try BackofficeFixture()
        let product = try openOneOptionProduct(fixture)
        fixture.expireToasts()
        #expect(fixture.screen().contains("n New variant"), "the footer shows the new key")
        fixture.send(.char("?"))
        let help = fixture.screen()
        #expect(help.contains("New variant") && help.contains("Edit variant") && help.contains("Archive variant"))
        fixture.send(.escape)

        fixture.send(.char("n"))
        #expect(fixture.screen().contains("New variant of \(product.summary.title)"))
        fixture.type("Test Giant", then: .enter)
        fixture.type("NEW-VAR-1", then: .enter)
        fixture.type("12.5x", then: .enter)
        #expect(fixture.screen().contains("Enter an amount like 12.50."), "an unreadable price stays under its field")
        erase(fixture)
        fixture.type("-5", then: .enter)
        fixture.send(.enter, .enter)  // no compare-at price, no barcode
        erase(fixture)
        fixture.type("7", then: .enter)
        #expect(fixture.screen().contains("Price: must be 0 or more (got -5.00)."), "the service's complaint is under the price")
        #expect(try fixture.store.catalog.product(id: product.summary.id, caller: .system).variants.count == product.variants.count)
        erase(fixture)
        fixture.type("19.50", then: .enter)
        fixture.send(.enter, .enter, .enter)
        fixture.expireToasts()
        var screen = fixture.screen()
        #expect(screen.contains("NEW-VAR-1") && screen.contains("Test Giant") && screen.contains("$19.50"))
        #expect(screen.contains("Variants · \(product.variants.count + 1)"))
        let added = try #require(try fixture.store.catalog.product(id: product.summary.id, caller: .system).variants.first { $0.sku == "NEW-VAR-1" })
        #expect(added.options == ["Test Giant"] && added.stock == 7)

        for _ in 0..<product.variants.count { fixture.send(.down) }
        fixture.send(.enter)
        #expect(fixture.screen().contains("Variant NEW-VAR-1"))
        erase(fixture)
        fixture.type("Test Huge", then: .enter)
        fixture.send(.enter, .enter, .enter, .enter, .enter)
        fixture.expireToasts()
        screen = fixture.screen()
        #expect(screen.contains("Test Huge") && !screen.contains("Test Giant"))
        let edited = try fixture.store.catalog.product(id: product.summary.id, caller: .system).variants.first { $0.id == added.id }
        #expect(edited?.options == ["Test Huge"] && edited?.price == added.price)

        fixture.send(.char("x"))
        #expect(fixture.screen().contains("Archive the variant \(product.summary.title) · Test Huge (NEW-VAR-1)?"))
        fixture.send(.char("n"))
        #expect(fixture.screen().contains("NEW-VAR-1"), "no keeps the variant")
        fixture.send(.char("x"), .char("y"))
        fixture.expireToasts()
        screen = fixture.screen()
        #expect(!screen.contains("NEW-VAR-1"))
        #expect(screen.contains("Variants · \(product.variants.count)"))
        let archived = try fixture.store.catalog.product(id: product.summary.id, caller: .system).variants.first { $0.id == added.id }
        #expect(archived?.archived == true)
    }

    @Test func aTakenSKUOrRepeatedOptionIsShownUnderItsField() throws {
        let fixture = try BackofficeFixture()
        let product = try openOneOptionProduct(fixture)
        let first = product.variants[0]
        let sku = try #require(first.sku)
        fixture.send(.char("n"))
        fixture.type("Test Giant", then: .enter)
        fixture.type(sku, then: .enter)
        fixture.type("19.50", then: .enter)
        fixture.send(.enter, .enter, .enter)
        #expect(fixture.screen().contains("SKU: \"\(sku)\" is already used by a variant of"), "a taken SKU is under the SKU field")
        erase(fixture, 40)
        fixture.send(.up)
        erase(fixture)
        fixture.type(first.options[0], then: .enter)
        fixture.type("NEW-VAR-2", then: .enter)
        fixture.send(.enter, .enter, .enter, .enter)
        let screen = fixture.screen()
        #expect(screen.contains("Option \(product.optionNames[0]): another variant of this product"), "a repeated option is under the option field")
        #expect(screen.contains("already has \(first.options[0])."))
        #expect(try fixture.store.catalog.product(id: product.summary.id, caller: .system).variants.count == product.variants.count)
    }

    @Test func aCompareAtPriceBelowThePriceOrABadBarcodeIsShownUnderItsField() throws {
        let fixture = try BackofficeFixture()
        let product = try openOneOptionProduct(fixture)
        fixture.send(.char("n"))
        fixture.type("Test Giant", then: .enter)
        fixture.type("NEW-VAR-3", then: .enter)
        fixture.type("19.50", then: .enter)
        fixture.type("abc", then: .enter)
        #expect(fixture.screen().contains("Enter an amount like 15.00, or leave it empty."), "an unreadable compare-at price stays under its field")
        erase(fixture)
        fixture.type("15", then: .enter)
        fixture.type("978-0/1", then: .enter)
        fixture.send(.enter)
        #expect(fixture.screen().contains("Compare-at: must be empty or at least $19.50."))
        erase(fixture)
        fixture.type("25.00", then: .enter)
        fixture.send(.enter, .enter)
        #expect(fixture.screen().contains("Barcode: letters, digits, spaces, - and . only."))
        #expect(try fixture.store.catalog.product(id: product.summary.id, caller: .system).variants.count == product.variants.count)
        erase(fixture)
        fixture.type("9780306406157", then: .enter)
        fixture.send(.enter)
        fixture.expireToasts()
        let added = try #require(try fixture.store.catalog.product(id: product.summary.id, caller: .system).variants.first { $0.sku == "NEW-VAR-3" })
        #expect(added.compareAt == fixture.store.money(2500) && added.barcode == "9780306406157" && added.price == fixture.store.money(1950))

        // Editing: the compare-at price lowered below the price is refused; emptied, with the barcode, both go.
        for _ in 0..<product.variants.count { fixture.send(.down) }
        fixture.send(.enter)
        #expect(fixture.screen().contains("Variant NEW-VAR-3"))
        fixture.send(.enter, .enter, .enter)
        erase(fixture)
        fixture.type("10", then: .enter)
        erase(fixture)
        fixture.send(.enter, .enter)
        #expect(fixture.screen().contains("Compare-at: must be empty or at least $19.50."))
        erase(fixture)
        fixture.send(.enter, .enter, .enter)
        fixture.expireToasts()
        let edited = try #require(try fixture.store.catalog.product(id: product.summary.id, caller: .system).variants.first { $0.id == added.id })
        #expect(edited.compareAt == nil && edited.barcode == nil)
    }

    @Test func theNewVariantFormSnapshots() throws {
        let fixture = try BackofficeFixture()
        let product = try openOneOptionProduct(fixture)
        fixture.send(.char("n"))
        fixture.expireToasts()
        #expect(fixture.screen().contains("New variant of \(product.summary.title)"))
        assertSnapshots(fixture, named: "variant-new-form")
    }
}
