import CLibPQ

/// PostgreSQL type OIDs the reader treats specially (from `pg_type`; fixed since PostgreSQL 7).
enum PostgresType {
    static let bool: Oid = 16
    static let bytea: Oid = 17
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let text: Oid = 25
    static let oid: Oid = 26
    static let float4: Oid = 700
    static let float8: Oid = 701
    static let numeric: Oid = 1700
}

/// One row of a PostgreSQL result in text format, read with SQLite's conversions so a service sees the
/// same values on both backends: `true`/`false` read as 1/0 (and as "1"/"0" text), a `numeric` with no
/// fraction (what `sum(bigint)` returns) reads as an integer, a real truncates to an integer.
struct PostgresCells {
    /// The `PGresult`, owned by the connection until the closure reading the row returns.
    let result: OpaquePointer
    let row: Int32

    var count: Int { Int(PQnfields(result)) }

    func isNull(_ index: Int) -> Bool { PQgetisnull(result, row, Int32(index)) == 1 }

    func columnName(_ index: Int) -> String {
        guard let name = PQfname(result, Int32(index)) else { return "" }
        return String(cString: name)
    }

    private func type(_ index: Int) -> Oid { PQftype(result, Int32(index)) }

    /// The cell's text exactly as the server sent it ("" for NULL or a column that is not there).
    private func raw(_ index: Int) -> String {
        let column = Int32(index)
        guard index >= 0, column < PQnfields(result), let pointer = PQgetvalue(result, row, column) else { return "" }
        let length = Int(PQgetlength(result, row, column))
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
            String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
        }
    }

    func int64(_ index: Int) -> Int64 {
        if isNull(index) { return 0 }
        let text = raw(index)
        switch type(index) {
        case PostgresType.bool: return text == "t" ? 1 : 0
        case PostgresType.bytea: return 0
        default:
            if let exact = Int64(text) { return exact }
            return Self.truncated(Double(text) ?? 0)
        }
    }

    func double(_ index: Int) -> Double {
        if isNull(index) { return 0 }
        let text = raw(index)
        switch type(index) {
        case PostgresType.bool: return text == "t" ? 1 : 0
        case PostgresType.bytea: return 0
        default: return Double(text) ?? 0
        }
    }

    func string(_ index: Int) -> String {
        if isNull(index) { return "" }
        switch type(index) {
        case PostgresType.bool: return raw(index) == "t" ? "1" : "0"
        case PostgresType.bytea: return String(decoding: bytes(index), as: UTF8.self)
        default: return raw(index)
        }
    }

    func bytes(_ index: Int) -> [UInt8] {
        if isNull(index) { return [] }
        guard type(index) == PostgresType.bytea else { return Array(raw(index).utf8) }
        guard let escaped = PQgetvalue(result, row, Int32(index)) else { return [] }
        var length = 0
        // Decodes both of the server's bytea text forms (hex and the old escape format).
        guard let decoded = escaped.withMemoryRebound(to: UInt8.self, capacity: 1, { PQunescapeBytea($0, &length) }) else {
            return []
        }
        defer { PQfreemem(decoded) }
        return [UInt8](UnsafeBufferPointer(start: decoded, count: length))
    }

    func value(_ index: Int) -> SQLValue {
        if isNull(index) { return .null }
        switch type(index) {
        case PostgresType.int2, PostgresType.int4, PostgresType.int8, PostgresType.oid, PostgresType.bool:
            return .integer(int64(index))
        case PostgresType.float4, PostgresType.float8:
            return .real(double(index))
        case PostgresType.numeric:
            let text = raw(index)
            if let exact = Int64(text) { return .integer(exact) }
            return .real(Double(text) ?? 0)
        case PostgresType.bytea:
            return .blob(bytes(index))
        default:
            return .text(raw(index))
        }
    }

    /// A real as SQLite converts it to an integer: truncated toward zero, saturating, NaN as 0.
    static func truncated(_ value: Double) -> Int64 {
        if value.isNaN { return 0 }
        if value >= 9_223_372_036_854_775_807.0 { return .max }
        if value <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(value)
    }
}
