/// Why a subscriber could not handle an event.
public enum DeliveryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The payload lacks a field the subscriber needs; the event's writer must be fixed. Not retried.
    case badPayload(kind: EventKind, field: String)
    /// The event refers to a row that does not exist. Not retried.
    case missingRow(String)
    /// Retrying cannot help (an address that is not an email address …). Not retried.
    case permanent(String)
    /// A temporary failure (a full disk, a folder not yet writable); retried with backoff.
    case temporary(String)

    /// True when the dispatcher should give up at once instead of retrying.
    public var isPermanent: Bool {
        if case .temporary = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case .badPayload(let kind, let field):
            return "\(kind.rawValue) payload has no usable \"\(field)\" field (see EventContract)"
        case .missingRow(let what): return "\(what) does not exist"
        case .permanent(let why): return why
        case .temporary(let why): return why
        }
    }
}
