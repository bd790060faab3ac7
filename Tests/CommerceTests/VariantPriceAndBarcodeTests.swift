import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// A variant's compare-at price is never below its price, and a barcode staff type is a scanner's
/// characters; each refusal names its field.
@Suite struct VariantPriceAndBarcodeTests {
    func variant(_ shop: ShopFixture, _ id: VariantID) throws -> VariantDetail {
        let product = try #require(try shop.db.scalarInt("SELECT product_id FROM variants WHERE id = ?", id))
        return try #require(try shop.store.catalog.product(id: ProductID(product), caller: .system).variants.first { $0.id == id })
    }

    func refusal(_ body: () throws(CommerceError) -> Void) -> CommerceError? {
        do { try body() } catch { return error }
        return nil
    }

    @Test func aCompareAtPriceBelowThePriceIsRefusedWhicheverOfTheTwoChanges() throws {
        let shop = try ShopFixture()
        let editor = shop.store.productEditor
        let mug = try shop.product("Mug", colours: ["Red"], price: 2000)[0]
        let product = ProductID(try #require(try shop.db.scalarInt("SELECT product_id FROM variants WHERE id = ?", mug)))
        var draft = VariantDraft(price: shop.money(2000), options: ["Blue"])
        draft.compareAtPrice = shop.money(1999)
        #expect(refusal { () throws(CommerceError) in _ = try editor.addVariant(to: product, draft, by: shop.staff) }
                == .invalid(field: "compareAtPrice", reason: "must be empty or at least $20.00"))
        draft.compareAtPrice = shop.money(2000)
        let blue = try editor.addVariant(to: product, draft, by: shop.staff)
        #expect(try shop.db.scalarInt("SELECT compare_at_price FROM variants WHERE id = ?", blue) == 2000, "equal to the price is allowed")

        var changes = VariantChanges()
        changes.compareAtPrice = .some(shop.money(2500))
        try editor.updateVariant(mug, changes, by: shop.staff)
        #expect(try variant(shop, mug).compareAt == shop.money(2500))
        changes = VariantChanges()
        changes.price = shop.money(2600)
        #expect(refusal { () throws(CommerceError) in try editor.updateVariant(mug, changes, by: shop.staff) }
                == .invalid(field: "compareAtPrice", reason: "must be empty or at least $26.00"),
                "raising the price above the stored compare-at price is refused too")
        changes.compareAtPrice = .some(nil)
        try editor.updateVariant(mug, changes, by: shop.staff)
        let now = try variant(shop, mug)
        #expect(now.price == shop.money(2600) && now.compareAt == nil)
        changes = VariantChanges()
        changes.compareAtPrice = .some(shop.money(2599))
        #expect(refusal { () throws(CommerceError) in try editor.updateVariant(mug, changes, by: shop.staff) }
                == .invalid(field: "compareAtPrice", reason: "must be empty or at least $26.00"))
    }

    @Test func aTypedBarcodeIsLettersDigitsSpacesHyphensAndDots() throws {
        let shop = try ShopFixture()
        let editor = shop.store.productEditor
        let mug = try shop.product("Mug")[0]
        for (bad, reason) in [("978\u{1b}[2J", "letters, digits, spaces, - and . only"),
                              ("978/0", "letters, digits, spaces, - and . only"),
                              ("٣٤٥", "letters, digits, spaces, - and . only"),
                              ("", "must not be blank (leave it empty to remove it)"),
                              (String(repeating: "1", count: 49), "is longer than 48 characters")] {
            var changes = VariantChanges()
            changes.barcode = .some(bad)
            #expect(refusal { () throws(CommerceError) in try editor.updateVariant(mug, changes, by: shop.staff) }
                    == .invalid(field: "barcode", reason: reason), "\(bad)")
        }
        var changes = VariantChanges()
        changes.barcode = .some("ABC-123.4 x")
        try editor.updateVariant(mug, changes, by: shop.staff)
        #expect(try variant(shop, mug).barcode == "ABC-123.4 x")
        changes.barcode = .some(String(repeating: "7", count: 48))
        try editor.updateVariant(mug, changes, by: shop.staff)
        #expect(try variant(shop, mug).barcode?.count == 48)
        let audit = try #require(try shop.store.auditTrail.entries(limit: 10, as: shop.staff).first { $0.action == "variant.update" })
        #expect(audit.detail["barcode"] == String(repeating: "7", count: 48))
        changes.barcode = .some(nil)
        try editor.updateVariant(mug, changes, by: shop.staff)
        #expect(try variant(shop, mug).barcode == nil)
    }
}
