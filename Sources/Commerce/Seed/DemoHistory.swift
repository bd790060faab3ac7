import Foundation

/// The people and past of the demo store: accounts, customers, orders and reviews, all derived
/// from one seed so every run writes the same history for the same `now`.
struct DemoHistory {
    let store: Store
    let now: Int64
    var rng = SplitMix64(seed: 0xC0FFEE)
    var customers: [DemoPeople.Customer] = []
    var orders: [HistoryOrder] = []
    var reviewCount = 0
    private var orderIDs: [Int64] = []

    init(store: Store, now: Int64) {
        self.store = store
        self.now = now
    }

    private var db: any SQLConnection { store.db }

    /// Creates the demo sign-in accounts and the generated customers through the accounts service.
    mutating func createAccounts() throws {
        var planner = DemoOrderPlanner(catalog: try CatalogSnapshot.load(db), currency: store.currency, now: now, seed: 7)
        for account in DemoSeeder.accounts {
            let id = try store.accounts.createUser(email: account.email, name: account.name, password: account.password,
                                                   role: account.role, by: .system)
            if account.role == .customer {
                let address = HistoryOrder.Address(name: account.name, line1: "12 Harbour Road", city: "Portland", region: "OR",
                                                   postalCode: "97214", country: "US")
                try saveAddress(address, user: id.rawValue)
                customers.append(DemoPeople.Customer(userID: id.rawValue, email: account.email, name: account.name, address: address,
                                                     interests: ["coffee", "camping"], orderCount: 6))
            }
        }
        var emails = Set<String>()
        while customers.count <= DemoSeeder.customerCount {
            let first = rng.pick(DemoPeople.firstNames), last = rng.pick(DemoPeople.lastNames)
            let local = CatalogRules.slug("\(first) \(last)").replacingOccurrences(of: "-", with: ".")
            var email = "\(local)@example.com"
            if emails.contains(email) { email = "\(local)\(customers.count)@example.com" }
            emails.insert(email)
            let name = "\(first) \(last)"
            let id = try store.accounts.createUser(email: email, name: name, password: nil, role: .customer, by: .system)
            let address = DemoPeople.address(for: name, rng: &rng)
            try saveAddress(address, user: id.rawValue)
            // Most people order a few times; a loyal few order every couple of weeks.
            let orderCount = rng.chance(0.15) ? rng.int(12...24) : rng.int(1...8)
            customers.append(DemoPeople.Customer(userID: id.rawValue, email: email, name: name, address: address,
                                                 interests: planner.interests(), orderCount: orderCount))
        }
    }

    private func saveAddress(_ address: HistoryOrder.Address, user: Int64) throws {
        try db.execute("""
            INSERT INTO addresses(user_id, label, name, line1, city, region, postal_code, country, is_default, created_at)
            VALUES (?, 'Home', ?, ?, ?, ?, ?, ?, 1, ?)
            """, user, address.name, address.line1, address.city, address.region, address.postalCode, address.country,
            now - 181 * DemoOrderPlanner.day)
    }

    /// Plans and writes the 180-day order history, with the stock it sold taken through the ledger.
    mutating func writeOrders() throws {
        let catalog = try CatalogSnapshot.load(db)
        guard !catalog.products.isEmpty else { return }
        var planner = DemoOrderPlanner(catalog: catalog, currency: store.currency, now: now, seed: rng.next())
        let methods = try DemoOrderPlanner.shippingChoices(db)
        var planned: [HistoryOrder] = []
        for customer in customers {
            // Ages skewed towards the recent past: a growing shop.
            var times = (0..<customer.orderCount).map { _ in
                now - 600_000 - Int64(pow(Double.random(in: 0..<1, using: &planner.rng), 1.2) * Double(180 * DemoOrderPlanner.day - 600_000))
            }
            times.sort()
            for (index, placedAt) in times.enumerated() {
                let card = DemoOrderPlanner.card(rng: &planner.rng)
                let method = planner.rng.chance(0.12) ? "cod" : "card"
                var order = HistoryOrder(number: 0, userID: customer.userID, email: customer.email, placedAt: placedAt,
                                         statuses: DemoOrderPlanner.statuses(placedAt: placedAt, now: now, canCancel: method == "card",
                                                                                       rng: &planner.rng),
                                         method: method, lines: planner.basket(for: customer), shippingName: "", shipping: 0,
                                         tax: 0, address: customer.address, cardBrand: card.brand, cardLast4: card.last4)
                DemoOrderPlanner.price(&order, firstOrder: index == 0, methods: methods, currency: store.currency, rng: &planner.rng)
                planned.append(order)
            }
        }
        orders = keepCancellationsWithinStock(planned, catalog: catalog)
            .sorted { ($0.placedAt, $0.email) < ($1.placedAt, $1.email) }
        for index in orders.indices { orders[index].number = 1_001 + index }
        let writer = HistoryWriter(db: db, currency: store.currency)
        orderIDs = try orders.map { try writer.write($0) }
        try writeLedger(writer: writer)
    }

