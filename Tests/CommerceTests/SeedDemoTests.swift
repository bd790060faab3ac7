@_spi(Storage) import Commerce
import Foundation
import Testing

@Suite("Demo seed and sample data")
struct SeedDemoTests {
    static let now: Int64 = 1_780_000_000_000

    @Test func sampleDataMeetsTheCounts() throws {
        let store = try ImportFixtures.freshStore()
        let report = try store.shopifyImporter.importFile(atPath: ImportFixtures.sampleData + "/products.csv", by: .system)
        #expect(report.productsCreated >= 200)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM categories") >= 12)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM categories WHERE parent_id IS NOT NULL") > 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM (SELECT product_id FROM variants GROUP BY product_id HAVING count(*) > 1)") >= 40)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM variants WHERE stock = 0") > 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM variants WHERE stock BETWEEN 1 AND 3") > 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM variants WHERE compare_at_price > price") > 0)
        #expect(try ImportFixtures.count(store, "SELECT count(DISTINCT vendor) FROM products") >= 12)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM products WHERE description NOT LIKE '%. %'") == 0)
    }

    @Test func demoSeedIsCompleteAndDoctorClean() throws {
        let store = try ImportFixtures.freshStore()
        let report = try DemoSeeder.seed(store: store, sampleData: ImportFixtures.sampleData, now: SeedDemoTests.now)
        #expect(report.products >= 200 && report.customers == 301)
        #expect(report.orders >= 1_500 && report.reviews > 200)
        #expect(report.accounts.map(\.email) == ["admin@curio.shop", "staff@curio.shop", "shopper@curio.shop"])
        #expect(try ImportFixtures.doctorProblems(store) == [])
        let statuses = try store.db.all("SELECT status, count(*) FROM orders GROUP BY status ORDER BY 2 DESC") { $0.string(0) }
        #expect(statuses.first == "DELIVERED")
        #expect(Set(statuses) == ["DELIVERED", "SHIPPED", "PROCESSING", "PENDING", "CANCELLED"])
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM inventory_ledger WHERE reason = 'cancellation'") > 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM orders WHERE placed_at < \(SeedDemoTests.now - 181 * 86_400_000)") == 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM reviews WHERE verified = 1") > 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM reviews WHERE rating <= 2") > 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM reviews r WHERE verified = 1 AND NOT EXISTS (SELECT 1 FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.user_id = r.user_id AND l.product_id = r.product_id)") == 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM payments WHERE card_last4 IS NOT NULL AND length(card_last4) <> 4") == 0)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM shipping_methods") == 3)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM discount_codes") >= 4)
        // Bought together: the filters go with the dripper far more often than chance.
        let together = try ImportFixtures.count(store, """
            SELECT count(*) FROM order_lines a JOIN order_lines b ON a.order_id = b.order_id
            JOIN products pa ON pa.id = a.product_id JOIN products pb ON pb.id = b.product_id
            WHERE pa.handle = 'pour-over-dripper-ceramic' AND pb.handle = 'paper-filters-no-2-100-pack'
            """)
        let dripper = try ImportFixtures.count(store, "SELECT count(*) FROM order_lines l JOIN products p ON p.id = l.product_id WHERE p.handle = 'pour-over-dripper-ceramic'")
        #expect(dripper > 0 && Double(together) / Double(dripper) > 0.5)
        // The demo shopper can sign in and has an order history.
        let signedIn = try store.accounts.signIn(email: "shopper@curio.shop", password: "curio-shopper")
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM orders WHERE user_id = \(signedIn.user.id.rawValue)") >= 3)
    }

    @Test func demoSeedIsDeterministicAndRefusesAStoreWithProducts() throws {
        let first = try ImportFixtures.freshStore()
        let second = try ImportFixtures.freshStore()
        _ = try DemoSeeder.seed(store: first, sampleData: ImportFixtures.sampleData, now: SeedDemoTests.now)
        _ = try DemoSeeder.seed(store: second, sampleData: ImportFixtures.sampleData, now: SeedDemoTests.now)
        let digest = """
            SELECT (SELECT group_concat(number || status || total || placed_at || email, ';') FROM orders),
                   (SELECT group_concat(order_id || sku || quantity || unit_price, ';') FROM order_lines),
                   (SELECT group_concat(product_id || user_id || rating || verified, ';') FROM reviews),
                   (SELECT group_concat(variant_id || delta || reason, ';') FROM inventory_ledger)
            """
        let a = try first.db.first(digest) { [$0.string(0), $0.string(1), $0.string(2), $0.string(3)] }
        let b = try second.db.first(digest) { [$0.string(0), $0.string(1), $0.string(2), $0.string(3)] }
        #expect(a == b)
        #expect(throws: SeedError.notEmpty(products: try ImportFixtures.count(first, "SELECT count(*) FROM products"))) {
            _ = try DemoSeeder.seed(store: first, sampleData: ImportFixtures.sampleData)
        }
        #expect(try DemoSeeder.seedIfEmpty(store: first, sampleData: ImportFixtures.sampleData) == nil)
    }

    @Test func sampleDataIsFoundFromNestedFolders() {
        let nested = ImportFixtures.sampleData + "/../Sources/Commerce/Seed"
        #expect(DemoSeeder.locateSampleData(near: [nested])?.hasSuffix("SampleData") == true)
        #expect(DemoSeeder.locateSampleData(near: ["/proc/self"]) == nil)
    }
}
