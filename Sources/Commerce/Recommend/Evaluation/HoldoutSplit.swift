/// Interactions split per user by time: the last 20% of each user's interactions (at least one)
/// are held out; users with fewer than two interactions only train.
struct HoldoutSplit {
    /// Share of each user's interactions held out.
    static let holdoutShare = 0.2

    /// The training purchases as a log over dense items.
    let train: CustomerLog
    /// Per dense training user: the distinct held-out items they had not bought in training.
    let relevant: [Int32: Set<Int32>]
    /// Users whose held-out items were all bought before (nothing new to find).
    let usersWithNothingNew: Int
    /// Interactions held out.
    let heldOut: Int

    /// Splits `events` over items numbered by `itemIndex` (events with unknown items are dropped).
    init(events: [RawInteraction], itemIndex: [String: Int32], itemCount: Int) {
        var byUser: [String: [Int]] = [:]
        for (index, event) in events.enumerated() where itemIndex[event.item] != nil {
            byUser[event.user, default: []].append(index)
        }
        var trainEvents: [Int] = []
        var testEvents: [String: [Int]] = [:]
        for (user, indexes) in byUser {
            let ordered = indexes.sorted { (events[$0].time, $0) < (events[$1].time, $1) }
            guard ordered.count >= 2 else {
                trainEvents += ordered
                continue
            }
            let held = min(ordered.count - 1, max(1, Int((Double(ordered.count) * HoldoutSplit.holdoutShare).rounded())))
            trainEvents += ordered.dropLast(held)
            testEvents[user] = Array(ordered.suffix(held))
        }
        // Training entries in time order, so users and baskets are numbered as a store load numbers them.
        trainEvents.sort { a, b in
            let (x, y) = (events[a], events[b])
            return (x.time, x.basket ?? -1, x.user, a) < (y.time, y.basket ?? -1, y.user, b)
        }
        var log = CustomerLog(itemCount: itemCount)
        var position = 0
        while position < trainEvents.count {
            let first = events[trainEvents[position]]
            var items: [Int32] = []
            var end = position
            while end < trainEvents.count {
                let event = events[trainEvents[end]]
                guard event.user == first.user, event.time == first.time, event.basket == first.basket else { break }
                if let item = itemIndex[event.item] { items.append(item) }
                end += 1
            }
            log.appendOrder(customer: .email(first.user), at: first.time, items: items)
            position = end
        }
        train = log
        var relevant: [Int32: Set<Int32>] = [:]
        var nothingNew = 0
        let histories = PurchaseHistory(log: log.log)
        for (user, indexes) in testEvents {
            guard let dense = log.userOf[.email(user)] else { continue }
            let owned = Set(histories.items[histories.range(Int(dense))])
            let new = Set(indexes.compactMap { itemIndex[events[$0].item] }).subtracting(owned)
            if new.isEmpty { nothingNew += 1 } else { relevant[dense] = new }
        }
        self.relevant = relevant
        usersWithNothingNew = nothingNew
        heldOut = testEvents.values.reduce(0) { $0 + $1.count }
    }
}
