import Foundation
import Testing
@_spi(Storage) @testable import Commerce

@Suite("Carts")
struct CartTests {
    let shop: ShopFixture
    init() throws { shop = try ShopFixture() }

    @Test func guestCartIsCreatedOnFirstAddAndCopiesTitleSkuAndPrice() throws {
        let mug = try shop.product("Ceramic Mug", colours: ["Blue", "White"], price: 1850)
        let empty = try shop.carts.cart(as: shop.guest)
        #expect(empty.id == nil && empty.isEmpty)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM carts") == 0)

        let view = try shop.carts.add(variant: mug[0], quantity: 2, as: shop.guest)
        let line = try #require(view.lines.first)
        #expect(line.title == "Ceramic Mug — Blue")
        #expect(line.sku == "CER-0")
        #expect(line.unitPrice == shop.money(1850) && line.priceWhenAdded == shop.money(1850))
        #expect(line.lineTotal == shop.money(3700) && view.totals.subtotal == shop.money(3700))
        #expect(line.priceChanged == nil && !line.insufficientStock && !view.needsAttention)
        #expect(try shop.db.scalarString("SELECT guest_token FROM carts") == "guest-token-1")

        let plain = try shop.product("Tea Towel")
        #expect(try shop.carts.add(variant: plain[0], as: shop.guest).lines.map(\.title) == ["Ceramic Mug — Blue", "Tea Towel"])
    }

    @Test func accountAndGuestCartsAreSeparate() throws {
        let mug = try shop.product("Ceramic Mug")
        try shop.carts.add(variant: mug[0], quantity: 1, as: shop.alice)
        try shop.carts.add(variant: mug[0], quantity: 3, as: shop.guest)
        #expect(try shop.carts.cart(as: shop.alice).itemCount == 1)
        #expect(try shop.carts.cart(as: shop.guest).itemCount == 3)
        #expect(try shop.carts.cart(as: shop.bob).isEmpty)
        #expect(try shop.db.scalarInt("SELECT user_id FROM carts WHERE guest_token IS NULL") == shop.alice.userID?.rawValue)
    }

