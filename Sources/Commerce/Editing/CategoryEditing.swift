import Foundation

extension ProductEditor {
    /// Creates a category under `parent` (nil for a top-level one). The handle is made from the name
    /// unless given; sibling names must differ.
    public func createCategory(name: String, parent: CategoryID? = nil, handle: String? = nil,
                               by caller: Caller) throws(CommerceError) -> CategoryID {
        try caller.require(.staff, to: "edit products")
        let name = name.trimmedText
        guard !name.isEmpty else { throw .invalid(field: "name", reason: "is required") }
        try check("name", CatalogRules.categoryNameProblem(name))
        if let handle { try check("handle", CatalogRules.handleProblem(handle)) }
        return try store.write {
            var parentHandle = ""
            if let parent {
                try requireCategory(parent)
                parentHandle = try db.scalarString("SELECT handle FROM categories WHERE id = ?", parent) ?? ""
                if try CatalogWriter(db: db, now: store.clock.now()).categoryPath(of: parent.rawValue).count >= CatalogRules.maxCategoryDepth {
                    throw CommerceError.invalid(field: "parent", reason: "categories may be at most \(CatalogRules.maxCategoryDepth) levels deep")
                }
            }
            try requireFreeCategoryName(name, parent: parent, except: nil)
            let writer = CatalogWriter(db: db, now: store.clock.now())
            let chosen: String
            if let handle {
                if try db.scalarInt("SELECT 1 FROM categories WHERE handle = ?", handle) != nil {
                    throw CommerceError.conflict("handle: the category handle \"\(handle)\" is already used")
                }
                chosen = handle
            } else {
                chosen = try writer.freeCategoryHandle(name: name, parentHandle: parentHandle)
            }
            let position = try db.scalarInt("SELECT coalesce(max(position), 0) + 1 FROM categories WHERE parent_id IS NOT DISTINCT FROM ?", parent) ?? 1
            let id = try db.insert("INSERT INTO categories(parent_id, handle, name, position) VALUES (?, ?, ?, ?)",
                           parent, chosen, name, position)
            try store.audit.record(caller, action: "category.create", entity: "category", entityID: id,
                                   detail: ["name": name, "handle": chosen, "parent": parent.map { String($0.rawValue) } ?? ""])
            return CategoryID(id)
        }
    }

    /// Renames a category; its handle stays, so links keep working.
    public func renameCategory(_ id: CategoryID, to name: String, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        let name = name.trimmedText
        guard !name.isEmpty else { throw .invalid(field: "name", reason: "is required") }
        try check("name", CatalogRules.categoryNameProblem(name))
        try store.write {
            guard let parent = try db.first("SELECT parent_id FROM categories WHERE id = ?", id, map: { $0.optionalInt64(0) }) else {
                throw CommerceError.notFound("no category with id \(id)")
            }
            try requireFreeCategoryName(name, parent: parent.map { CategoryID($0) }, except: id)
            try db.execute("UPDATE categories SET name = ? WHERE id = ?", name, id)
            try store.audit.record(caller, action: "category.rename", entity: "category", entityID: id.rawValue, detail: ["name": name])
        }
    }

    /// Moves a category (with its subtree) under `parent`, or to the top level when nil.
    /// A category cannot move under itself or its own descendants.
    public func moveCategory(_ id: CategoryID, under parent: CategoryID?, by caller: Caller) throws(CommerceError) {
        try caller.require(.staff, to: "edit products")
        try store.write {
            guard let name = try db.scalarString("SELECT name FROM categories WHERE id = ?", id) else {
                throw CommerceError.notFound("no category with id \(id)")
            }
            if let parent {
                try requireCategory(parent)
                var cursor: Int64? = parent.rawValue
                var steps = 0
                while let current = cursor, steps < 1_000 {
                    if current == id.rawValue {
                        throw CommerceError.invalid(field: "parent", reason: "a category cannot move under itself or one of its subcategories")
                    }
                    cursor = try db.first("SELECT parent_id FROM categories WHERE id = ?", current, map: { $0.optionalInt64(0) }) ?? nil
                    steps += 1
                }
            }
            try requireFreeCategoryName(name, parent: parent, except: id)
            let position = try db.scalarInt("SELECT coalesce(max(position), 0) + 1 FROM categories WHERE parent_id IS NOT DISTINCT FROM ?", parent) ?? 1
            try db.execute("UPDATE categories SET parent_id = ?, position = ? WHERE id = ?", parent, position, id)
            try store.audit.record(caller, action: "category.move", entity: "category", entityID: id.rawValue,
                                   detail: ["parent": parent.map { String($0.rawValue) } ?? "top level"])
        }
    }

    /// Deletes a category. Its products move to its parent (or become uncategorised when it is a
    /// top-level one) and its subcategories move up to its parent, keeping their own products.
    /// Refused when a subcategory's name is already taken among the parent's categories.
    @discardableResult
    public func deleteCategory(_ id: CategoryID, by caller: Caller) throws(CommerceError) -> CategoryDeletion {
        try caller.require(.staff, to: "edit products")
        return try store.write {
            guard let row = try db.first("SELECT name, parent_id FROM categories WHERE id = ?", id,
                                         map: { ($0.string(0), $0.optionalInt64(1)) }) else {
                throw CommerceError.notFound("no category with id \(id)")
            }
            let parent = row.1.map { CategoryID($0) }
            let children = try db.all("SELECT id, name FROM categories WHERE parent_id = ? ORDER BY position, name, id", id) {
                ($0.int64(0), $0.string(1))
            }
            for child in children where try db.scalarInt(
                "SELECT 1 FROM categories WHERE parent_id IS NOT DISTINCT FROM ? AND lower(name) = lower(?) AND id <> ?", parent, child.1, id) != nil {
                throw CommerceError.conflict("name: the subcategory \"\(child.1)\" cannot move up because a category with that name "
                                             + "already exists there; rename or move it first")
            }
            try db.execute("UPDATE products SET category_id = ? WHERE category_id = ?", parent, id)
            let products = db.changes
            var position = try db.scalarInt("SELECT coalesce(max(position), 0) FROM categories WHERE parent_id IS NOT DISTINCT FROM ?", parent) ?? 0
            for child in children {
                position += 1
                try db.execute("UPDATE categories SET parent_id = ?, position = ? WHERE id = ?", parent, position, child.0)
            }
            try db.execute("DELETE FROM categories WHERE id = ?", id)
            try store.audit.record(caller, action: "category.delete", entity: "category", entityID: id.rawValue,
                                   detail: ["name": row.0, "parent": parent.map { String($0.rawValue) } ?? "top level",
                                            "products moved": String(products), "subcategories moved": String(children.count)])
            return CategoryDeletion(name: row.0, parent: parent, productsMoved: products, subcategoriesMoved: children.count)
        }
    }

    private func requireFreeCategoryName(_ name: String, parent: CategoryID?, except id: CategoryID?) throws {
        if let other = try db.scalarInt("SELECT id FROM categories WHERE parent_id IS NOT DISTINCT FROM ? AND lower(name) = lower(?)", parent, name),
           other != id?.rawValue {
            throw CommerceError.conflict("name: a category called \"\(name)\" already exists there")
        }
    }
}
