import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// SKUs are attributes (Shopify lets variants share them); a variant is its handle and option values.
@Suite struct SharedSKUTests {
    static let twoProductsOneSKU = """
        Handle,Title,Option1 Name,Option1 Value,Variant SKU,Variant Price,Variant Inventory Qty
        field-tee,Field Tee,Size,S,'101,25.00,3
        field-tee,,,M,'101,25.00,4
        camp-mug,Camp Mug,,,'101,12.00,5
        plain-soap,Plain Soap,,,,5.00,1

        """

    @Test func duplicateAndBlankSKUsAcrossProductsImport() throws {
        let store = try ImportFixtures.freshStore()
        let report = try ImportFixtures.importText(Self.twoProductsOneSKU, into: store)
        #expect(report.productsCreated == 3 && report.variantsCreated == 4)
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM variants WHERE sku = '''101'") == 3)
        // Importing again matches every variant by handle and option values: nothing new, nothing changed.
        let again = try ImportFixtures.importText(Self.twoProductsOneSKU, into: store)
        #expect(again.variantsCreated == 0 && again.variantsUnchanged == 4 && again.stockChanges == 0)
        #expect(try ImportFixtures.doctorProblems(store) == [])
    }

    @Test func aSharedSKUIsAmbiguousAndListsTheVariants() throws {
        let store = try ImportFixtures.freshStore()
        try ImportFixtures.importText(Self.twoProductsOneSKU, into: store)
        let error = #expect(throws: CommerceError.self) { try store.productEditor.variantID(reference: "'101") }
        guard case .conflict(let message)? = error else { Issue.record("not a conflict: \(String(describing: error))"); return }
        #expect(message.contains("names 3 variants"))
        #expect(message.contains("camp-mug (variant") && message.contains("field-tee/S (variant") && message.contains("field-tee/M (variant"))
        #expect(throws: CommerceError.self) { try store.productEditor.variantID(sku: "'101") }
    }

    @Test func variantsAreNamedByHandleAndOptionsOrId() throws {
        let store = try ImportFixtures.freshStore()
        try ImportFixtures.importText(Self.twoProductsOneSKU, into: store)
        let medium = try #require(try store.db.scalarInt("""
            SELECT v.id FROM variants v JOIN products p ON p.id = v.product_id WHERE p.handle = 'field-tee' AND v.option1 = 'M'
            """))
        #expect(try store.productEditor.variantID(reference: "field-tee/M").rawValue == medium)
        #expect(try store.productEditor.variantID(reference: "FIELD-TEE/m").rawValue == medium)
        #expect(try store.productEditor.variantID(reference: String(medium)).rawValue == medium)
        // A handle alone names a product's only variant, and is ambiguous for a product with several.
        let mug = try store.productEditor.variantID(reference: "camp-mug")
        #expect(try store.db.scalarString("SELECT p.handle FROM variants v JOIN products p ON p.id = v.product_id WHERE v.id = ?", mug) == "camp-mug")
        #expect(throws: CommerceError.self) { try store.productEditor.variantID(reference: "field-tee") }
        #expect(throws: CommerceError.notFound("no variant with the SKU, HANDLE/OPTION… or id \"field-tee/XL\"")) {
            try store.productEditor.variantID(reference: "field-tee/XL")
        }
    }

    /// A database made by version 1 of the schema (SKUs unique), migrated: every row, trigger and
    /// foreign key survives, and SKUs may then repeat.
    @Test func aVersionOneDatabaseMigratesKeepingEverything() throws {
        let dir = TempDir()
        let path = dir.file("v1.db")
        do {
            let db = try Database(path: path)
            try db.executeScript("PRAGMA foreign_keys = ON;")
            try db.transaction(.immediate) {
                try db.executeScript(schemaV1)
                try db.executeScript("""
                    PRAGMA user_version = 1;
                    PRAGMA application_id = \(Migrations.applicationID);
                    INSERT INTO users(id, email, name, role, created_at, updated_at) VALUES (1, 'kim@example.com', 'Kim', 'customer', 0, 0);
                    INSERT INTO categories(id, handle, name) VALUES (1, 'kitchen', 'Kitchen');
                    INSERT INTO products(id, handle, title, description, category_id, tags, created_at, updated_at)
                        VALUES (1, 'camp-mug', 'Camp Mug', 'Enamel mug', 1, 'mug', 0, 0);
                    INSERT INTO product_tags(product_id, tag) VALUES (1, 'mug');
                    INSERT INTO product_images(product_id, url) VALUES (1, 'https://img/mug.jpg');
                    INSERT INTO variants(id, product_id, sku, option1, price, grams, created_at, updated_at) VALUES (1, 1, 'MUG', 'Blue', 1200, 350, 0, 0);
                    INSERT INTO variants(id, product_id, sku, option1, price, created_at, updated_at) VALUES (2, 1, 'MUG-R', 'Red', 1300, 0, 0);
                    INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (1, 7, 'import', 0);
                    INSERT INTO reviews(product_id, user_id, rating, created_at, updated_at) VALUES (1, 1, 4, 0, 0);
                    INSERT INTO carts(id, user_id, created_at, updated_at) VALUES (1, 1, 0, 0);
                    INSERT INTO cart_lines(cart_id, variant_id, quantity, title, unit_price, added_at) VALUES (1, 2, 1, 'Camp Mug', 1300, 0);
                    """)
            }
        }
        let store = try Store(path: path)
        let db = store.db
        #expect(try db.scalarInt("PRAGMA user_version") == Int64(Migrations.latestVersion))
        #expect(try db.all("PRAGMA foreign_key_check") { $0.string(0) } == [])
        #expect(try db.scalarInt("PRAGMA foreign_keys") == 1)
        let product: [Int64]? = try db.first("SELECT category_id, price_min, price_max, stock_total, rating_count, published FROM products") { row in
            (0..<6).map { row.int64($0) }
        }
        #expect(product == [1, 1200, 1300, 7, 1, 1])
        #expect(try db.all("SELECT sku, grams, stock FROM variants ORDER BY id") { "\($0.string(0)) \($0.int(1)) \($0.int(2))" }
                == ["MUG 350 7", "MUG-R 0 0"])
        #expect(try db.scalarInt("SELECT count(*) FROM cart_lines WHERE variant_id = 2") == 1)
        #expect(try db.scalarInt("SELECT count(*) FROM product_images") == 1 && db.scalarInt("SELECT count(*) FROM product_tags") == 1)
        // The search index still points at the product, and its triggers still run.
        #expect(try db.scalarInt("SELECT rowid FROM product_search WHERE product_search MATCH 'enamel'") == 1)
        try db.execute("UPDATE products SET description = 'Steel cup' WHERE id = 1")
        #expect(try db.scalarInt("SELECT rowid FROM product_search WHERE product_search MATCH 'steel'") == 1)
        // Ledger and cache triggers survive the rebuild.
        try db.execute("INSERT INTO inventory_ledger(variant_id, delta, reason, created_at) VALUES (2, 3, 'restock', 0)")
        #expect(try db.scalarInt("SELECT stock_total FROM products WHERE id = 1") == 10)
        // SKUs may now repeat; option values still may not, within a product.
        try db.execute("INSERT INTO variants(product_id, sku, option1, price, created_at, updated_at) VALUES (1, 'MUG', 'Green', 1200, 0, 0)")
        #expect(throws: DatabaseError.self) {
            try db.execute("INSERT INTO variants(product_id, sku, option1, price, created_at, updated_at) VALUES (1, 'X', 'Green', 1, 0, 0)")
        }
        // Cascades still work after the rebuild (foreign keys are back on).
        #expect(throws: DatabaseError.self) { try db.execute("DELETE FROM variants WHERE id = 1") }
        #expect(try ImportFixtures.doctorProblems(store) == [])
        #expect(try db.all("SELECT version FROM schema_migrations ORDER BY version") { $0.int(0) } == Migrations.all.dropFirst().map(\.version))
    }
}
