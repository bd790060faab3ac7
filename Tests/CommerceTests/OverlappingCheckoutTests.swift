import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Checkouts on the same shop at the same moment, from separate connections, on the backend under test:
/// on PostgreSQL they overlap and wait only for the rows they share (`TransactionKind.rowLocked`); on
/// SQLite the single writer lock makes every one wait for the one in progress. Neither ever oversells,
/// numbers two orders alike or lets a later log row be seen before an earlier one.
@Suite struct OverlappingCheckoutTests {
    private let shop: ShopFixture
    private let mug: VariantID
    private let tea: VariantID

    init() throws {
        shop = try ShopFixture()
        mug = try shop.product("Mug", price: 1200, stock: 5)[0]
        tea = try shop.product("Tea", price: 800, stock: 5)[0]
    }

    /// Another connection to the shop, as another SSH session's process, that gives up on a lock after 300 ms.
    private func impatientSession() throws -> Store {
        var options = DatabaseOptions()
        options.busyTimeoutMilliseconds = 300
        let other = try Store(location: shop.store.location, options: options)
        other.passwordHasher = .fast
        return other
    }

    private func payOnDelivery(_ variant: VariantID, quantity: Int = 1, token: String = Checkout.newToken()) -> CheckoutRequest {
        CheckoutRequest(token: token, email: "kim@example.com", items: [CheckoutItem(variant: variant, quantity: quantity)],
                        address: CheckoutTests.address, payment: .payOnDelivery)
    }

    /// Runs `body` inside a checkout's kind of transaction on the fixture's connection that holds
    /// `variant`'s stock rows, as a checkout in progress does.
    private func holdingStock<T>(of variant: VariantID, _ body: () throws -> T) throws -> T {
        try shop.db.transaction(.rowLocked) {
            try shop.db.lockStock(of: [variant.rawValue])
            return try body()
        }
    }

    private func isBusy(_ body: () throws -> Void) -> Bool {
        do {
            try body()
            return false
        } catch CommerceError.storage(let failure) {
            return failure.isBusy
        } catch {
            return false
        }
    }

