extension Recommender {
    /// Makes this recommender learn every order `store` places in this process, as soon as it commits.
    public func observeOrders(of store: Store) {
        store.orderPlacedObservers.append { [self] notice in
            record(orderLines: notice.products, user: notice.user, at: notice.at, order: notice.order, email: notice.email)
        }
    }
}
