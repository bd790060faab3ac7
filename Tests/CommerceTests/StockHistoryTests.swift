import Foundation
import Testing
@testable import Commerce

/// A product's stock ledger for staff: every variant's movements, newest first, bounded, with the
/// note, the order and the actor when recorded.
@Suite struct StockHistoryTests {
    @Test func movementsOfEveryVariantNewestFirstWithNoteOrderAndActor() throws {
        let shop = try ShopFixture()
        let variants = try shop.product("Mug", colours: ["White", "Blue"], stock: 10)
        let product = try shop.productID(of: variants[0])
        _ = try shop.product("Bowl", stock: 3)  // another product's rows stay out
        try shop.store.productEditor.adjustStock(variants[0], by: -2, reason: .adjustment, note: "dropped two", by: shop.staff)
        let order = try shop.store.checkout.place(
            CheckoutRequest(token: Checkout.newToken(), email: "bob@example.com", items: [CheckoutItem(variant: variants[1], quantity: 1)],
                            address: CheckoutTests.address,
                            payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))),
            as: shop.bob).number

        let rows = try shop.store.stockHistory.movements(of: product, as: shop.staff)
        #expect(rows.map(\.variantLabel) == ["MUG-1", "MUG-0", "MUG-1", "MUG-0"])
        #expect(rows.map(\.delta) == [-1, -2, 10, 10])
        #expect(rows.map(\.reason) == [.sale, .adjustment, .restock, .restock])
        #expect(rows[0].orderNumber == order && rows[0].variant == variants[1])
        #expect(rows[0].actor == "bob@example.com")
        #expect(rows[1].note == "dropped two" && rows[1].actor == "staff@curio.shop" && rows[1].orderNumber == nil)
        #expect(rows.map(\.id) == rows.map(\.id).sorted(by: >))

        let newest = try shop.store.stockHistory.movements(of: product, limit: 2, as: shop.staff)
        #expect(newest.map(\.id) == Array(rows.prefix(2)).map(\.id))
    }

    @Test func aCustomerAndAMissingProductAreRefused() throws {
        let shop = try ShopFixture()
        let product = try shop.productID(of: try shop.product("Mug")[0])
        #expect(throws: CommerceError.self) { try shop.store.stockHistory.movements(of: product, as: shop.bob) }
        #expect(throws: CommerceError.notFound("no product with id 999")) { try shop.store.stockHistory.movements(of: ProductID(999), as: shop.staff) }
    }
}
