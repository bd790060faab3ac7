import Foundation

/// An order placed in this process, recorded so suggestions follow it before the next rebuild.
struct RecordedOrder: Sendable {
    let order: OrderID?
    let user: UserID?
    let email: String?
    let at: Int64
    let products: [ProductID]
}

/// The mutable side of the recommender, used from one thread at a time: the catalog, the purchase
/// log and cached content similarity it fits models from, and what it last read from the file.
struct RecommenderEngine {
    let configuration: RecommenderConfiguration
    private(set) var catalog = RecommenderCatalog()
    private(set) var log = CustomerLog(itemCount: 0)
    private var content: ItemNeighbours?
    private(set) var fingerprint: StoreFingerprint?
    /// The highest order id the log holds; recorded orders at or below it are already in.
    private var lastOrderID: Int64 = 0

    /// Content neighbours from an earlier model and the catalog signature they were fitted on.
    private var reusableContent: (signature: UInt64, neighbours: ItemNeighbours)?

    init(configuration: RecommenderConfiguration) { self.configuration = configuration }

    /// An engine that reuses `model`'s content similarity when the catalog it reads is the same.
    init(configuration: RecommenderConfiguration, reusingContentOf model: RecommenderModel?) {
        self.configuration = configuration
        reusableContent = model.map { ($0.catalogSignature, $0.contentNeighbours) }
    }

    /// Reads the catalog (when it changed) and every purchase from `db`, and fits a model.
    mutating func rebuild(from db: any SQLConnection) throws -> (RecommenderModel, [Bool]) {
        let (model, available) = try db.transaction(.deferred) { () throws -> (RecommenderModel, [Bool]) in
            let seen = try RecommenderSource.fingerprint(db)
            if fingerprint?.catalog != seen.catalog {
                catalog = try RecommenderSource.catalog(db)
                content = nil
                if let reusable = reusableContent, reusable.signature == catalog.signature { content = reusable.neighbours }
            }
            log = try RecommenderSource.purchases(db, catalog: catalog)
            lastOrderID = seen.orders.count > 1 ? seen.orders[1] : 0
            fingerprint = seen
            return (fit(), try RecommenderSource.availability(db, catalog: catalog))
        }
        return (model, available)
    }

    /// The availability of every known product, read again.
    func availability(from db: any SQLConnection) throws -> [Bool] {
        try RecommenderSource.availability(db, catalog: catalog)
    }

    /// True when orders or the catalog changed since the last rebuild.
    func needsRebuild(_ db: any SQLConnection) throws -> Bool {
        try RecommenderSource.fingerprint(db) != fingerprint
    }

    /// Adds orders placed in this process and fits again; orders the log already holds are skipped.
    /// Returns nil when none was new.
    mutating func apply(_ orders: [RecordedOrder]) -> RecommenderModel? {
        var changed = false
        for order in orders.sorted(by: { ($0.order?.rawValue ?? .max) < ($1.order?.rawValue ?? .max) }) {
            if let id = order.order?.rawValue {
                guard id > lastOrderID else { continue }
                lastOrderID = id
            }
            let customer: CustomerKey
            if let user = order.user {
                customer = .account(user.rawValue)
            } else if let email = order.email {
                customer = .email(email.lowercased())
            } else {
                customer = .email("guest-order-\(order.order?.rawValue ?? order.at)")
            }
            let items = order.products.compactMap { catalog.indexOfProduct[$0.rawValue] }
            guard !items.isEmpty else { continue }
            log.appendOrder(customer: customer, at: order.at, items: items)
            changed = true
        }
        return changed ? fit() : nil
    }

    /// Fits a model from the current log, keeping content similarity while the catalog is the same.
    private mutating func fit() -> RecommenderModel {
        let model = RecommenderModel.fit(catalog: catalog, log: log, content: content,
                                         configuration: configuration, now: configuration.now())
        content = model.contentNeighbours
        return model
    }
}
