/// Purchases as parallel arrays of dense indices: one entry per (order, product), in the order they
/// happened. Users are numbered in order of first appearance and baskets (orders) likewise, so
/// appending new orders gives exactly the log a fresh load of the same history gives.
struct InteractionLog: Sendable, Equatable {
    /// The dense user of each entry.
    private(set) var users: [Int32] = []
    /// The dense product of each entry.
    private(set) var items: [Int32] = []
    /// The dense basket (order) of each entry.
    private(set) var baskets: [Int32] = []
    /// When each entry happened, milliseconds since the Unix epoch.
    private(set) var times: [Int64] = []
    /// How many products the dense item indices range over.
    let itemCount: Int
    /// How many users have appeared.
    private(set) var userCount = 0
    /// How many baskets have appeared.
    private(set) var basketCount = 0

    /// An empty log over `itemCount` products.
    init(itemCount: Int) { self.itemCount = itemCount }

    /// Number of entries.
    var count: Int { items.count }

    /// Reserves room for `capacity` entries.
    mutating func reserve(_ capacity: Int) {
        users.reserveCapacity(capacity)
        items.reserveCapacity(capacity)
        baskets.reserveCapacity(capacity)
        times.reserveCapacity(capacity)
    }

    /// A fresh basket number; call once per order before appending its lines.
    mutating func newBasket() -> Int32 {
        basketCount += 1
        return Int32(basketCount - 1)
    }

    /// A fresh user number; the caller keeps the mapping from its own user keys.
    mutating func newUser() -> Int32 {
        userCount += 1
        return Int32(userCount - 1)
    }

    /// Appends one purchase. `item` must be below `itemCount`, `user` and `basket` already issued.
    mutating func append(user: Int32, item: Int32, basket: Int32, time: Int64) {
        users.append(user)
        items.append(item)
        baskets.append(basket)
        times.append(time)
    }

    /// The latest time in the log, or nil when it is empty.
    var latestTime: Int64? { times.max() }
}

/// A key for the customer behind an order: their account, or their email for a guest checkout.
enum CustomerKey: Hashable, Sendable {
    case account(Int64)
    case email(String)
}

/// An interaction log together with the map from customers to its dense users.
struct CustomerLog: Sendable, Equatable {
    /// The entries.
    var log: InteractionLog
    /// Dense user of each customer seen so far.
    private(set) var userOf: [CustomerKey: Int32] = [:]
    /// The account behind each dense user, or nil for a guest.
    private(set) var accountOf: [Int64?] = []

    /// An empty log over `itemCount` products.
    init(itemCount: Int) { log = InteractionLog(itemCount: itemCount) }

    /// Appends one order: its customer, time and the dense products on its lines (repeats kept).
    mutating func appendOrder(customer: CustomerKey, at time: Int64, items: [Int32]) {
        guard !items.isEmpty else { return }
        let user: Int32
        if let known = userOf[customer] {
            user = known
        } else {
            user = log.newUser()
            userOf[customer] = user
            if case .account(let id) = customer { accountOf.append(id) } else { accountOf.append(nil) }
        }
        let basket = log.newBasket()
        for item in items { log.append(user: user, item: item, basket: basket, time: time) }
    }
}
