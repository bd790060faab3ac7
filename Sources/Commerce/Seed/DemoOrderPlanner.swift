import Foundation

/// Plans a believable order history: loyal customers, popular products, things bought together
/// (coffee with filters and a mug, a tent with a sleeping bag), statuses that follow the order's age.
struct DemoOrderPlanner {
    let catalog: CatalogSnapshot
    let currency: Currency
    let now: Int64
    var rng: SplitMix64
    /// Popularity weight of each product (a long tail).
    private var popularity: [Double]
    private var cumulativeByCategory: [String: [Double]] = [:]
    private let cumulativeAll: [Double]

    /// A shipping method as pricing needs it.
    typealias ShippingChoice = (id: Int64, name: String, price: Int64, freeOver: Int64?)

    /// The active shipping methods, cheapest (standard) first.
    static func shippingChoices(_ db: any SQLConnection) throws -> [ShippingChoice] {
        try db.all("SELECT id, name, price, free_over FROM shipping_methods WHERE active = 1 ORDER BY position") {
            (id: $0.int64(0), name: $0.string(1), price: $0.int64(2), freeOver: $0.optionalInt64(3))
        }
    }

    static let hour: Int64 = 3_600_000
    static let day: Int64 = 86_400_000

    /// Categories whose products go into the same basket as the key category's.
    static let companions: [String: [String]] = [
        "coffee": ["brewing-gear", "tableware"], "tea": ["brewing-gear", "tableware"], "brewing-gear": ["coffee", "tea"],
        "tableware": ["coffee", "tea"], "cookware": ["cooking", "tableware"], "cooking": ["cookware"],
        "camping": ["camping", "hiking"], "hiking": ["camping", "socks-accessories", "footwear"],
        "tops": ["outerwear", "socks-accessories"], "outerwear": ["tops", "socks-accessories"], "footwear": ["socks-accessories"],
        "bedding": ["decor"], "decor": ["bedding", "decor"], "fiction": ["fiction", "stationery"],
        "stationery": ["stationery", "fiction"], "bath-body": ["bath-body", "bedding"], "audio": ["accessories"],
        "accessories": ["audio"], "fitness": ["fitness", "tops"], "pets": ["pets"], "garden": ["garden"],
        "toys-games": ["toys-games"],
    ]

    /// Strong product pairs (anchor handle → companion handle, probability) as real shops see them.
    static let pairs: [String: [(String, Double)]] = [
        "pour-over-dripper-ceramic": [("paper-filters-no-2-100-pack", 0.8), ("gooseneck-kettle-1-l", 0.3)],
        "ethiopia-guji-natural": [("paper-filters-no-2-100-pack", 0.5), ("stoneware-mug-350-ml", 0.4)],
        "colombia-huila-washed": [("paper-filters-no-2-100-pack", 0.5), ("stoneware-mug-350-ml", 0.3)],
        "house-espresso-blend": [("stovetop-espresso-pot-6-cup", 0.4), ("espresso-cups-set-of-2", 0.4)],
        "two-person-backpacking-tent": [("down-sleeping-bag-5-c", 0.6), ("self-inflating-sleeping-pad", 0.5)],
        "four-person-family-tent": [("synthetic-sleeping-bag-5-c", 0.6), ("lantern-with-power-bank", 0.4)],
        "camp-stove": [("titanium-cook-pot-900-ml", 0.6), ("mess-kit-for-two", 0.3)],
        "a5-notebook": [("fountain-pen", 0.4), ("gel-pens-5-pack", 0.4)],
        "fountain-pen": [("bottled-ink-50-ml", 0.8)],
        "cast-iron-skillet-26-cm": [("the-weeknight-pan", 0.3), ("wooden-spoon-set-3-pieces", 0.3)],
        "yoga-mat-5-mm": [("cork-yoga-block", 0.6)],
        "dog-bed": [("rope-tug-toy", 0.4)],
    ]

    init(catalog: CatalogSnapshot, currency: Currency, now: Int64, seed: UInt64) {
        self.catalog = catalog
        self.currency = currency
        self.now = now
        var rng = SplitMix64(seed: seed)
        // A long tail: a shuffled rank gives each product a Zipf-like weight.
        let ranks = Array(0..<catalog.products.count).shuffled(using: &rng)
        var popularity = [Double](repeating: 0, count: catalog.products.count)
        for (rank, index) in ranks.enumerated() { popularity[index] = 1 / pow(Double(rank + 1), 0.7) }
        self.popularity = popularity
        self.rng = rng
        cumulativeAll = cumulativeWeights(popularity)
        for (category, indexes) in catalog.byCategory {
            cumulativeByCategory[category] = cumulativeWeights(indexes.map { popularity[$0] })
        }
    }

    /// The leaf categories a new customer will favour: one or two, picked by how much they sell.
    mutating func interests() -> [String] {
        let first = catalog.products[rng.weightedIndex(cumulativeAll)].categoryHandle
        guard rng.chance(0.5) else { return [first] }
        let second = rng.pick(DemoOrderPlanner.companions[first] ?? [first])
        return second == first ? [first] : [first, second]
    }

