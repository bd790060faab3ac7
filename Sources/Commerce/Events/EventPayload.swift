import Foundation

/// One value of an event's JSON payload. Nested objects and arrays are kept only as `.nested`.
public enum PayloadValue: Sendable, Equatable, Decodable {
    /// A JSON string.
    case string(String)
    /// A JSON number without a fraction that fits in 64 bits.
    case integer(Int64)
    /// Any other JSON number.
    case number(Double)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An object or an array (not looked into).
    case nested

    /// Decodes whichever scalar the JSON holds; objects and arrays become `.nested`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else { self = .nested }
    }
}

/// The JSON object an outbox event carries, with typed look-ups. See `EventContract` for the fields.
public struct EventPayload: Sendable, Equatable {
    /// The top-level fields of the payload.
    public let fields: [String: PayloadValue]

    /// A payload from its fields.
    public init(fields: [String: PayloadValue]) { self.fields = fields }

    /// Parses a payload from the outbox's JSON text; anything but a JSON object gives an empty payload.
    public init(json: String) {
        let decoded = try? JSONDecoder().decode([String: PayloadValue].self, from: Data(json.utf8))
        self.fields = decoded ?? [:]
    }

    /// The field as text: a string as is, a number in decimal; nil when missing or null.
    public func string(_ key: String) -> String? {
        switch fields[key] {
        case .string(let value): return value
        case .integer(let value): return String(value)
        case .number(let value): return String(value)
        default: return nil
        }
    }

    /// The field as a whole number: an integer, or a string of digits; nil otherwise.
    public func int(_ key: String) -> Int64? {
        switch fields[key] {
        case .integer(let value): return value
        case .string(let value): return Int64(value.trimmingCharacters(in: .whitespaces))
        case .number(let value): return value == value.rounded() && abs(value) < 9e15 ? Int64(value) : nil
        default: return nil
        }
    }

    /// The field as text, or `.badPayload` naming the missing field.
    public func requireString(_ key: String, in kind: EventKind) throws(DeliveryError) -> String {
        guard let value = string(key), !value.isEmpty else { throw .badPayload(kind: kind, field: key) }
        return value
    }

    /// The field as a whole number, or `.badPayload` naming the missing field.
    public func requireInt(_ key: String, in kind: EventKind) throws(DeliveryError) -> Int64 {
        guard let value = int(key) else { throw .badPayload(kind: kind, field: key) }
        return value
    }
}
