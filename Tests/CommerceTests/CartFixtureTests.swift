import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// A real store in a temp folder with a staff member, two customers, the demo shipping methods, tax rates
/// and discount codes, and helpers to make products, orders and prices for the cart, discount and review tests.
final class ShopFixture {
    let store: Store
    let directory: TempDir
    let staff: Caller
    let alice: Caller
    let bob: Caller
    let guest = Caller.guest(token: "guest-token-1")
    static let password = "correct horse battery"

    init() throws {
        (store, directory) = try makeStore()
        let accounts = store.accounts
        let staffID = try accounts.createUser(email: "staff@curio.shop", name: "Sam Staff", password: ShopFixture.password,
                                              role: .staff, by: .system)
        staff = .user(staffID, role: .staff, label: "staff@curio.shop")
        alice = try accounts.register(email: "alice@example.com", name: "Alice", password: ShopFixture.password).caller
        bob = try accounts.register(email: "bob@example.com", name: "Bob", password: ShopFixture.password).caller
        try store.db.transaction { try ShopSettingsSeed.write(store.db, now: Clock.millisecondsNow()) }
    }

    var db: any SQLConnection { store.db }
    var carts: Carts { store.carts }

    /// An amount in the shop's currency from minor units.
    func money(_ cents: Int64) -> Money { store.money(cents) }

    /// Creates a product whose variants are the given colours (or one default variant when `colours` is empty),
    /// each with `price` cents and `stock` units; returns the variant ids in order.
    @discardableResult
    func product(_ title: String, colours: [String] = [], price: Int64 = 1000, stock: Int = 10) throws -> [VariantID] {
        var draft = ProductDraft(title: title)
        draft.optionNames = colours.isEmpty ? [] : ["Colour"]
        let variants = (colours.isEmpty ? [[]] : colours.map { [$0] }).enumerated().map { index, options in
            var variant = VariantDraft(price: money(price), sku: "\(draft.title.prefix(3).uppercased())-\(index)", options: options)
            variant.stock = stock
            return variant
        }
        let id = try store.productEditor.createProduct(draft, variants: variants, by: staff)
        return try db.all("SELECT id FROM variants WHERE product_id = ? ORDER BY position", id) { VariantID($0.int64(0)) }
    }

    /// The product a variant belongs to.
    func productID(of variant: VariantID) throws -> ProductID {
        ProductID(try #require(try db.scalarInt("SELECT product_id FROM variants WHERE id = ?", variant)))
    }

    /// Records an order by `customer` containing `variant`, with the given status (the order service is another area's).
    func order(_ variant: VariantID, by customer: Caller, status: String = "DELIVERED") throws {
        let number = (try db.scalarInt("SELECT coalesce(max(number), 0) + 1 FROM orders") ?? 1)
        let order = try db.insert("""
            INSERT INTO orders(number, checkout_token, user_id, email, status, payment_method, currency, subtotal, total,
                               ship_name, ship_line1, ship_city, ship_country, placed_at, updated_at)
            VALUES (?, ?, ?, 'buyer@example.com', ?, 'card', 'USD', 1000, 1000, 'B', '1 Road', 'Town', 'US', 0, 0)
            """, number, "token-\(number)", customer.userID, status)
        try db.execute("""
            INSERT INTO order_lines(order_id, variant_id, product_id, title, unit_price, quantity, line_total)
            VALUES (?, ?, ?, 'Item', 1000, 1, 1000)
            """, order, variant, try productID(of: variant))
    }

    /// Runs `body` and returns the `CommerceError` it threw (failing the test when it threw none or another error).
    func refusal(_ body: () throws -> Void) -> CommerceError? {
        do {
            try body()
            Issue.record("expected a refusal")
        } catch let error as CommerceError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
        }
        return nil
    }
}

@Suite("Shop fixture")
struct CartFixtureTests {
    @Test func fixtureMakesVariantsWithStockAndSettings() throws {
        let shop = try ShopFixture()
        let variants = try shop.product("Ceramic Mug", colours: ["Blue", "White"], stock: 4)
        #expect(variants.count == 2)
        #expect(try shop.db.scalarInt("SELECT sum(stock) FROM variants") == 8)
        #expect(try shop.store.pricing.shippingMethods().map(\.code) == ["standard", "express", "overnight"])
    }
}
