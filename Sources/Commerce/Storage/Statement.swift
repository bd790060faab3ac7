import CSQLite

/// SQLite's "copy this buffer now" destructor marker.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement, owned and cached by one `Database`.
final class Statement {
    let handle: OpaquePointer
    let sql: String
    let parameterCount: Int32

    init(handle: OpaquePointer, sql: String) {
        self.handle = handle
        self.sql = sql
        self.parameterCount = sqlite3_bind_parameter_count(handle)
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds `values` to parameters 1...n, checking that the count matches the SQL.
    func bind(_ values: [SQLBindable?], connection: OpaquePointer) throws(DatabaseError) {
        guard values.count == Int(parameterCount) else {
            throw DatabaseError(
                code: SQLITE_RANGE,
                message: "statement takes \(parameterCount) parameters but \(values.count) were given",
                sql: sql)
        }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let rc: Int32
            switch value?.sqlValue ?? .null {
            case .null:
                rc = sqlite3_bind_null(handle, index)
            case .integer(let v):
                rc = sqlite3_bind_int64(handle, index, v)
            case .real(let v):
                rc = sqlite3_bind_double(handle, index, v)
            case .text(let v):
                // The length is given in bytes, so text with embedded NULs survives intact.
                rc = sqlite3_bind_text64(handle, index, v, UInt64(v.utf8.count), sqliteTransient, UInt8(SQLITE_UTF8))
            case .blob(let bytes):
                rc = bytes.withUnsafeBytes { raw in
                    // An empty blob must still be a blob, not NULL: bind a zero-length blob.
                    raw.count == 0
                        ? sqlite3_bind_zeroblob(handle, index, 0)
                        : sqlite3_bind_blob64(handle, index, raw.baseAddress, UInt64(raw.count), sqliteTransient)
                }
            }
            if rc != SQLITE_OK {
                throw DatabaseError(code: rc, message: String(cString: sqlite3_errmsg(connection)), sql: sql)
            }
        }
    }

    /// Returns the statement to a clean state for its next use.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }
}

/// One result row, valid only inside the closure it is passed to.
public struct Row {
    let handle: OpaquePointer

    /// Number of columns in the row.
    public var count: Int { Int(sqlite3_column_count(handle)) }

    /// True when column `index` is NULL.
    public func isNull(_ index: Int) -> Bool {
        sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL
    }

    /// Column `index` as an integer (NULL reads as 0).
    public func int64(_ index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

    /// Column `index` as an `Int` (NULL reads as 0).
    public func int(_ index: Int) -> Int { Int(sqlite3_column_int64(handle, Int32(index))) }

    /// Column `index` as a Boolean (non-zero is true).
    public func bool(_ index: Int) -> Bool { sqlite3_column_int64(handle, Int32(index)) != 0 }

    /// Column `index` as a floating-point number.
    public func double(_ index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }

    /// Column `index` as text (NULL reads as the empty string).
    public func string(_ index: Int) -> String {
        let i = Int32(index)
        guard let pointer = sqlite3_column_text(handle, i) else { return "" }
        let length = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    /// Column `index` as text, or nil when NULL.
    public func optionalString(_ index: Int) -> String? { isNull(index) ? nil : string(index) }

    /// Column `index` as an integer, or nil when NULL.
    public func optionalInt64(_ index: Int) -> Int64? { isNull(index) ? nil : int64(index) }

    /// Column `index` as bytes (NULL reads as empty).
    public func bytes(_ index: Int) -> [UInt8] {
        let i = Int32(index)
        let length = Int(sqlite3_column_bytes(handle, i))
        guard length > 0, let pointer = sqlite3_column_blob(handle, i) else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: length))
    }

    /// Column `index` as whichever storage class it holds.
    public func value(_ index: Int) -> SQLValue {
        switch sqlite3_column_type(handle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(double(index))
        case SQLITE_TEXT: return .text(string(index))
        case SQLITE_BLOB: return .blob(bytes(index))
        default: return .null
        }
    }

    /// The name of column `index` as the SQL gave it.
    public func columnName(_ index: Int) -> String {
        guard let name = sqlite3_column_name(handle, Int32(index)) else { return "" }
        return String(cString: name)
    }
}
