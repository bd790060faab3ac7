import Testing
@testable import Commerce

@Suite("Catalog product detail")
struct CatalogDetailTests {
    @Test func detailHasVariantsImagesTagsPathAndOptions() throws {
        let f = try CatalogFixture()
        let apparel = try f.category("apparel", "Apparel")
        let shirts = try f.category("shirts", "Shirts", parent: apparel)
        let id = try f.product(
            "linen-shirt", title: "Linen Shirt", description: "Breezy.", vendor: "Northwind", type: "Shirt",
            category: shirts, tags: ["summer", "Linen"], optionNames: ["Size", "Color"],
            images: ["https://example.com/a.jpg", "https://example.com/b.jpg"],
            variants: [
                .init(sku: "LS-S-W", options: ["S", "White"], price: 4900, compareAt: 6500, stock: 2, lowStockThreshold: 3),
                .init(sku: "LS-M-W", options: ["M", "White"], price: 4900, stock: 0),
                .init(sku: "LS-L-W", options: ["L", "White"], price: 5200, compareAt: 5000, stock: 20),
                .init(sku: "LS-XL-W", options: ["XL", "White"], price: 5200, stock: 1, archived: true),
            ])
        try f.review(id, ratings: [5, 3])

        let detail = try f.catalog.product(handle: "linen-shirt", caller: CatalogFixture.customer)
        #expect(detail.summary.id == id)
        #expect(detail.summary.title == "Linen Shirt")
        #expect(detail.description == "Breezy.")
        #expect(detail.productType == "Shirt")
        #expect(detail.tags == ["Linen", "summer"])
        #expect(detail.optionNames == ["Size", "Color"])
        #expect(detail.categoryPath.map(\.handle) == ["apparel", "shirts"])
        #expect(detail.images.map(\.url) == ["https://example.com/a.jpg", "https://example.com/b.jpg"])
        #expect(detail.summary.rating.average == 4)
        #expect(detail.summary.stockTotal == 22)

        #expect(detail.variants.map(\.sku) == ["LS-S-W", "LS-M-W", "LS-L-W"])
        let small = detail.variants[0]
        #expect(small.options == ["S", "White"])
        #expect(small.title == "S / White")
        #expect(small.price == Money(minorUnits: 4900, currency: .usd))
        #expect(small.compareAt == Money(minorUnits: 6500, currency: .usd))
        #expect(small.isLowStock)
        #expect(!small.isSoldOut)
        #expect(detail.variants[1].isSoldOut)
        #expect(!detail.variants[1].isLowStock)
        #expect(detail.variants[2].compareAt == nil)   // 50.00 is below its 52.00 price
        #expect(!detail.variants[2].isLowStock)

        let staffView = try f.catalog.product(id: id, caller: CatalogFixture.staff)
        #expect(staffView.variants.count == 4)
        #expect(staffView.variants.last?.archived == true)
    }

    @Test func defaultVariantAndUnknownProducts() throws {
        let f = try CatalogFixture()
        let id = try f.product("mug", title: "Mug")
        let detail = try f.catalog.product(id: id, caller: CatalogFixture.customer)
        #expect(detail.optionNames.isEmpty)
        #expect(detail.variants.count == 1)
        #expect(detail.variants[0].title == "Default")
        #expect(detail.categoryPath.isEmpty)
        #expect(throws: CommerceError.notFound("no product with handle 'nope'")) {
            try f.catalog.product(handle: "nope", caller: CatalogFixture.customer)
        }
        #expect(throws: CommerceError.notFound("no product with id 4242")) {
            try f.catalog.product(id: ProductID(4242), caller: CatalogFixture.customer)
        }
    }
}
