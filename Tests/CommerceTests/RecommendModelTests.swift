import Foundation
import Testing
@testable import Commerce

/// The recommender's models on small in-memory shops with planted structure.
@Suite("Recommend: models")
struct RecommendModelTests {
    static let now: Int64 = 1_750_000_000_000
    static let day: Int64 = 86_400_000

    /// Twelve products: 1–4 kitchen (1, 2 in "coffee" below it), 5–8 outdoor, 9–12 books.
    /// 1 and 2 are always bought together, as are 5 and 6; others are noise.
    static func plantedInput() throws -> RecommenderInput {
        var input = RecommenderInput()
        try input.addCategory(id: CategoryID(1), parent: nil, handle: "kitchen", name: "Kitchen")
        try input.addCategory(id: CategoryID(2), parent: CategoryID(1), handle: "coffee", name: "Coffee")
        try input.addCategory(id: CategoryID(3), parent: nil, handle: "outdoor", name: "Outdoor")
        try input.addCategory(id: CategoryID(4), parent: nil, handle: "books", name: "Books")
        let products: [(String, String, Int64, [String])] = [
            ("Pour-Over Dripper", "Kettle & Co", 2, ["coffee", "brewing"]), ("Paper Filters", "Kettle & Co", 2, ["coffee"]),
            ("Stoneware Mug", "Clayworks", 1, ["mug"]), ("Chef Knife", "Steelworks", 1, ["knife"]),
            ("Two-Person Tent", "Trail Co", 3, ["tent", "camping"]), ("Down Sleeping Bag", "Trail Co", 3, ["camping"]),
            ("Headlamp", "Trail Co", 3, ["light"]), ("Camping Tent Pegs", "Trail Co", 3, ["tent", "camping"]),
            ("Novel One", "Inkwell", 4, ["fiction"]), ("Novel Two", "Inkwell", 4, ["fiction"]),
            ("Poetry", "Inkwell", 4, ["poems"]), ("Atlas", "Mapmakers", 4, ["maps"]),
        ]
        for (index, product) in products.enumerated() {
            try input.addProduct(id: ProductID(Int64(index + 1)), handle: "p\(index + 1)", title: product.0, vendor: product.1,
                                 category: CategoryID(product.2), tags: product.3)
        }
        var time = now - 60 * day
        func order(_ user: Int64, _ items: [Int64]) {
            time += day / 4
            input.addOrder(user: UserID(user), at: time, products: items.map { ProductID($0) })
        }
        for user in Int64(1)...8 {
            order(user, [1, 2])
            order(user, [user % 2 == 0 ? 3 : 4])
            order(user, [5, 6, user % 3 == 0 ? 7 : 9])
        }
        order(9, [10, 11])
        order(10, [12])
        return input
    }

    static func configuration(_ weighting: CoOccurrenceWeighting = .bm25) -> RecommenderConfiguration {
        var configuration = RecommenderConfiguration()
        configuration.weighting = weighting
        configuration.pollInterval = nil
        configuration.clock = .fixed(now)
        return configuration
    }

    static func recommender(_ weighting: CoOccurrenceWeighting = .bm25, unavailable: Set<ProductID> = []) throws -> Recommender {
        Recommender(model: try plantedInput().fit(configuration: configuration(weighting)), unavailable: unavailable)
    }

    @Test(arguments: CoOccurrenceWeighting.allCases)
    func productsAlwaysBoughtTogetherAreEachOthersTopNeighbour(_ weighting: CoOccurrenceWeighting) throws {
        let recommender = try Self.recommender(weighting)
        #expect(recommender.alsoBought(product: ProductID(1)).items.first?.product.id == ProductID(2))
        #expect(recommender.alsoBought(product: ProductID(2)).items.first?.product.id == ProductID(1))
        #expect(recommender.alsoBought(product: ProductID(5)).items.first?.product.id == ProductID(6))
        #expect(recommender.alsoBought(product: ProductID(6)).items.first?.product.id == ProductID(5))
        let top = try #require(recommender.alsoBought(product: ProductID(1)).items.first)
        #expect(top.reason == .boughtTogether(with: RecommendedProduct(id: ProductID(1), handle: "p1", title: "Pour-Over Dripper")))
        #expect(top.reason.description == "bought together with Pour-Over Dripper")
    }

