import CSQLite

/// One result row, valid only inside the closure it is passed to. Reads the same way from either
/// backend: a column converts between integer, real, text and bytes as SQLite converts them.
public struct Row {
    /// Where the row's cells live.
    enum Source {
        /// A SQLite statement positioned on the row.
        case sqlite(OpaquePointer)
        /// A row of a PostgreSQL result.
        case postgres(PostgresCells)
    }

    let source: Source

    /// A row of a SQLite statement that has just stepped onto it.
    init(handle: OpaquePointer) { source = .sqlite(handle) }

    /// A row of a PostgreSQL result.
    init(postgres cells: PostgresCells) { source = .postgres(cells) }

    /// Number of columns in the row.
    public var count: Int {
        switch source {
        case .sqlite(let handle): return Int(sqlite3_column_count(handle))
        case .postgres(let cells): return cells.count
        }
    }

    /// True when column `index` is NULL.
    public func isNull(_ index: Int) -> Bool {
        switch source {
        case .sqlite(let handle): return sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
        case .postgres(let cells): return cells.isNull(index)
        }
    }

    /// Column `index` as an integer (NULL reads as 0).
    public func int64(_ index: Int) -> Int64 {
        switch source {
        case .sqlite(let handle): return sqlite3_column_int64(handle, Int32(index))
        case .postgres(let cells): return cells.int64(index)
        }
    }

    /// Column `index` as an `Int` (NULL reads as 0).
    public func int(_ index: Int) -> Int { Int(int64(index)) }

    /// Column `index` as a Boolean (non-zero is true).
    public func bool(_ index: Int) -> Bool { int64(index) != 0 }

    /// Column `index` as a floating-point number.
    public func double(_ index: Int) -> Double {
        switch source {
        case .sqlite(let handle): return sqlite3_column_double(handle, Int32(index))
        case .postgres(let cells): return cells.double(index)
        }
    }

    /// Column `index` as text (NULL reads as the empty string).
    public func string(_ index: Int) -> String {
        switch source {
        case .sqlite(let handle):
            let i = Int32(index)
            guard let pointer = sqlite3_column_text(handle, i) else { return "" }
            let length = Int(sqlite3_column_bytes(handle, i))
            return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
        case .postgres(let cells):
            return cells.string(index)
        }
    }

    /// Column `index` as text, or nil when NULL.
    public func optionalString(_ index: Int) -> String? { isNull(index) ? nil : string(index) }

    /// Column `index` as an integer, or nil when NULL.
    public func optionalInt64(_ index: Int) -> Int64? { isNull(index) ? nil : int64(index) }

    /// Column `index` as bytes (NULL reads as empty).
    public func bytes(_ index: Int) -> [UInt8] {
        switch source {
        case .sqlite(let handle):
            let i = Int32(index)
            let length = Int(sqlite3_column_bytes(handle, i))
            guard length > 0, let pointer = sqlite3_column_blob(handle, i) else { return [] }
            return [UInt8](UnsafeRawBufferPointer(start: pointer, count: length))
        case .postgres(let cells):
            return cells.bytes(index)
        }
    }

    /// Column `index` as whichever storage class it holds.
    public func value(_ index: Int) -> SQLValue {
        switch source {
        case .sqlite(let handle):
            switch sqlite3_column_type(handle, Int32(index)) {
            case SQLITE_INTEGER: return .integer(int64(index))
            case SQLITE_FLOAT: return .real(double(index))
            case SQLITE_TEXT: return .text(string(index))
            case SQLITE_BLOB: return .blob(bytes(index))
            default: return .null
            }
        case .postgres(let cells):
            return cells.value(index)
        }
    }

    /// The name of column `index` as the SQL gave it.
    public func columnName(_ index: Int) -> String {
        switch source {
        case .sqlite(let handle):
            guard let name = sqlite3_column_name(handle, Int32(index)) else { return "" }
            return String(cString: name)
        case .postgres(let cells):
            return cells.columnName(index)
        }
    }
}
