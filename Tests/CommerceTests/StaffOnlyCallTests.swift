import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Every staff-only service call refuses a customer's `Caller` when it is made directly (not through a
/// screen), and every admin-only call refuses staff. Each row really invokes the call.
@Suite struct StaffOnlyCallTests {
    /// A shop with an order by Bob, a review by Bob, a product and a category, and the calls to try.
    final class World {
        let shop: ShopFixture
        let variant: VariantID
        let product: ProductID
        let category: CategoryID
        let bobOrder: Int
        let bobReview: ReviewID
        let event: EventID

        init() throws {
            shop = try ShopFixture()
            variant = try shop.product("Mug", price: 2000, stock: 20)[0]
            product = try shop.productID(of: variant)
            category = try shop.store.productEditor.createCategory(name: "Kitchen", by: shop.staff)
            bobOrder = try shop.store.checkout.place(
                CheckoutRequest(token: Checkout.newToken(), email: "bob@example.com", items: [CheckoutItem(variant: variant, quantity: 1)],
                                address: CheckoutTests.address,
                                payment: .card(try CardDetails(number: "4242424242424242", expiry: "12/39", cvc: "123"))),
                as: shop.bob).number
            bobReview = try shop.store.reviews.post(product: product, rating: 2, title: "meh", as: shop.bob).id
            event = EventID(try #require(try shop.db.scalarInt("SELECT max(id) FROM outbox")))
        }
    }

    typealias Call = (name: String, run: @Sendable (World, Caller) throws -> Void)

