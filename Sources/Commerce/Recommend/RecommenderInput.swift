/// A catalog and purchase history given in memory instead of read from a shop (benchmarks, tests,
/// tools). Add categories, then products in ascending id order, then orders in the order they were placed.
public struct RecommenderInput: Sendable {
    var catalog = RecommenderCatalog()
    var log = CustomerLog(itemCount: 0)
    private var pendingParents: [(Int64, Int64?)] = []

    /// An empty input.
    public init() {}

    /// Adds a category; `parent` may be added later.
    public mutating func addCategory(id: CategoryID, parent: CategoryID?, handle: String, name: String) throws(CommerceError) {
        guard catalog.categoryIDs.last.map({ $0 < id.rawValue }) ?? true else {
            throw .invalid(field: "category", reason: "add categories in ascending id order (\(id) came after a higher id)")
        }
        catalog.appendCategory(id: id.rawValue, handle: handle, name: name)
        pendingParents.append((id.rawValue, parent?.rawValue))
    }

    /// Adds a product; products must come in ascending id order and before any order.
    public mutating func addProduct(id: ProductID, handle: String, title: String, vendor: String = "",
                                    category: CategoryID? = nil, tags: [String] = []) throws(CommerceError) {
        guard catalog.productIDs.last.map({ $0 < id.rawValue }) ?? true else {
            throw .invalid(field: "product", reason: "add products in ascending id order (\(id) came after a higher id)")
        }
        guard log.log.count == 0 else { throw .invalid(field: "product", reason: "add every product before the first order") }
        catalog.appendProduct(id: id.rawValue, handle: handle, title: title, vendor: vendor, category: category?.rawValue, tags: tags)
    }

    /// Adds an order by `user` at `time` (ms since the Unix epoch); lines naming unknown products are skipped.
    public mutating func addOrder(user: UserID, at time: Int64, products: [ProductID]) {
        if log.log.itemCount != catalog.count { log = CustomerLog(itemCount: catalog.count) }
        log.appendOrder(customer: .account(user.rawValue), at: time,
                        items: products.compactMap { catalog.indexOfProduct[$0.rawValue] })
    }

    /// Purchases added so far.
    public var interactionCount: Int { log.log.count }

    /// Fits a model as of `now`; `previous` lends its content similarity when it was fitted on the same catalog.
    public func fit(configuration: RecommenderConfiguration = RecommenderConfiguration(), now: Int64? = nil,
                    reusingContentOf previous: RecommenderModel? = nil) -> RecommenderModel {
        var catalog = self.catalog
        for (child, parent) in pendingParents { catalog.setParent(of: child, to: parent) }
        var log = self.log
        if log.log.itemCount != catalog.count { log = CustomerLog(itemCount: catalog.count) }
        let content = previous.flatMap { $0.catalogSignature == catalog.signature ? $0.contentNeighbours : nil }
        return RecommenderModel.fit(catalog: catalog, log: log, content: content, configuration: configuration,
                                    now: now ?? configuration.now())
    }
}