    @Test func fittingTwiceGivesTheSameModelAndAnswers() throws {
        let input = try Self.plantedInput()
        let first = input.fit(configuration: Self.configuration()), second = input.fit(configuration: Self.configuration())
        #expect(first == second)
        let a = Recommender(model: first), b = Recommender(model: second)
        for id in 1...12 {
            #expect(a.alsoBought(product: ProductID(Int64(id))) == b.alsoBought(product: ProductID(Int64(id))))
            #expect(a.similar(product: ProductID(Int64(id))) == b.similar(product: ProductID(Int64(id))))
            #expect(a.forYou(user: UserID(Int64(id))) == b.forYou(user: UserID(Int64(id))))
        }
    }

    @Test func tiesGoToTheLowerProductID() throws {
        var input = RecommenderInput()
        for id in 1...4 { try input.addProduct(id: ProductID(Int64(id)), handle: "p\(id)", title: "Thing \(id)") }
        // 1 is bought once with 4 and once with 3: equal scores, so 3 (the lower id) comes first.
        input.addOrder(user: UserID(1), at: Self.now, products: [ProductID(1), ProductID(4)])
        input.addOrder(user: UserID(2), at: Self.now, products: [ProductID(1), ProductID(3)])
        let recommender = Recommender(model: input.fit(configuration: Self.configuration()))
        let ids = recommender.alsoBought(product: ProductID(1), k: 2).items.map(\.product.id)
        #expect(ids == [ProductID(3), ProductID(4)])
    }

    @Test func forYouSumsNeighboursAndLeavesOutWhatTheCustomerHas() throws {
        var input = try Self.plantedInput()
        input.addOrder(user: UserID(20), at: Self.now - Self.day, products: [ProductID(1)])
        let recommender = Recommender(model: input.fit(configuration: Self.configuration()))
        let list = recommender.forYou(user: UserID(20), k: 5)
        #expect(!list.isWarmingUp)
        #expect(list.items.first?.product.id == ProductID(2))
        #expect(!list.items.contains { $0.product.id == ProductID(1) })
    }

    @Test func coldStartFallsBackToContentAndPopularity() throws {
        var input = RecommenderInput()
        try input.addCategory(id: CategoryID(1), parent: nil, handle: "outdoor", name: "Outdoor")
        try input.addProduct(id: ProductID(1), handle: "tent", title: "Two-Person Tent", vendor: "Trail Co", category: CategoryID(1), tags: ["tent"])
        try input.addProduct(id: ProductID(2), handle: "bag", title: "Sleeping Bag", vendor: "Trail Co", category: CategoryID(1))
        try input.addProduct(id: ProductID(3), handle: "new-tent", title: "Four-Person Tent", vendor: "Trail Co", category: CategoryID(1), tags: ["tent"])
        try input.addProduct(id: ProductID(4), handle: "mug", title: "Mug", vendor: "Clay")
        input.addOrder(user: UserID(1), at: Self.now, products: [ProductID(1), ProductID(2)])
        input.addOrder(user: UserID(2), at: Self.now, products: [ProductID(4)])
        input.addOrder(user: UserID(3), at: Self.now, products: [ProductID(4)])
        let recommender = Recommender(model: input.fit(configuration: Self.configuration()))
        // Product 3 never sold: its "also bought" starts with products like it, then what is trending.
        let cold = recommender.alsoBought(product: ProductID(3), k: 3).items
        #expect(cold.first?.product.id == ProductID(1))
        #expect(cold.first?.reason.kind == "similar")
        #expect(cold.contains { $0.reason.kind == "trending" })
        // A customer with no orders gets the shop's trending products, the best seller first.
        let newcomer = recommender.forYou(user: UserID(99), k: 2).items
        #expect(newcomer.first?.product.id == ProductID(4))
        #expect(newcomer.allSatisfy { $0.reason == .trending(in: nil) })
        #expect(newcomer.first?.reason.description == "trending in the shop")
    }