    private mutating func product(in category: String) -> Int? {
        guard let indexes = catalog.byCategory[category], let weights = cumulativeByCategory[category] else { return nil }
        return indexes[rng.weightedIndex(weights)]
    }

    private mutating func line(for index: Int) -> HistoryOrder.Line {
        let product = catalog.products[index]
        let weights = cumulativeWeights(product.variants.indices.map { 1 / Double($0 + 1) })
        let variant = product.variants[rng.weightedIndex(weights)]
        let consumable = ["coffee", "tea", "bath-body"].contains(product.categoryHandle)
        let quantity = rng.chance(consumable ? 0.35 : 0.12) ? rng.int(2...3) : 1
        return HistoryOrder.Line(variantID: variant.id, productID: product.id, title: product.title, variantTitle: variant.title,
                                 sku: variant.sku, unitPrice: variant.price, quantity: quantity)
    }

    /// A basket: an anchor from the customer's tastes (or the bestsellers), then what goes with it.
    mutating func basket(for customer: DemoPeople.Customer) -> [HistoryOrder.Line] {
        var chosen: [Int] = []
        let anchor = rng.chance(0.75) ? product(in: rng.pick(customer.interests)) : nil
        chosen.append(anchor ?? rng.weightedIndex(cumulativeAll))
        let anchorProduct = catalog.products[chosen[0]]
        for category in DemoOrderPlanner.companions[anchorProduct.categoryHandle] ?? [] where rng.chance(0.35) {
            if let index = product(in: category) { chosen.append(index) }
        }
        if rng.chance(0.1) { chosen.append(rng.weightedIndex(cumulativeAll)) }
        for item in chosen {
            for (handle, probability) in DemoOrderPlanner.pairs[catalog.products[item].handle] ?? [] {
                if let index = catalog.byHandle[handle], rng.chance(probability) { chosen.append(index) }
            }
        }
        var seen = Set<Int>()
        return chosen.filter { seen.insert($0).inserted }.prefix(5).map { line(for: $0) }
    }

    /// The statuses an order placed at `placedAt` has reached by `now`, with their times.
    static func statuses(placedAt: Int64, now: Int64, canCancel: Bool, rng: inout SplitMix64) -> [(status: OrderStatus, at: Int64)] {
        var path: [(status: OrderStatus, at: Int64)] = [(.pending, placedAt)]
        if canCancel && rng.chance(0.04) {
            if rng.chance(0.5) { path.append((.processing, placedAt + Int64(rng.int(1...6)) * DemoOrderPlanner.hour)) }
            path.append((.cancelled, (path.last?.at ?? placedAt) + Int64(rng.int(2...20)) * DemoOrderPlanner.hour))
        } else {
            let processing = placedAt + Int64(rng.int(1...30)) * DemoOrderPlanner.hour
            let shipped = processing + Int64(rng.int(18...52)) * DemoOrderPlanner.hour
            let delivered = shipped + Int64(rng.int(40...110)) * DemoOrderPlanner.hour
            path += [(.processing, processing), (.shipped, shipped), (.delivered, delivered)]
        }
        return path.filter { $0.at <= now - 60_000 }
    }

    /// Shipping, discount and tax for a basket going to `address`.
    static func price(_ order: inout HistoryOrder, firstOrder: Bool, methods: [ShippingChoice], currency: Currency,
                      rng: inout SplitMix64) {
        let subtotal = order.subtotal
        if firstOrder && rng.chance(0.3) {
            order.discountCode = "WELCOME10"
            order.discount = (try? Money(minorUnits: subtotal, currency: currency).share(basisPoints: 1_000).minorUnits) ?? 0
        } else if subtotal >= 3_000 && rng.chance(0.06) {
            order.discountCode = "SAVE5"
            order.discount = 500
        }
        if !methods.isEmpty {
            let roll = Double.random(in: 0..<1, using: &rng)
            let method = methods[roll < 0.78 ? 0 : (roll < 0.95 ? min(1, methods.count - 1) : methods.count - 1)]
            order.shippingMethodID = method.id
            order.shippingName = method.name
            order.shipping = method.freeOver.map { subtotal >= $0 } == true ? 0 : method.price
        }
        order.tax = 0
        if let rate = ShopSettingsSeed.taxRate(country: order.address.country, region: order.address.region) {
            let base = subtotal - order.discount + (rate.onShipping ? order.shipping : 0)
            order.tax = (try? Money(minorUnits: base, currency: currency).share(basisPoints: rate.basisPoints).minorUnits) ?? 0
        }
    }

    /// A card brand and last four digits (all that is ever stored of a card).
    static func card(rng: inout SplitMix64) -> (brand: String, last4: String) {
        let roll = Double.random(in: 0..<1, using: &rng)
        let brand = roll < 0.55 ? "visa" : (roll < 0.85 ? "mastercard" : "amex")
        return (brand, String(format: "%04d", rng.int(0...9_999)))
    }
}
