/// Each customer's own purchases: distinct products with how many orders held them and when last,
/// most often bought first, then most recent, then lowest id (the "buy again" order).
struct PurchaseHistory: Sendable, Equatable {
    /// Where each user's products start; one more entry than there are users.
    let offsets: [Int]
    /// The products.
    let items: [Int32]
    /// Orders that held each product.
    let counts: [Int32]
    /// When each product was last bought.
    let lastTimes: [Int64]

    /// The storage positions of `user`'s purchases.
    func range(_ user: Int) -> Range<Int> { offsets[user]..<offsets[user + 1] }

    /// The histories of every user in `log`.
    init(log: InteractionLog) {
        var starts = [Int](repeating: 0, count: log.userCount + 1)
        for user in log.users { starts[Int(user) + 1] += 1 }
        for index in 0..<log.userCount { starts[index + 1] += starts[index] }
        var cursor = starts
        var entries = [Int](repeating: 0, count: log.count)
        for index in 0..<log.count {
            let user = Int(log.users[index])
            entries[cursor[user]] = index
            cursor[user] += 1
        }
        var offsets = [0]
        var items: [Int32] = [], counts: [Int32] = [], lastTimes: [Int64] = []
        for user in 0..<log.userCount {
            var seen: [Int32: (count: Int32, last: Int64, basket: Int32)] = [:]
            for entry in entries[starts[user]..<starts[user + 1]] {
                let item = log.items[entry], basket = log.baskets[entry], time = log.times[entry]
                if let known = seen[item] {
                    // Two lines of one order (two variants) are one purchase.
                    let more: Int32 = known.basket == basket ? 0 : 1
                    seen[item] = (known.count + more, max(known.last, time), basket)
                } else {
                    seen[item] = (1, time, basket)
                }
            }
            let ordered = seen.sorted { a, b in
                if a.value.count != b.value.count { return a.value.count > b.value.count }
                if a.value.last != b.value.last { return a.value.last > b.value.last }
                return a.key < b.key
            }
            for (item, value) in ordered {
                items.append(item)
                counts.append(value.count)
                lastTimes.append(value.last)
            }
            offsets.append(items.count)
        }
        self.offsets = offsets
        self.items = items
        self.counts = counts
        self.lastTimes = lastTimes
    }

    /// Up to `limit` of `user`'s products, most recently bought first (ties by lower id).
    func recent(_ user: Int, limit: Int) -> [Int32] {
        let range = range(user)
        guard range.count > limit else { return Array(items[range]) }
        return range.sorted { lastTimes[$0] != lastTimes[$1] ? lastTimes[$0] > lastTimes[$1] : items[$0] < items[$1] }
            .prefix(limit).map { items[$0] }
    }
}