    @Test func aCheckoutOfOtherProductsGoesAheadWhileOneIsInProgressOnlyWherePlacementsOverlap() throws {
        let other = try impatientSession()
        let (unrelated, same) = try holdingStock(of: mug) {
            (isBusy { _ = try other.checkout.place(payOnDelivery(tea), as: shop.bob) },
             isBusy { _ = try other.checkout.place(payOnDelivery(mug), as: shop.bob) })
        }
        switch testBackend {
        case .postgres:
            #expect(!unrelated, "a checkout of tea does not wait for one of mugs")
            #expect(same, "a checkout of mugs waits for the one holding the mugs")
        case .sqlite:
            #expect(unrelated && same, "SQLite's one writer makes every checkout wait")
        }
        // The waiting placement left nothing behind, and the shop still adds up.
        _ = try other.checkout.place(payOnDelivery(mug), as: shop.bob)
        #expect(try shop.db.scalarInt("SELECT stock FROM variants WHERE id = ?", mug) == 4)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }

    @Test func staffWritesStillWaitForCheckoutsInProgress() throws {
        let other = try impatientSession()
        let waited = try holdingStock(of: mug) {
            isBusy { _ = try other.write(.immediate) { try other.db.execute("UPDATE settings SET value = value WHERE key = 'currency'") } }
        }
        #expect(waited, "an .immediate writer excludes every checkout, as on SQLite")
    }

    @Test func overlappingCheckoutsGetDifferentOrderNumbersInOrderOfPlacement() throws {
        let other = try impatientSession()
        // A checkout in progress has drawn its number and not committed; max(number) + 1 would give the
        // other checkout the same one. (It has announced nothing yet: an outbox event would make the
        // other wait for its commit, to keep the outbox in commit order.)
        let (mine, theirs) = try holdingStock(of: mug) { () throws -> (Int, PlacedOrder?) in
            (try shop.db.nextOrderNumber(), try? other.checkout.place(payOnDelivery(tea), as: shop.bob))
        }
        let next = try other.checkout.place(payOnDelivery(tea), as: shop.bob)
        switch testBackend {
        case .postgres:
            #expect(theirs?.number == mine + 1)
            #expect(next.number == mine + 2, "the number drawn by a checkout that placed nothing stays unused")
        case .sqlite:
            #expect(theirs == nil, "the other checkout waited for the writer lock")
            #expect(next.number == mine)
        }
        #expect(try shop.db.scalarInt("SELECT count(DISTINCT number) FROM orders") == shop.db.scalarInt("SELECT count(*) FROM orders"))
    }

    @Test func aSecondPlacementOfTheSameCheckoutWaitsForTheFirstAndReportsItsOrder() throws {
        nonisolated(unsafe) let other = try reopen(shop.store)
        let token = Checkout.newToken()
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var second: Result<PlacedOrder, Error>?
        let request = payOnDelivery(mug, token: token)
        let alice = shop.alice
        let first = try holdingStock(of: mug) { () throws -> PlacedOrder in
            // The second placement starts while the first holds the mugs, and goes on once it commits.
            Thread {
                second = Result { try other.checkout.place(request, as: alice) }
                done.signal()
            }.start()
            try waitUntilAnotherConnectionWaits()
            return try shop.store.checkout.place(payOnDelivery(mug, token: token), as: shop.alice)
        }
        #expect(done.wait(timeout: .now() + 30) == .success)
        let again = try #require(try second?.get())
        #expect(!first.alreadyPlaced && again.alreadyPlaced && again.number == first.number)
        #expect(try shop.db.scalarInt("SELECT count(*) FROM orders WHERE checkout_token = ?", token) == 1)
        #expect(try shop.db.scalarInt("SELECT stock FROM variants WHERE id = ?", mug) == 4)
    }

    /// Polls until some other connection is waiting for a lock (PostgreSQL), or a moment has passed
    /// (SQLite, whose waiting writer is in its busy handler and shows nowhere).
    private func waitUntilAnotherConnectionWaits() throws {
        guard testBackend == .postgres else { Thread.sleep(forTimeInterval: 0.3); return }
        let watcher = try reopen(shop.store)
        for _ in 0..<500 {
            let waiting = try watcher.db.scalarInt("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
                """) ?? 0
            if waiting > 0 { return }
            Thread.sleep(forTimeInterval: 0.01)
        }
        Issue.record("no connection started waiting for a lock")
    }

    @Test func outboxEventsBecomeVisibleInTheOrderTheyAreNumbered() throws {
        let other = try impatientSession()
        let waited = try shop.db.transaction(.rowLocked) { () throws -> Bool in
            _ = try shop.store.outbox.emit(.inventoryLow(InventoryLow(variantID: mug.rawValue, sku: "MUG-0", title: "Mug", stock: 1, threshold: 2)))
            return isBusy {
                _ = try other.write(.rowLocked) {
                    try other.outbox.emit(.inventoryLow(InventoryLow(variantID: tea.rawValue, sku: "TEA-0", title: "Tea", stock: 1, threshold: 2)))
                }
            }
        }
        #expect(waited, "a second event waits until the first one's transaction ends, so its larger id is never seen first")
        let ids = try shop.db.all("SELECT id FROM outbox ORDER BY id") { $0.int64(0) }
        #expect(ids == ids.sorted())
    }

    @Test func summariesCountEveryOverlappingOrderOnce() throws {
        let other = try impatientSession()
        try holdingStock(of: mug) {
            _ = try? other.checkout.place(payOnDelivery(tea, quantity: 2), as: shop.bob)
            _ = try shop.store.checkout.place(payOnDelivery(mug, quantity: 3), as: shop.alice)
        }
        _ = try other.checkout.place(payOnDelivery(tea), as: shop.bob)
        let orders = try shop.db.scalarInt("SELECT count(*) FROM orders") ?? 0
        #expect(try shop.db.scalarInt("SELECT sum(orders) FROM sales_daily") == orders)
        #expect(try shop.db.scalarInt("SELECT sum(units) FROM product_sales_daily")
                == shop.db.scalarInt("SELECT sum(quantity) FROM order_lines"))
        #expect(try shop.db.scalarInt("SELECT orders FROM recommender_inputs") ?? 0 >= orders)
        #expect(try Doctor(database: shop.db).run().allSatisfy(\.passed))
    }
}
