/// Each customer's own purchases: distinct products with how many orders held them and when last,
/// most often bought first, then most recent, then lowest id (the "buy again" order).
struct PurchaseHistory: Sendable, Equatable {
    /// Where each user's products start; one more entry than there are users.
    let offsets: FlatArray<Int>
    /// The products.
    let items: FlatArray<Int32>
    /// Orders that held each product.
    let counts: FlatArray<Int32>
    /// When each product was last bought.
    let lastTimes: FlatArray<Int64>

    /// Histories read from a model file.
    init(offsets: FlatArray<Int>, items: FlatArray<Int32>, counts: FlatArray<Int32>, lastTimes: FlatArray<Int64>) {
        self.offsets = offsets
        self.items = items
        self.counts = counts
        self.lastTimes = lastTimes
    }

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
        items.reserveCapacity(log.count)
        counts.reserveCapacity(log.count)
        lastTimes.reserveCapacity(log.count)
        var group: [(item: Int32, count: Int32, last: Int64)] = []
        for user in 0..<log.userCount {
            // The user's entries by product; entries of one product in one basket are one purchase.
            let mine = entries[starts[user]..<starts[user + 1]].sorted {
                (log.items[$0], log.baskets[$0]) < (log.items[$1], log.baskets[$1])
            }
            group.removeAll(keepingCapacity: true)
            var previous: (item: Int32, basket: Int32) = (-1, -1)
            for entry in mine {
                let item = log.items[entry], basket = log.baskets[entry], time = log.times[entry]
                if item != previous.item {
                    group.append((item, 1, time))
                } else {
                    let last = group.count - 1
                    if basket != previous.basket { group[last].count += 1 }
                    group[last].last = max(group[last].last, time)
                }
                previous = (item, basket)
            }
            group.sort { a, b in
                if a.count != b.count { return a.count > b.count }
                if a.last != b.last { return a.last > b.last }
                return a.item < b.item
            }
            for entry in group {
                items.append(entry.item)
                counts.append(entry.count)
                lastTimes.append(entry.last)
            }
            offsets.append(items.count)
        }
        self.offsets = FlatArray(offsets)
        self.items = FlatArray(items)
        self.counts = FlatArray(counts)
        self.lastTimes = FlatArray(lastTimes)
    }

    /// Up to `limit` of `user`'s products, most recently bought first (ties by lower id).
    func recent(_ user: Int, limit: Int) -> [Int32] {
        let range = range(user)
        guard range.count > limit else { return Array(items[range]) }
        return range.sorted { lastTimes[$0] != lastTimes[$1] ? lastTimes[$0] > lastTimes[$1] : items[$0] < items[$1] }
            .prefix(limit).map { items[$0] }
    }
}
