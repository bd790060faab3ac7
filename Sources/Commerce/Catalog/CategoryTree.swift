/// The category tree: roots, children, breadcrumbs and descendants. Categories are public to
/// every caller; product counts include active products the shop shows only (what shoppers can see).
extension Catalog {
    /// Every category reachable from a root, in tree order (depth first, by position then name).
    /// The store keeps the last tree and reads it again only when the listing changed (see `ListingVersion`).
    public func categories(caller: Caller) throws(CommerceError) -> [CategoryNode] {
        // Inside a transaction its own changes may not be counted yet (PostgreSQL bumps the catalog
        // counter at commit), so the tree is read afresh there.
        let outside = db.isAutocommit
        return try store.read { () throws -> [CategoryNode] in
            guard outside else { return try categoryTree() }
            let version = try ListingVersion.current(db)
            if let cached = store.categoryTree, cached.version == version { return cached.nodes }
            let nodes = try categoryTree()
            store.categoryTree = (version, nodes)
            return nodes
        }
    }

    /// The top-level categories in order.
    public func rootCategories(caller: Caller) throws(CommerceError) -> [CategoryNode] {
        try categories(caller: caller).filter { $0.parentID == nil }
    }

    /// The direct children of `parent` in order.
    public func children(of parent: CategoryID, caller: Caller) throws(CommerceError) -> [CategoryNode] {
        try categories(caller: caller).filter { $0.parentID == parent }
    }

    /// The category with this handle; `.notFound` when there is none.
    public func category(handle: String, caller: Caller) throws(CommerceError) -> CategoryNode {
        guard let node = try categories(caller: caller).first(where: { $0.handle == handle }) else {
            throw .notFound("no category with handle '\(handle)'")
        }
        return node
    }

    /// The breadcrumb to `category`: its root first, the category itself last.
    public func categoryPath(to category: CategoryID, caller: Caller) throws(CommerceError) -> [CategorySummary] {
        let path = try store.read { try categoryPath(category) }
        guard !path.isEmpty else { throw .notFound("no category with id \(category)") }
        return path
    }

    /// The category and every category below it, at any depth.
    public func categoryAndDescendants(of category: CategoryID, caller: Caller) throws(CommerceError) -> [CategoryID] {
        let ids = try store.read {
            try db.all("""
                WITH RECURSIVE below(id) AS (
                    SELECT id FROM categories WHERE id = ?
                    UNION SELECT k.id FROM categories k JOIN below ON k.parent_id = below.id)
                SELECT id FROM below ORDER BY id
                """, category) { CategoryID($0.int64(0)) }
        }
        guard !ids.isEmpty else { throw .notFound("no category with id \(category)") }
        return ids
    }

    /// The breadcrumb to `category`, root first; empty when it does not exist. Stops on a cycle.
    func categoryPath(_ category: CategoryID) throws -> [CategorySummary] {
        try db.all("""
            WITH RECURSIVE above(id, parent_id, handle, name, depth) AS (
                SELECT id, parent_id, handle, name, 0 FROM categories WHERE id = ?
                UNION ALL
                SELECT k.id, k.parent_id, k.handle, k.name, above.depth + 1
                FROM categories k JOIN above ON k.id = above.parent_id WHERE above.depth < 64)
            SELECT id, handle, name FROM above ORDER BY depth DESC
            """, category) { CategorySummary(id: CategoryID($0.int64(0)), handle: $0.string(1), name: $0.string(2)) }
    }

    /// Loads all categories and active-product counts, and lays them out depth first.
    private func categoryTree() throws -> [CategoryNode] {
        struct Raw { let id: Int64; let parent: Int64?; let handle: String; let name: String; let position: Int }
        let raws = try db.all("SELECT id, parent_id, handle, name, position FROM categories ORDER BY position, name, id") {
            Raw(id: $0.int64(0), parent: $0.optionalInt64(1), handle: $0.string(2), name: $0.string(3), position: $0.int(4))
        }
        var direct: [Int64: Int] = [:]
        // Counted along products_listed_category, a partial index of listed products only, already in
        // category order (every session's first frame pays for this; the table is never read).
        try db.forEach("""
            SELECT category_id, count(*) FROM products \(db.dialect.indexHint("products_listed_category"))
            WHERE status = 'active' AND published = 1 AND category_id IS NOT NULL GROUP BY category_id
            """) { direct[$0.int64(0)] = $0.int(1) }
        let children = Dictionary(grouping: raws, by: \.parent)
        // Depth first from the roots with a stack of our own, never the call stack: a tree of any depth
        // (even 50,000 levels written straight into the database) is laid out without overflowing it.
        // `visited` guards against a cycle in parent links.
        var order: [(raw: Raw, depth: Int, parent: Int?)] = []
        var visited: Set<Int64> = []
        var stack: [(raw: Raw, depth: Int, parent: Int?)] = children[nil, default: []].reversed().map { ($0, 0, nil) }
        while let next = stack.popLast() {
            guard visited.insert(next.raw.id).inserted else { continue }
            let slot = order.count
            order.append(next)
            for child in children[next.raw.id, default: []].reversed() { stack.append((child, next.depth + 1, slot)) }
        }
        // Totals bottom-up: every category comes after its parent in `order`, so walking it backwards
        // adds each subtree's total to its parent once the subtree is complete.
        var totals = order.map { direct[$0.raw.id] ?? 0 }
        for slot in order.indices.reversed() {
            if let parent = order[slot].parent { totals[parent] += totals[slot] }
        }
        return order.indices.map { slot in
            let raw = order[slot].raw
            return CategoryNode(id: CategoryID(raw.id), parentID: raw.parent.map { CategoryID($0) }, handle: raw.handle,
                                name: raw.name, position: raw.position, depth: order[slot].depth,
                                productCount: direct[raw.id] ?? 0, totalProductCount: totals[slot])
        }
    }
}
