import Foundation

/// Stable JSON for scripts: sorted keys, pretty-printed, no escaped slashes.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

extension JSONOutput {
    /// One value as compact JSON on one line (sorted keys), for streamed arrays.
    static func line<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A JSON array written one element at a time, so it needs no more memory than one element:
/// `start`, then `element` for each, then `end`.
struct JSONArrayStream {
    private var empty = true

    /// The opening bracket.
    let start = "["

    /// The next element on its own line, with the comma before it when needed.
    mutating func element<T: Encodable>(_ value: T) throws -> String {
        defer { empty = false }
        return (empty ? "\n" : ",\n") + (try JSONOutput.line(value))
    }

    /// The closing bracket and a newline.
    var end: String { empty ? "]\n" : "\n]\n" }
}