    @Test func quantityMustBeOneToNinetyNine() throws {
        let mug = try shop.product("Ceramic Mug", stock: 500)
        #expect(throws: CommerceError.invalid(field: "quantity", reason: "must be between 1 and 99 (got 0)")) {
            try shop.carts.add(variant: mug[0], quantity: 0, as: shop.guest)
        }
        #expect(throws: CommerceError.invalid(field: "quantity", reason: "must be between 1 and 99 (got 100)")) {
            try shop.carts.setQuantity(variant: mug[0], 100, as: shop.guest)
        }
        #expect(throws: CommerceError.invalid(field: "quantity", reason: "must be between 1 and 99 (got -1)")) {
            try shop.carts.setQuantity(variant: mug[0], -1, as: shop.guest)
        }
        try shop.carts.add(variant: mug[0], quantity: 95, as: shop.guest)
        #expect(throws: CommerceError.invalid(field: "quantity", reason: "at most 99 of one item per cart; you already have 95 of \"Ceramic Mug\"")) {
            try shop.carts.add(variant: mug[0], quantity: 5, as: shop.guest)
        }
        #expect(try shop.carts.add(variant: mug[0], quantity: 4, as: shop.guest).itemCount == 99)
    }

    @Test func stockLimitCountsWhatIsAlreadyInTheCart() throws {
        let mug = try shop.product("Ceramic Mug", colours: ["Blue"], stock: 5)
        try shop.carts.add(variant: mug[0], quantity: 3, as: shop.guest)
        let more = shop.refusal { try shop.carts.add(variant: mug[0], quantity: 3, as: shop.guest) }
        #expect(more == .outOfStock(item: "Ceramic Mug — Blue", available: 2))
        #expect(more?.description == "only 2 of Ceramic Mug — Blue left in stock")
        try shop.carts.add(variant: mug[0], quantity: 2, as: shop.guest)
        let none = shop.refusal { try shop.carts.add(variant: mug[0], quantity: 1, as: shop.guest) }
        #expect(none?.description == "Ceramic Mug — Blue is sold out")
        // Setting a quantity is absolute, so the whole stock is what is available.
        #expect(throws: CommerceError.outOfStock(item: "Ceramic Mug — Blue", available: 5)) {
            try shop.carts.setQuantity(variant: mug[0], 6, as: shop.guest)
        }
        #expect(try shop.carts.cart(as: shop.guest).itemCount == 5)
    }

    @Test func archivedVariantsDraftProductsAndUnknownVariantsAreRefused() throws {
        let mug = try shop.product("Ceramic Mug", colours: ["Blue", "White"])
        try shop.store.productEditor.archiveVariant(mug[1], by: shop.staff)
        #expect(throws: CommerceError.notAllowed("\"Ceramic Mug — White\" is no longer for sale; remove it from your cart")) {
            try shop.carts.add(variant: mug[1], as: shop.guest)
        }
        try shop.carts.add(variant: mug[0], as: shop.guest)
        var changes = ProductChanges()
        changes.status = .draft
        try shop.store.productEditor.updateProduct(try shop.productID(of: mug[0]), changes, by: shop.staff)
        #expect(throws: CommerceError.notAllowed("\"Ceramic Mug — Blue\" is no longer for sale; remove it from your cart")) {
            try shop.carts.setQuantity(variant: mug[0], 2, as: shop.guest)
        }
        let view = try shop.carts.cart(as: shop.guest)
        #expect(view.lines.map(\.forSale) == [false] && view.needsAttention)
        #expect(throws: CommerceError.notFound("no product variant with id 9999")) {
            try shop.carts.add(variant: VariantID(9999), as: shop.guest)
        }
    }

    @Test func callersWithoutACartAreRefused() throws {
        let mug = try shop.product("Ceramic Mug")
        #expect(throws: CommerceError.signInRequired("sign in or browse as a guest to use a cart")) {
            try shop.carts.add(variant: mug[0], as: .system)
        }
        #expect(throws: CommerceError.invalid(field: "guest token", reason: "must be 1 to 128 printable characters without spaces")) {
            try shop.carts.add(variant: mug[0], as: .guest(token: ""))
        }
    }

    @Test func priceChangesAndStockShortfallsAreFlaggedNotHidden() throws {
        let mug = try shop.product("Ceramic Mug", price: 1000, stock: 10)
        try shop.carts.add(variant: mug[0], quantity: 4, as: shop.alice)
        var changes = VariantChanges()
        changes.price = shop.money(1200)
        try shop.store.productEditor.updateVariant(mug[0], changes, by: shop.staff)
        try shop.store.productEditor.setStock(mug[0], to: 3, by: shop.staff)

        let view = try shop.carts.cart(as: shop.alice)
        let line = try #require(view.lines.first)
        #expect(line.priceChanged == PriceChange(from: shop.money(1000), to: shop.money(1200)))
        #expect(line.unitPrice == shop.money(1200) && view.totals.subtotal == shop.money(4800))
        #expect(line.insufficientStock && line.stock == 3 && line.quantity == 4)
        #expect(view.needsAttention)

        let refreshed = try shop.carts.refreshPrices(as: shop.alice)
        #expect(refreshed.lines.first?.priceChanged == nil)
        #expect(refreshed.lines.first?.priceWhenAdded == shop.money(1200))
        #expect(refreshed.lines.first?.insufficientStock == true)
        #expect(try shop.db.scalarInt("SELECT unit_price FROM cart_lines") == 1200)
    }

    @Test func setQuantityRemoveAndClear() throws {
        let mug = try shop.product("Ceramic Mug")
        let towel = try shop.product("Tea Towel")
        try shop.carts.add(variant: mug[0], as: shop.guest)
        #expect(try shop.carts.setQuantity(variant: towel[0], 3, as: shop.guest).itemCount == 4)
        #expect(try shop.carts.setQuantity(variant: mug[0], 7, as: shop.guest).lines.map(\.quantity) == [7, 3])
        #expect(try shop.carts.setQuantity(variant: mug[0], 0, as: shop.guest).lines.map(\.title) == ["Tea Towel"])
        #expect(try shop.carts.remove(variant: towel[0], as: shop.guest).isEmpty)
        #expect(try shop.carts.remove(variant: towel[0], as: shop.guest).isEmpty)
        try shop.carts.add(variant: mug[0], quantity: 2, as: shop.guest)
        try shop.store.discounts.applyDiscount(code: "welcome10", as: shop.guest)
        try shop.carts.clear(as: shop.guest)
        let cleared = try shop.carts.cart(as: shop.guest)
        #expect(cleared.isEmpty && cleared.discountCode == nil && cleared.id != nil)
    }

    @Test func cartTotalsUseTheDefaultAddressAndTheCheapestMethod() throws {
        let mug = try shop.product("Ceramic Mug", price: 2000)
        try shop.carts.add(variant: mug[0], quantity: 1, as: shop.alice)
        let untaxed = try shop.carts.cart(as: shop.alice)
        #expect(untaxed.totals.taxRate == nil && untaxed.totals.shipping == shop.money(495))
        _ = try shop.store.addresses.add(Address(name: "Alice", line1: "1 Main St", city: "Albany", region: "NY",
                                                 postalCode: "12207", country: "US"), as: shop.alice)
        let taxed = try shop.carts.cart(as: shop.alice)
        // NY taxes shipping: 8.88 % of 20.00 + 4.95 = 2.215… → 2.22.
        #expect(taxed.totals.tax == shop.money(222) && taxed.totals.total == shop.money(2717))
        let express = try #require(try shop.store.pricing.shippingMethods().first { $0.code == "express" })
        let chosen = try shop.carts.cart(as: shop.alice, shipping: express.id, destination: ShippingDestination(country: "de"))
        #expect(chosen.totals.shipping == shop.money(1295) && chosen.totals.taxRate?.name == "MwSt.")
    }
}
