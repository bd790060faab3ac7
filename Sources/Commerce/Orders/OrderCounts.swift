extension Orders {
    /// How many orders hold each status (every status present, 0 when none), read in one snapshot;
    /// each is a count over the `orders_status` index, never a read of the orders. Counted as `list`
    /// lists them (checkout attempts whose card was declined included). Staff only.
    public func countsByStatus(as caller: Caller) throws(CommerceError) -> [OrderStatus: Int] {
        try caller.require(.staff, to: "count orders")
        return try store.write(.deferred) {
            var counts: [OrderStatus: Int] = [:]
            for status in OrderStatus.allCases {
                counts[status] = Int(try store.db.scalarInt("SELECT count(*) FROM orders WHERE status = ?", status.rawValue) ?? 0)
            }
            return counts
        }
    }
}
