import Foundation
import Testing
@_spi(Storage) @testable import Commerce

@Suite("Guest cart merge")
struct CartMergeTests {
    let shop: ShopFixture
    init() throws { shop = try ShopFixture() }

    @Test func signInMergesTheGuestCartCappedAtStock() throws {
        let mug = try shop.product("Ceramic Mug", colours: ["Blue"], price: 1000, stock: 4)
        let towel = try shop.product("Tea Towel", price: 500, stock: 10)
        try shop.carts.add(variant: mug[0], quantity: 2, as: shop.alice)
        try shop.carts.add(variant: mug[0], quantity: 3, as: shop.guest)
        try shop.carts.add(variant: towel[0], quantity: 2, as: shop.guest)
        try shop.store.discounts.applyDiscount(code: "WELCOME10", as: shop.guest)
        var changes = VariantChanges()
        changes.price = shop.money(650)
        try shop.store.productEditor.updateVariant(towel[0], changes, by: shop.staff)

        let result = try shop.store.accounts.signIn(email: "alice@example.com", password: ShopFixture.password,
                                                    guestToken: "guest-token-1")
        #expect(result.signedIn.user.email == "alice@example.com")
        #expect(result.cartMerge.mergedLines == 2)
        #expect(result.cartMerge.shortfalls == [.init(title: "Ceramic Mug — Blue", wanted: 5, kept: 4)])
        #expect(result.cartMerge.discountCode == "WELCOME10")

        let view = try shop.carts.cart(as: shop.alice)
        #expect(view.lines.map(\.quantity) == [4, 2])
        // The guest saw the towel at 5.00; the account's cart shows the change to 6.50.
        #expect(view.lines.last?.priceChanged == PriceChange(from: shop.money(500), to: shop.money(650)))
        #expect(view.discountCode == "WELCOME10")
        #expect(try shop.db.scalarInt("SELECT count(*) FROM carts WHERE guest_token IS NOT NULL") == 0)
        #expect(try shop.carts.cart(as: shop.guest).isEmpty)
    }

    @Test func quantitiesAddUpToNinetyNineAndSoldOutLinesStayOut() throws {
        let pens = try shop.product("Pencil", stock: 500)
        let gone = try shop.product("Last Lamp", stock: 1)
        try shop.carts.add(variant: pens[0], quantity: 60, as: shop.bob)
        try shop.carts.add(variant: pens[0], quantity: 60, as: shop.guest)
        try shop.carts.add(variant: gone[0], quantity: 1, as: shop.guest)
        try shop.store.productEditor.setStock(gone[0], to: 0, by: shop.staff)
        let bob = try #require(shop.bob.userID)
        let report = try shop.carts.mergeGuestCart(token: "guest-token-1", into: bob)
        #expect(report.shortfalls == [.init(title: "Pencil", wanted: 120, kept: 99), .init(title: "Last Lamp", wanted: 1, kept: 0)])
        #expect(report.mergedLines == 1 && report.discountCode == nil)
        #expect(try shop.carts.cart(as: shop.bob).lines.map(\.quantity) == [99])
    }

    @Test func anAccountWithoutACartTakesTheGuestLines() throws {
        let mug = try shop.product("Ceramic Mug")
        try shop.carts.add(variant: mug[0], quantity: 2, as: shop.guest)
        let bob = try #require(shop.bob.userID)
        #expect(try shop.carts.mergeGuestCart(token: "guest-token-1", into: bob).mergedLines == 1)
        #expect(try shop.carts.cart(as: shop.bob).itemCount == 2)
        // Merging again finds no guest cart.
        #expect(try shop.carts.mergeGuestCart(token: "guest-token-1", into: bob) == .nothing)
    }

    @Test func aFailedSignInLeavesTheGuestCartAlone() throws {
        let mug = try shop.product("Ceramic Mug")
        try shop.carts.add(variant: mug[0], quantity: 2, as: shop.guest)
        #expect(throws: CommerceError.signInFailed) {
            try shop.store.accounts.signIn(email: "alice@example.com", password: "wrong password", guestToken: "guest-token-1")
        }
        #expect(try shop.carts.cart(as: shop.guest).itemCount == 2)
        #expect(try shop.carts.cart(as: shop.alice).isEmpty)
    }
}
