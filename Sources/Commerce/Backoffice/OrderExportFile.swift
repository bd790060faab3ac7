import Foundation

extension DataExport {
    /// Writes the orders matching `filter` and `include` (oldest first) as CSV to `path`, a file the
    /// staff member named (relative to the current folder), through `OutputFile`: the target is
    /// replaced only when every row was written. Returns how many orders were written. Staff only.
    /// A folder that does not exist or a file that cannot be written is an error about the field `path`.
    public func writeOrdersCSV(_ filter: OrderExportFilter, including include: (OrderExportRow) -> Bool = { _ in true },
                               to path: String, as caller: Caller) throws(CommerceError) -> Int {
        try caller.require(.staff, to: "export orders")
        let path = path.trimmingCharacters(in: .whitespaces)
        guard !path.isEmpty, path != "-" else { throw .invalid(field: "path", reason: "enter a file name, like orders.csv") }
        let folder = (path as NSString).deletingLastPathComponent
        var isFolder: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue {
            throw .invalid(field: "path", reason: "there is no folder \"\(folder)\"; name a file in a folder that exists")
        }
        let file: OutputFile
        do { file = try OutputFile(path: path) } catch { throw .invalid(field: "path", reason: error.description) }
        var count = 0
        var failure: OutputFileError?
        do { try file.write(SpreadsheetCell.csvRecord(OrderExportRow.columns)) } catch { failure = error }
        try orders(filter, as: caller) { row in
            guard failure == nil, include(row) else { return }
            do throws(OutputFileError) { try file.write(SpreadsheetCell.csvRecord(row.cells)) } catch { failure = error }
            count += 1
        }
        do throws(OutputFileError) {
            if let failure { throw failure }
            try file.commit()
        } catch {
            file.discard()
            throw .invalid(field: "path", reason: error.description)
        }
        return count
    }
}
