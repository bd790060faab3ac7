/// Copies one table's rows from one connection to another, a page at a time: rows are read in key
/// order after the last key copied (so a page costs the same at any depth) and written as multi-row
/// INSERTs with every value bound.
struct TableCopier {
    let source: any SQLConnection
    let target: any SQLConnection
    /// Values bound per INSERT at most: under SQLite's default limit (32,766) and PostgreSQL's (65,535).
    static let valuesPerStatement = 16_000
    /// Rows per page at most.
    static let rowsPerPage = 500

    /// Copies `table`'s `columns`; returns the number of rows copied.
    func copy(_ table: ShopTables.Copied, columns: [String]) throws -> Int64 {
        let keyIndexes = table.key.compactMap { columns.firstIndex(of: $0) }
        guard keyIndexes.count == table.key.count else {
            throw DatabaseError(code: 1, message: "table \(table.name) has no column \(table.key.joined(separator: ", ")) to read it in order by")
        }
        let pageSize = max(1, min(Self.rowsPerPage, Self.valuesPerStatement / max(1, columns.count)))
        let list = columns.map(sqlIdentifier).joined(separator: ", ")
        let order = table.key.map(sqlIdentifier).joined(separator: ", ")
        let first = "SELECT \(list) FROM \(sqlIdentifier(table.name)) ORDER BY \(order) LIMIT \(pageSize)"
        let after = table.key.count == 1
            ? "\(order) > ?"
            : "(\(order)) > (\(Array(repeating: "?", count: table.key.count).joined(separator: ", ")))"
        let next = "SELECT \(list) FROM \(sqlIdentifier(table.name)) WHERE \(after) ORDER BY \(order) LIMIT \(pageSize)"
        if table.parent != nil {
            return try copyParentsFirst(table, columns: columns, first: first, next: next, keyIndexes: keyIndexes)
        }
        var copied: Int64 = 0
        var lastKey: [SQLValue]? = nil
        while true {
            let page = try read(lastKey == nil ? first : next, values: lastKey ?? [], width: columns.count)
            guard let last = page.last else { break }
            try insert(page, into: table.name, columns: columns)
            copied += Int64(page.count)
            lastKey = keyIndexes.map { last[$0] }
            if page.count < pageSize { break }
        }
        return copied
    }

    /// A table whose rows refer to each other (categories and their parents): read whole (such tables are
    /// small), then written so each row comes after the row it refers to, as the foreign key requires.
    private func copyParentsFirst(_ table: ShopTables.Copied, columns: [String], first: String, next: String,
                                  keyIndexes: [Int]) throws -> Int64 {
        guard let parent = table.parent, let parentIndex = columns.firstIndex(of: parent), keyIndexes.count == 1 else {
            throw DatabaseError(code: 1, message: "table \(table.name) has no single key and \(table.parent ?? "") column to order its rows by")
        }
        var rows: [[SQLValue]] = []
        var lastKey: [SQLValue]? = nil
        while true {
            let page = try read(lastKey == nil ? first : next, values: lastKey ?? [], width: columns.count)
            guard let last = page.last else { break }
            rows += page
            lastKey = keyIndexes.map { last[$0] }
        }
        var written = Set<SQLValue>()
        var pending = rows
        var copied: Int64 = 0
        while !pending.isEmpty {
            let ready = pending.filter { $0[parentIndex] == .null || written.contains($0[parentIndex]) }
            guard !ready.isEmpty else {
                throw DatabaseError(code: 1, message: "\(pending.count) rows of \(table.name) refer to parents that are missing or form a cycle")
            }
            for start in stride(from: 0, to: ready.count, by: Self.rowsPerPage) {
                try insert(Array(ready[start..<min(start + Self.rowsPerPage, ready.count)]), into: table.name, columns: columns)
            }
            ready.forEach { written.insert($0[keyIndexes[0]]) }
            pending.removeAll { written.contains($0[keyIndexes[0]]) }
            copied += Int64(ready.count)
        }
        return copied
    }

    /// The rows of one page, each as its values in column order.
    private func read(_ sql: String, values: [SQLValue], width: Int) throws -> [[SQLValue]] {
        try source.all(sql, values: values.map { $0 as SQLBindable? }) { row in (0..<width).map { row.value($0) } }
    }

    /// Writes `rows` with one INSERT.
    private func insert(_ rows: [[SQLValue]], into table: String, columns: [String]) throws {
        guard !rows.isEmpty else { return }
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let sql = "INSERT INTO \(sqlIdentifier(table)) (\(columns.map(sqlIdentifier).joined(separator: ", "))) VALUES "
            + Array(repeating: tuple, count: rows.count).joined(separator: ", ")
        try target.execute(sql, values: rows.flatMap { $0 }.map { $0 as SQLBindable? })
    }
}