    /// Stock for the history: a restock before it of what the kept orders sold, so the catalog's stock
    /// today is what the sample file says; cancelled orders are written first while all that stock is there.
    private func writeLedger(writer: HistoryWriter) throws {
        let catalogWriter = CatalogWriter(db: db, now: now)
        var sold: [Int64: Int] = [:]
        for order in orders where order.status != .cancelled {
            for line in order.lines { sold[line.variantID, default: 0] += line.quantity }
        }
        for (variant, units) in sold.sorted(by: { $0.key < $1.key }) {
            try catalogWriter.recordStock(variant: variant, delta: units, reason: .restock, note: "stock received before the demo history",
                                          at: now - 181 * DemoOrderPlanner.day)
        }
        for (order, id) in zip(orders, orderIDs) where order.status == .cancelled {
            try writer.writeLedger(order, id: id, catalog: catalogWriter)
        }
        for (order, id) in zip(orders, orderIDs) where order.status != .cancelled {
            try writer.writeLedger(order, id: id, catalog: catalogWriter)
        }
    }

    /// Drops lines of cancelled orders that more stock than the variant ever had would be needed for
    /// (and orders left empty), so writing them never takes stock below zero.
    private func keepCancellationsWithinStock(_ planned: [HistoryOrder], catalog: CatalogSnapshot) -> [HistoryOrder] {
        var available: [Int64: Int] = [:]
        for product in catalog.products { for variant in product.variants { available[variant.id] = variant.stock } }
        for order in planned where order.status != .cancelled {
            for line in order.lines { available[line.variantID, default: 0] += line.quantity }
        }
        return planned.compactMap { order in
            guard order.status == .cancelled else { return order }
            var kept = order
            kept.lines = order.lines.filter { $0.quantity <= available[$0.variantID] ?? 0 }
            guard !kept.lines.isEmpty else { return nil }
            if kept.lines.count != order.lines.count {
                let ratio = Double(kept.subtotal) / Double(max(order.subtotal, 1))
                kept.discount = min(kept.subtotal, Int64((Double(order.discount) * ratio).rounded()))
                kept.tax = Int64((Double(order.tax) * ratio).rounded())
            }
            return kept
        }
    }

    /// Reviews from customers who bought (verified) and a few who did not, skewed positive.
    mutating func writeReviews() throws {
        var quality: [Int64: Int] = [:]
        var reviewed = Set<[Int64]>()
        let texts = DemoReviews.texts
        for order in orders where order.status == .delivered {
            guard let user = order.userID, let delivered = order.statuses.last?.at else { continue }
            for line in order.lines where rng.chance(0.3) && reviewed.insert([user, line.productID]).inserted {
                let bias = quality[line.productID] ?? (rng.chance(0.1) ? -2 : (rng.chance(0.1) ? -1 : 0))
                quality[line.productID] = bias
                let at = min(now - 60_000, delivered + Int64(rng.int(1...20)) * DemoOrderPlanner.day)
                try insertReview(product: line.productID, user: user, rating: DemoReviews.rating(quality: bias, rng: &rng),
                                 verified: true, at: at, texts: texts)
            }
        }
        // Some people review what they got elsewhere (a gift, a shop visit): not verified.
        let products = try db.all("SELECT id FROM products WHERE status = 'active' ORDER BY id") { $0.int64(0) }
        guard !products.isEmpty else { return }
        for customer in customers where rng.chance(0.12) {
            let product = rng.pick(products)
            guard reviewed.insert([customer.userID, product]).inserted else { continue }
            let at = now - Int64(rng.int(1...170)) * DemoOrderPlanner.day
            try insertReview(product: product, user: customer.userID, rating: DemoReviews.rating(quality: quality[product] ?? 0, rng: &rng),
                             verified: false, at: at, texts: texts)
        }
    }

    private mutating func insertReview(product: Int64, user: Int64, rating: Int, verified: Bool, at: Int64,
                                       texts: [Int: [(title: String, body: String)]]) throws {
        let text = rng.pick(texts[rating] ?? [("", "")])
        try db.execute("""
            INSERT INTO reviews(product_id, user_id, rating, title, body, verified, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, product, user, rating, text.title, text.body, verified, at, at)
        reviewCount += 1
    }
}
