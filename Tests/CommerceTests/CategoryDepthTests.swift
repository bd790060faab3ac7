import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Category paths: a sane depth on import, and a tree of any depth in the database never overflows the stack.
@Suite struct CategoryDepthTests {
    @Test func aPathDeeperThan32LevelsIsAnIssueAtItsCell() throws {
        let store = try ImportFixtures.freshStore()
        let deep = (1...50_000).map { "Level \($0)" }.joined(separator: " > ")
        let csv = "Handle,Title,Product Category,Variant Price\nok,Ok,\((1...32).map { "L\($0)" }.joined(separator: " > ")),1\ndeep,Deep,\(deep),1\n"
        #expect(ImportFixtures.issues(csv, into: store).map(\.description)
                == ["3:3: Product Category: the category path has 50000 levels; at most 32 are allowed"])
        #expect(try ImportFixtures.count(store, "SELECT count(*) FROM categories") == 0)
    }

    @Test func everyAcceptedPathExportsAndImportsTheSame() throws {
        let store = try ImportFixtures.freshStore()
        let path = (1...32).map { "Étage \($0)" }.joined(separator: " > ")
        let csv = "Handle,Title,Product Category,Variant Price\nok,Ok,\(path),1\nmug,Mug,Home > Kitchen,2\n"
        try ImportFixtures.importText(csv, into: store)
        let exported = try store.shopifyExporter.exportText(by: .system)
        #expect(exported.contains(path))
        let second = try ImportFixtures.freshStore()
        try ImportFixtures.importText(exported, into: second)
        #expect(try second.shopifyExporter.exportText(by: .system) == exported)
        #expect(try ImportFixtures.count(second, "SELECT count(*) FROM categories") == 34)
        #expect(try ImportFixtures.importText(exported, into: store).productsUpdated == 0)
    }

    /// Written straight into the database (as a tampered or old file could hold it), 50,000 levels
    /// are laid out as a tree without recursion.
    @Test func aFiftyThousandLevelTreeIsLaidOutWithoutOverflowingTheStack() throws {
        let store = try ImportFixtures.freshStore()
        try store.db.transaction(.immediate) {
            try store.db.execute("INSERT INTO categories(id, parent_id, handle, name) VALUES (1, NULL, 'c1', 'Level 1')")
            for level in 2...50_000 {
                try store.db.execute("INSERT INTO categories(id, parent_id, handle, name) VALUES (?, ?, ?, ?)",
                                     level, level - 1, "c\(level)", "Level \(level)")
            }
            try store.db.execute("INSERT INTO products(handle, title, category_id, created_at, updated_at) VALUES ('leaf', 'Leaf', 50000, 0, 0)")
        }
        let nodes = try store.catalog.categories(caller: .guest(token: "g"))
        #expect(nodes.count == 50_000)
        #expect(nodes.first?.depth == 0 && nodes.last?.depth == 49_999)
        #expect(nodes.allSatisfy { $0.totalProductCount == 1 })
        #expect(nodes.last?.productCount == 1 && nodes.first?.productCount == 0)
        #expect(try store.catalog.rootCategories(caller: .guest(token: "g")).count == 1)
    }

    @Test func theTreeKeepsDepthFirstOrderAndTotals() throws {
        let store = try ImportFixtures.freshStore()
        let csv = "Handle,Title,Product Category,Variant Price\na,A,Home > Kitchen > Mugs,1\nb,B,Home > Bath,1\nc,C,Garden,1\nd,D,Home > Kitchen,1\n"
        try ImportFixtures.importText(csv, into: store)
        let nodes = try store.catalog.categories(caller: .guest(token: "g"))
        #expect(nodes.map { "\(String(repeating: ".", count: $0.depth))\($0.name) \($0.productCount)/\($0.totalProductCount)" }
                == ["Home 0/3", ".Kitchen 1/2", "..Mugs 1/1", ".Bath 1/1", "Garden 1/1"])
    }

    @Test func categoryNamesWithThePathSeparatorOrTooDeepAreRefusedByTheEditor() throws {
        let store = try ImportFixtures.freshStore()
        let editor = store.productEditor
        #expect(throws: CommerceError.self) { try editor.createCategory(name: "Home > Mugs", by: .system) }
        var parent = try editor.createCategory(name: "L1", by: .system)
        for level in 2...32 { parent = try editor.createCategory(name: "L\(level)", parent: parent, by: .system) }
        #expect(throws: CommerceError.invalid(field: "parent", reason: "categories may be at most 32 levels deep")) {
            try editor.createCategory(name: "L33", parent: parent, by: .system)
        }
    }
}