    @Test func unavailableProductsAreNeverSuggested() throws {
        let gone: Set<ProductID> = [ProductID(2), ProductID(6), ProductID(9)]
        let recommender = try Self.recommender(unavailable: gone)
        for id in 1...12 {
            let product = ProductID(Int64(id)), user = UserID(Int64(id))
            let lists = [recommender.alsoBought(product: product, k: 12), recommender.similar(product: product, k: 12),
                         recommender.forYou(user: user, k: 12), recommender.buyAgain(user: user, k: 12)]
            for list in lists { #expect(list.items.allSatisfy { !gone.contains($0.product.id) }) }
        }
        #expect(recommender.trending(k: 12).items.allSatisfy { !gone.contains($0.product.id) })
        // Marking one more unavailable takes it out at once.
        recommender.updateAvailability(product: ProductID(5), available: false)
        #expect(!recommender.alsoBought(product: ProductID(6), k: 12).items.contains { $0.product.id == ProductID(5) })
    }

    @Test func trendingCoversSubcategoriesAndFavoursRecentSales() throws {
        var input = RecommenderInput()
        try input.addCategory(id: CategoryID(1), parent: nil, handle: "kitchen", name: "Kitchen")
        try input.addCategory(id: CategoryID(2), parent: CategoryID(1), handle: "coffee", name: "Coffee")
        try input.addProduct(id: ProductID(1), handle: "old-hit", title: "Old Hit", category: CategoryID(1))
        try input.addProduct(id: ProductID(2), handle: "new-hit", title: "New Hit", category: CategoryID(2))
        try input.addProduct(id: ProductID(3), handle: "elsewhere", title: "Elsewhere")
        // Five sales two months ago weigh less than two this week (7-day half-life).
        for user in Int64(1)...5 { input.addOrder(user: UserID(user), at: Self.now - 60 * Self.day, products: [ProductID(1)]) }
        for user in Int64(6)...7 { input.addOrder(user: UserID(user), at: Self.now - Self.day, products: [ProductID(2)]) }
        let recommender = Recommender(model: input.fit(configuration: Self.configuration(), now: Self.now))
        let kitchen = recommender.trending(category: CategoryID(1), k: 5).items
        #expect(kitchen.map(\.product.id) == [ProductID(2), ProductID(1)])
        #expect(kitchen.first?.reason.description == "trending in Kitchen")
        #expect(recommender.trending(category: CategoryID(2), k: 5).items.map(\.product.id) == [ProductID(2)])
    }

    @Test func buyAgainListsMostOftenThenMostRecent() throws {
        var input = RecommenderInput()
        for id in 1...3 { try input.addProduct(id: ProductID(Int64(id)), handle: "p\(id)", title: "Thing \(id)") }
        let user = UserID(1)
        input.addOrder(user: user, at: Self.now - 3 * Self.day, products: [ProductID(1), ProductID(1)])
        input.addOrder(user: user, at: Self.now - 2 * Self.day, products: [ProductID(2)])
        input.addOrder(user: user, at: Self.now - Self.day, products: [ProductID(3), ProductID(2)])
        let items = Recommender(model: input.fit(configuration: Self.configuration())).buyAgain(user: user).items
        #expect(items.map(\.product.id) == [ProductID(2), ProductID(3), ProductID(1)])
        #expect(items.first?.reason == .boughtBefore(times: 2, lastAt: Self.now - Self.day))
        #expect(items.last?.reason.description == "you bought this before")
    }

    @Test func productsMustComeInIDOrder() throws {
        var input = RecommenderInput()
        try input.addProduct(id: ProductID(5), handle: "five", title: "Five")
        #expect(throws: CommerceError.self) { try input.addProduct(id: ProductID(4), handle: "four", title: "Four") }
    }
}
