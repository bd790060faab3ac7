import Foundation
import Testing
@_spi(Storage) @testable import Commerce

@Suite("Reviews")
struct ReviewTests {
    let shop: ShopFixture
    let mug: VariantID
    let product: ProductID
    init() throws {
        shop = try ShopFixture()
        mug = try shop.product("Ceramic Mug")[0]
        product = try shop.productID(of: mug)
    }

    var reviews: Reviews { shop.store.reviews }

    func rating() throws -> Rating { try shop.store.catalog.product(id: product, caller: shop.guest).summary.rating }

    @Test func validationNamesTheField() throws {
        let cases: [(Int, String, String, CommerceError)] = [
            (0, "", "", .invalid(field: "rating", reason: "must be 1 to 5 stars (got 0)")),
            (6, "", "", .invalid(field: "rating", reason: "must be 1 to 5 stars (got 6)")),
            (5, String(repeating: "t", count: 121), "", .invalid(field: "title", reason: "at most 120 characters (got 121)")),
            (5, "", String(repeating: "b", count: 5001), .invalid(field: "body", reason: "at most 5000 characters (got 5001)")),
            (5, "Great\u{1B}[31m", "", .invalid(field: "title", reason: "must not contain control characters or line breaks")),
            (5, "Two\nlines", "", .invalid(field: "title", reason: "must not contain control characters or line breaks")),
            (5, "", "Bell\u{07}", .invalid(field: "body", reason: "must not contain control characters (line breaks are fine)")),
        ]
        for (stars, title, body, error) in cases {
            #expect(throws: error) { try reviews.post(product: product, rating: stars, title: title, body: body, as: shop.alice) }
        }
        let ok = try reviews.post(product: product, rating: 4, title: String(repeating: "t", count: 120),
                                  body: "First line\r\nsecond line", as: shop.alice)
        #expect(ok.body == "First line\nsecond line" && ok.authorName == "Alice")
    }

    @Test func onlySignedInCustomersMayPost() throws {
        #expect(throws: CommerceError.signInRequired("sign in to write a review")) {
            try reviews.post(product: product, rating: 5, as: shop.guest)
        }
        #expect(throws: CommerceError.forbidden("staff accounts cannot review products; sign in with a customer account")) {
            try reviews.post(product: product, rating: 5, as: shop.staff)
        }
        #expect(throws: CommerceError.notFound("no product with id 9999 is for sale")) {
            try reviews.post(product: ProductID(9999), rating: 5, as: shop.alice)
        }
        #expect(try shop.db.scalarInt("SELECT count(*) FROM reviews") == 0)
    }

    @Test func verifiedMeansANonCancelledOrderWithTheProduct() throws {
        try shop.order(mug, by: shop.alice, status: "DELIVERED")
        try shop.order(mug, by: shop.bob, status: "CANCELLED")
        #expect(try reviews.post(product: product, rating: 5, as: shop.alice).verified)
        #expect(try !reviews.post(product: product, rating: 2, as: shop.bob).verified)
        try shop.order(mug, by: shop.bob, status: "PENDING")
        #expect(try reviews.post(product: product, rating: 3, as: shop.bob).verified)
    }

    @Test func postingAgainReplacesTheReviewAndTheAverageFollows() throws {
        let first = try reviews.post(product: product, rating: 5, title: "Love it", as: shop.alice)
        try reviews.post(product: product, rating: 2, as: shop.bob)
        #expect(try rating() == Rating(sum: 7, count: 2))
        let second = try reviews.post(product: product, rating: 3, title: "Chipped after a month", as: shop.alice)
        #expect(second.id == first.id && second.createdAt == first.createdAt && second.title == "Chipped after a month")
        #expect(try rating() == Rating(sum: 5, count: 2) && rating().average == 2.5)
        #expect(try reviews.mine(product: product, as: shop.alice)?.rating == 3)
        let events = try shop.db.all("SELECT payload FROM outbox WHERE kind = 'ReviewPosted' ORDER BY id") { $0.string(0) }
        #expect(events.count == 3)
        #expect(events.last?.contains("\"replaced\":true") == true && events.last?.contains("\"rating\":3") == true)
    }

    @Test func authorsAndStaffDeleteReviewsAndStaffDeletionIsAudited() throws {
        let alices = try reviews.post(product: product, rating: 5, as: shop.alice)
        let bobs = try reviews.post(product: product, rating: 1, title: "Spam", as: shop.bob)
        #expect(throws: CommerceError.forbidden("only staff can delete other people's reviews")) {
            try reviews.delete(alices.id, as: shop.bob)
        }
        #expect(throws: CommerceError.signInRequired("sign in to delete a review")) { try reviews.delete(alices.id, as: shop.guest) }
        try reviews.delete(alices.id, as: shop.alice)
        #expect(try rating() == Rating(sum: 1, count: 1))
        try reviews.delete(bobs.id, as: shop.staff)
        #expect(try rating() == Rating(sum: 0, count: 0) && rating().average == nil)
        #expect(try shop.db.all("SELECT action, entity_id FROM audit_log WHERE entity = 'review'") { "\($0.string(0)) \($0.int(1))" }
                == ["review.delete \(bobs.id)"])
        #expect(throws: CommerceError.notFound("no review with id \(bobs.id)")) { try reviews.delete(bobs.id, as: shop.staff) }
    }

    @Test func listsPageByKeysetInEachOrder() throws {
        let stars = [3, 5, 1, 5, 3, 4, 2]
        for (index, star) in stars.enumerated() {
            let caller = try shop.store.accounts.register(email: "r\(index)@example.com", name: "R\(index)",
                                                          password: ShopFixture.password).caller
            try reviews.post(product: product, rating: star, as: caller)
        }
        // Some reviews share a posting time, so ties must be broken by id.
        try shop.db.execute("UPDATE reviews SET created_at = 1000 WHERE id % 2 = 0")
        for sort in ReviewSort.allCases {
            let all = try reviews.list(product: product, sort: sort, limit: 100).reviews
            var paged: [Review] = []
            var cursor: ReviewCursor?
            repeat {
                let page = try reviews.list(product: product, sort: sort, limit: 2, after: cursor)
                #expect(page.reviews.count <= 2)
                paged += page.reviews
                cursor = page.nextCursor
            } while cursor != nil
            #expect(paged.map(\.id) == all.map(\.id), "paging \(sort)")
            #expect(Set(all.map(\.id)).count == stars.count)
            let keys = all.map { ($0.rating, $0.createdAt, $0.id.rawValue) }
            for (a, b) in zip(keys, keys.dropFirst()) {
                switch sort {
                case .newest: #expect((a.1, a.2) > (b.1, b.2))
                case .highest: #expect(a > b)
                case .lowest: #expect(a.0 < b.0 || (a.0 == b.0 && (a.1, a.2) > (b.1, b.2)))
                }
            }
        }
        #expect(try reviews.list(product: product, sort: .highest, limit: 2).reviews.map(\.rating) == [5, 5])
        #expect(try reviews.list(product: product, sort: .lowest, limit: 2).reviews.map(\.rating) == [1, 2])
        let cursor = try #require(try reviews.list(product: product, sort: .newest, limit: 2).nextCursor)
        #expect(throws: CommerceError.invalid(field: "cursor", reason: "it belongs to a list in newest order, not lowest")) {
            try reviews.list(product: product, sort: .lowest, after: cursor)
        }
        #expect(throws: CommerceError.invalid(field: "limit", reason: "must be between 1 and 100 (got 0)")) {
            try reviews.list(product: product, limit: 0)
        }
    }
}
