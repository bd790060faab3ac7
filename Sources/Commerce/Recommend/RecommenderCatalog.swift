/// The products and categories the recommender knows, as dense arrays: product `i` is the i-th
/// lowest product id, so ordering by dense index is ordering by id.
struct RecommenderCatalog: Sendable, Equatable {
    /// Product ids, ascending.
    var productIDs: [Int64] = []
    /// URL-safe names, in step with `productIDs`.
    var handles: [String] = []
    /// Display titles.
    var titles: [String] = []
    /// Vendors.
    var vendors: [String] = []
    /// Tags of each product.
    var tags: [[String]] = []
    /// Dense category of each product, or -1 when it has none.
    var productCategory: [Int32] = []
    /// Category ids, ascending.
    var categoryIDs: [Int64] = []
    /// Category handles.
    var categoryHandles: [String] = []
    /// Category names.
    var categoryNames: [String] = []
    /// Dense parent of each category, or -1 for a root.
    var categoryParents: [Int32] = []
    /// Dense index of each product id.
    var indexOfProduct: [Int64: Int32] = [:]
    /// Dense index of each category id.
    var indexOfCategory: [Int64: Int32] = [:]

    /// Number of products.
    var count: Int { productIDs.count }

    /// Appends a category; categories must come in ascending id order, parents resolved afterwards.
    mutating func appendCategory(id: Int64, handle: String, name: String) {
        indexOfCategory[id] = Int32(categoryIDs.count)
        categoryIDs.append(id)
        categoryHandles.append(handle)
        categoryNames.append(name)
        categoryParents.append(-1)
    }

    /// Sets the parent of the category with id `id`.
    mutating func setParent(of id: Int64, to parent: Int64?) {
        guard let child = indexOfCategory[id], let parent, let index = indexOfCategory[parent], index != child else { return }
        categoryParents[Int(child)] = index
    }

    /// Appends a product; products must come in ascending id order.
    mutating func appendProduct(id: Int64, handle: String, title: String, vendor: String, category: Int64?, tags: [String]) {
        indexOfProduct[id] = Int32(productIDs.count)
        productIDs.append(id)
        handles.append(handle)
        titles.append(title)
        vendors.append(vendor)
        self.tags.append(tags)
        productCategory.append(category.flatMap { indexOfCategory[$0] } ?? -1)
    }

    /// The category and those above it, the category itself first; stops on a cycle.
    func categoryChain(_ category: Int32) -> [Int32] {
        var chain: [Int32] = []
        var current = category
        while current >= 0 && chain.count < 64 && !chain.contains(current) {
            chain.append(current)
            current = categoryParents[Int(current)]
        }
        return chain
    }

    /// A hash of every field content similarity and the serving catalog read (FNV-1a over them).
    var signature: UInt64 {
        var hash = SignatureHash()
        for id in productIDs { hash.add(id) }
        for category in productCategory { hash.add(Int64(category)) }
        for parent in categoryParents { hash.add(Int64(parent)) }
        for id in categoryIDs { hash.add(id) }
        for strings in [handles, titles, vendors, categoryHandles, categoryNames] {
            for string in strings { hash.add(string) }
        }
        for list in tags {
            hash.add(Int64(list.count))
            for tag in list { hash.add(tag) }
        }
        return hash.value
    }
}

/// FNV-1a over integers and strings (strings with their length, so boundaries count).
struct SignatureHash {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ number: Int64) {
        var bits = UInt64(bitPattern: number)
        for _ in 0..<8 {
            value = (value ^ (bits & 0xff)) &* 0x100_0000_01b3
            bits >>= 8
        }
    }

    mutating func add(_ string: String) {
        add(Int64(string.utf8.count))
        for byte in string.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
    }
}
