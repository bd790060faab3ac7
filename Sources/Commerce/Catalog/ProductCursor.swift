import Foundation

/// Where the next page of a product list starts: the sort keys and id of the last row shown.
///
/// Its `token` is opaque to callers: base64url (no padding) of
/// `v1;SORT;KEY…;ID`, where SORT is the `ProductSort` raw value, each integer key is written
/// `i<decimal>` and a relevance score `r<hex digits of the Double's bit pattern>` (exact).
/// Relevance cursors carry the id bound of their ranking window, then the score.
public struct ProductCursor: Sendable, Hashable, CustomStringConvertible {
    /// The order this cursor belongs to.
    let sort: ProductSort
    /// The last row's sort keys, as `.integer` or `.real`.
    let keys: [SQLValue]
    /// The last row's product id.
    let id: Int64

    init(sort: ProductSort, keys: [SQLValue], id: Int64) {
        self.sort = sort
        self.keys = keys
        self.id = id
    }

    /// Reads a cursor from its token; `.invalid(field: "cursor")` when it is not one.
    public init(token: String) throws(CommerceError) {
        let refused = CommerceError.invalid(field: "cursor", reason: "not a cursor from a previous page")
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard token.count <= 512, let data = Data(base64Encoded: base64),
              let text = String(data: data, encoding: .utf8) else { throw refused }
        let parts = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, parts[0] == "v1", let sort = ProductSort(rawValue: parts[1]),
              parts.count == sort.cursorKeyCount + 3, let id = Int64(parts[parts.count - 1]) else { throw refused }
        var keys: [SQLValue] = []
        for part in parts[2..<(parts.count - 1)] {
            guard let key = Self.decodeKey(part) else { throw refused }
            keys.append(key)
        }
        self.init(sort: sort, keys: keys, id: id)
    }

    /// The text to hand back to get the next page.
    public var token: String {
        let text = (["v1", sort.rawValue] + keys.map(Self.encodeKey) + [String(id)]).joined(separator: ";")
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    public var description: String { token }

    private static func encodeKey(_ value: SQLValue) -> String {
        switch value {
        case .real(let number): return "r" + String(number.bitPattern, radix: 16)
        case .integer(let number): return "i" + String(number)
        case .null, .text, .blob: return "i0"
        }
    }

    private static func decodeKey(_ text: String) -> SQLValue? {
        let body = String(text.dropFirst())
        switch text.first {
        case "i": return Int64(body).map(SQLValue.integer)
        case "r": return UInt64(body, radix: 16).map { .real(Double(bitPattern: $0)) }
        default: return nil
        }
    }
}
