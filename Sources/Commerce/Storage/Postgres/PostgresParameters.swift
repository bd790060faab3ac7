import CLibPQ

/// Values bound to a statement's `$n` parameters, laid out as libpq takes them — never spliced into SQL.
/// Integers go as `int8` and reals as `float8` (text form, exact); text goes untyped so PostgreSQL gives
/// it the type its context needs (as SQLite's affinity would); bytes go as binary `bytea`; NULL untyped.
struct PostgresParameters {
    /// Each parameter's type OID (0: let the server infer it).
    let types: [Oid]
    /// The type OIDs as one string, part of a prepared statement's cache key.
    let signature: String
    private let storage: [UInt8]
    private let offsets: [Int?]
    private let lengths: [Int32]
    private let formats: [Int32]

    var count: Int { types.count }

    /// Lays out `values`; throws for text PostgreSQL cannot store.
    init(_ values: [SQLBindable?], sql: String) throws(DatabaseError) {
        var types: [Oid] = []
        var storage: [UInt8] = []
        var offsets: [Int?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for (position, value) in values.enumerated() {
            let type: Oid
            var bytes: [UInt8]? = nil
            var binary = false
            switch value?.sqlValue ?? .null {
            case .null:
                type = 0
            case .integer(let number):
                type = PostgresType.int8
                bytes = Array(String(number).utf8)
            case .real(let number):
                type = PostgresType.float8
                bytes = Array(Self.text(of: number).utf8)
            case .text(let text):
                if text.utf8.contains(0) {
                    throw DatabaseError(sqlState: PostgresErrorCodes.characterNotInRepertoire,
                                        message: "value \(position + 1) is text with a NUL character, which PostgreSQL cannot store",
                                        sql: sql)
                }
                type = 0
                bytes = Array(text.utf8)
            case .blob(let blob):
                type = PostgresType.bytea
                bytes = blob
                binary = true
            }
            types.append(type)
            formats.append(binary ? 1 : 0)
            if let bytes {
                offsets.append(storage.count)
                lengths.append(Int32(clamping: bytes.count))
                storage.append(contentsOf: bytes)
                if !binary { storage.append(0) }  // text parameters are C strings
            } else {
                offsets.append(nil)
                lengths.append(0)
            }
        }
        // A trailing byte keeps the buffer's address non-nil, so an empty bytea is sent as empty, not NULL.
        storage.append(0)
        self.types = types
        self.signature = types.map(String.init).joined(separator: ",")
        self.storage = storage
        self.offsets = offsets
        self.lengths = lengths
        self.formats = formats
    }

    /// Calls `body` with the arrays `PQexecParams` / `PQexecPrepared` take, valid only during the call.
    func withArrays<T>(_ body: (_ values: [UnsafePointer<CChar>?], _ lengths: [Int32], _ formats: [Int32]) -> T) -> T {
        storage.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let pointers: [UnsafePointer<CChar>?] = offsets.map { offset in offset.flatMap { base?.advanced(by: $0) } }
            return body(pointers, lengths, formats)
        }
    }

    /// A `float8` in the text form PostgreSQL reads back to the same bits.
    static func text(of number: Double) -> String {
        if number.isNaN { return "NaN" }
        if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
        return "\(number)"
    }
}