    /// Staff-only calls on main and in the back office.
    static let staffCalls: [Call] = [
        ("orders.list", { w, c in _ = try w.shop.store.orders.list(as: c) }),
        ("orders.detail of another's order", { w, c in _ = try w.shop.store.orders.detail(number: w.bobOrder, as: c) }),
        ("orders.startProcessing", { w, c in try w.shop.store.orders.startProcessing(number: w.bobOrder, by: c) }),
        ("orders.ship", { w, c in try w.shop.store.orders.ship(number: w.bobOrder, carrier: "UPS", tracking: "1", by: c) }),
        ("orders.deliver", { w, c in try w.shop.store.orders.deliver(number: w.bobOrder, by: c) }),
        ("orders.markPaid", { w, c in try w.shop.store.orders.markPaid(number: w.bobOrder, by: c) }),
        ("orders.retryPayment", { w, c in try w.shop.store.orders.retryPayment(number: w.bobOrder, by: c) }),
        ("orders.cancel of another's order", { w, c in try w.shop.store.orders.cancel(number: w.bobOrder, reason: "", by: c) }),
        ("orders.refund", { w, c in try w.shop.store.orders.refund(number: w.bobOrder, amount: w.shop.money(100), reason: "", by: c) }),
        ("accounts.list", { w, c in _ = try w.shop.store.accounts.list(as: c) }),
        ("accounts.profile of another", { w, c in _ = try w.shop.store.accounts.profile(email: "bob@example.com", as: c) }),
        ("accounts.setDisabled", { w, c in try w.shop.store.accounts.setDisabled(try #require(w.shop.bob.userID), true, by: c) }),
        ("accounts.createUser for another", { w, c in
            _ = try w.shop.store.accounts.createUser(email: "new@example.com", name: "New", password: nil, role: .customer, by: c) }),
        ("discounts.createCode", { w, c in _ = try w.shop.store.discounts.createCode(DiscountCodeDraft(code: "X1", value: .percent(5)), by: c) }),
        ("discounts.deactivate", { w, c in try w.shop.store.discounts.deactivate(code: "WELCOME10", by: c) }),
        ("discounts.list", { w, c in _ = try w.shop.store.discounts.list(by: c) }),
        ("productEditor.createProduct", { w, c in
            _ = try w.shop.store.productEditor.createProduct(ProductDraft(title: "Bowl"), variants: [VariantDraft(price: w.shop.money(1))], by: c) }),
        ("productEditor.updateProduct", { w, c in
            var changes = ProductChanges()
            changes.title = "Cup"
            try w.shop.store.productEditor.updateProduct(w.product, changes, by: c) }),
        ("productEditor.archiveProduct", { w, c in try w.shop.store.productEditor.archiveProduct(w.product, by: c) }),
        ("productEditor.addVariant", { w, c in
            _ = try w.shop.store.productEditor.addVariant(to: w.product, VariantDraft(price: w.shop.money(1)), by: c) }),
        ("productEditor.updateVariant", { w, c in try w.shop.store.productEditor.updateVariant(w.variant, VariantChanges(), by: c) }),
        ("productEditor.archiveVariant", { w, c in try w.shop.store.productEditor.archiveVariant(w.variant, by: c) }),
        ("productEditor.adjustStock", { w, c in try w.shop.store.productEditor.adjustStock(w.variant, by: 1, by: c) }),
        ("productEditor.setStock", { w, c in try w.shop.store.productEditor.setStock(w.variant, to: 1, by: c) }),
        ("productEditor.createCategory", { w, c in _ = try w.shop.store.productEditor.createCategory(name: "Garden", by: c) }),
        ("productEditor.renameCategory", { w, c in try w.shop.store.productEditor.renameCategory(w.category, to: "Cooking", by: c) }),
        ("productEditor.moveCategory", { w, c in try w.shop.store.productEditor.moveCategory(w.category, under: nil, by: c) }),
        ("stockHistory.movements", { w, c in _ = try w.shop.store.stockHistory.movements(of: w.product, as: c) }),
        ("productEditor.deleteCategory", { w, c in try w.shop.store.productEditor.deleteCategory(w.category, by: c) }),
        ("productEditor.ensureCategory", { w, c in _ = try w.shop.store.productEditor.ensureCategory(path: ["Garden"], by: c) }),
        ("catalog.productCount of drafts", { w, c in _ = try w.shop.store.catalog.productCount(includingInactive: true, caller: c) }),
        ("catalog.products in draft", { w, c in _ = try w.shop.store.catalog.products(ProductQuery(filter: ProductFilter(statuses: [.draft])), caller: c) }),
        ("notifications.list of everyone", { w, c in _ = try w.shop.store.notifications.list(as: c) }),
        ("shopifyExporter.exportText", { w, c in _ = try w.shop.store.shopifyExporter.exportText(by: c) }),
        ("reviews.delete of another's", { w, c in try w.shop.store.reviews.delete(w.bobReview, as: c) }),
        ("reports.sales", { w, c in _ = try w.shop.store.reports.sales(days: 30, as: c) }),
        ("reports.topProducts", { w, c in _ = try w.shop.store.reports.topProducts(days: 30, as: c) }),
        ("reports.lowStock", { w, c in _ = try w.shop.store.reports.lowStock(as: c) }),
        ("reports.lowStockCount", { w, c in _ = try w.shop.store.reports.lowStockCount(as: c) }),
        ("reports.backlog", { w, c in _ = try w.shop.store.reports.backlog(as: c) }),
        ("reports.conversion", { w, c in _ = try w.shop.store.reports.conversion(days: 30, as: c) }),
        ("reports.dashboard", { w, c in _ = try w.shop.store.reports.dashboard(as: c) }),
        ("customers.list", { w, c in _ = try w.shop.store.customers.list(as: c) }),
        ("customers.detail", { w, c in _ = try w.shop.store.customers.detail(try #require(w.shop.bob.userID), as: c) }),
        ("customers.resetPassword", { w, c in _ = try w.shop.store.customers.resetPassword(try #require(w.shop.bob.userID), by: c) }),
        ("reviewModeration.list", { w, c in _ = try w.shop.store.reviewModeration.list(as: c) }),
        ("reviewModeration.setHidden", { w, c in try w.shop.store.reviewModeration.setHidden(w.bobReview, true, by: c) }),
        ("reviewModeration.delete", { w, c in try w.shop.store.reviewModeration.delete(w.bobReview, by: c) }),
        ("shopSettings.current", { w, c in _ = try w.shop.store.shopSettings.current(as: c) }),
        ("outboxMonitor.list", { w, c in _ = try w.shop.store.outboxMonitor.list(as: c) }),
        ("outboxMonitor.failedCount", { w, c in _ = try w.shop.store.outboxMonitor.failedCount(as: c) }),
        ("outboxMonitor.retry", { w, c in try w.shop.store.outboxMonitor.retry(w.event, by: c) }),
        ("auditTrail.entries", { w, c in _ = try w.shop.store.auditTrail.entries(as: c) }),
        ("systemInfo.status", { w, c in _ = try w.shop.store.systemInfo.status(as: c) }),
        ("orders.countsByStatus", { w, c in _ = try w.shop.store.orders.countsByStatus(as: c) }),
        ("systemInfo.recentErrors", { w, c in _ = try w.shop.store.systemInfo.recentErrors(5, as: c) }),
        ("bulkProducts.apply", { w, c in _ = try w.shop.store.bulkProducts.apply(.setStatus(.draft), to: [w.product], by: c) }),
        ("bulkProducts.undo", { w, c in
            try w.shop.store.bulkProducts.undo(BulkUndo(statuses: [w.product: .draft], prices: [:]), by: c) }),
        ("dataExport.orders", { w, c in try w.shop.store.dataExport.orders(as: c) { _ in } }),
        ("dataExport.customers", { w, c in try w.shop.store.dataExport.customers(as: c) { _ in } }),
    ]

    /// Admin-only calls: roles, staff accounts and the shop's settings.
    static let adminCalls: [Call] = [
        ("accounts.setRole", { w, c in try w.shop.store.accounts.setRole(try #require(w.shop.bob.userID), to: .staff, by: c) }),
        ("accounts.createUser with a staff role", { w, c in
            _ = try w.shop.store.accounts.createUser(email: "s2@example.com", name: "S", password: nil, role: .staff, by: c) }),
        ("shopSettings.setStoreName", { w, c in try w.shop.store.shopSettings.setStoreName("Mine", by: c) }),
        ("shopSettings.setCurrency", { w, c in try w.shop.store.shopSettings.setCurrency(code: "EUR", by: c) }),
        ("shopSettings.updateShippingMethod", { w, c in
            try w.shop.store.shopSettings.updateShippingMethod(code: "standard", ShippingMethodChanges(price: w.shop.money(0)), by: c) }),
        ("shopSettings.setTaxRate", { w, c in
            try w.shop.store.shopSettings.setTaxRate(country: "US", region: "CA", name: "Tax", basisPoints: 0, appliesToShipping: false, by: c) }),
        ("shopSettings.setLowStockThreshold", { w, c in try w.shop.store.shopSettings.setLowStockThreshold(0, by: c) }),
    ]

    /// Runs `call` as `caller` and returns the error (an issue is recorded when it was allowed).
    func refusal(_ call: Call, as caller: (World) -> Caller, world: World) -> CommerceError? {
        world.shop.refusal { try call.run(world, caller(world)) }
    }

    @Test(arguments: staffCalls.map(\.name))
    func aCustomerIsRefused(_ name: String) throws {
        let call = try #require(Self.staffCalls.first { $0.name == name })
        let world = try World()
        let before = try world.shop.db.scalarInt("SELECT count(*) FROM audit_log")
        let error = refusal(call, as: { $0.shop.alice }, world: world)
        #expect(error?.kind == "forbidden", "\(name): \(String(describing: error))")
        #expect(try world.shop.db.scalarInt("SELECT count(*) FROM audit_log") == before, "\(name) changed something")
    }

    @Test(arguments: staffCalls.map(\.name))
    func aGuestIsRefused(_ name: String) throws {
        let call = try #require(Self.staffCalls.first { $0.name == name })
        let world = try World()
        let error = refusal(call, as: { $0.shop.guest }, world: world)
        #expect(["forbidden", "signInRequired"].contains(error?.kind ?? ""), "\(name): \(String(describing: error))")
    }

    @Test(arguments: adminCalls.map(\.name))
    func staffAndCustomersAreRefusedAdminCalls(_ name: String) throws {
        let call = try #require(Self.adminCalls.first { $0.name == name })
        let world = try World()
        for caller in [{ (w: World) in w.shop.staff }, { (w: World) in w.shop.alice }] {
            let error = refusal(call, as: caller, world: world)
            #expect(error == .forbidden("only admins can \(Self.adminAction(name))"), "\(name): \(String(describing: error))")
        }
    }

    static func adminAction(_ name: String) -> String {
        switch name {
        case "accounts.setRole": return "change roles"
        case "accounts.createUser with a staff role": return "create staff accounts"
        default: return "change the shop's settings"
        }
    }

    @Test func staffMayDoEveryStaffCall() throws {
        // Allowed calls may still refuse for other reasons (nothing to refund); never for the role.
        for call in Self.staffCalls {
            let world = try World()
            do { try call.run(world, world.shop.staff) } catch let error as CommerceError {
                #expect(error.kind != "forbidden", "\(call.name): \(error)")
            }
        }
    }
}
