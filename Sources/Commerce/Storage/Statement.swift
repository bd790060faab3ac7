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
