/// A refusal or failure from a `Commerce` service, with a message a shopper or staff member can act on.
public enum CommerceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The caller's role does not allow this.
    case forbidden(String)
    /// The caller must sign in first.
    case signInRequired(String)
    /// Nothing with that name or number exists.
    case notFound(String)
    /// An input field is wrong; `field` names it and `reason` says why.
    case invalid(field: String, reason: String)
    /// The change clashes with existing data (a handle or email already used).
    case conflict(String)
    /// Not enough stock for what was asked.
    case outOfStock(item: String, available: Int)
    /// Sign-in failed; deliberately does not say whether the email exists.
    case signInFailed
    /// Too many failed attempts; try again after the given number of seconds.
    case throttled(retryAfterSeconds: Int)
    /// A discount code was refused, with the reason in words.
    case discountRefused(String)
    /// The request cannot be done in the current state (an illegal order move, an empty cart).
    case notAllowed(String)
    /// The payment was refused; the message says why in words and what to do.
    case paymentDeclined(String)
    /// The payment service did not answer; the order is kept pending and placing it again finishes it.
    case paymentUnavailable(String)
    /// The database failed underneath.
    case storage(DatabaseError)

    /// A stable machine-readable name of the case, for JSON errors ("outOfStock", "paymentDeclined" …).
    public var kind: String {
        switch self {
        case .forbidden: return "forbidden"
        case .signInRequired: return "signInRequired"
        case .notFound: return "notFound"
        case .invalid: return "invalid"
        case .conflict: return "conflict"
        case .outOfStock: return "outOfStock"
        case .signInFailed: return "signInFailed"
        case .throttled: return "throttled"
        case .discountRefused: return "discountRefused"
        case .notAllowed: return "notAllowed"
        case .paymentDeclined: return "paymentDeclined"
        case .paymentUnavailable: return "paymentUnavailable"
        case .storage: return "storage"
        }
    }

    public var description: String {
        switch self {
        case .forbidden(let why): return "not allowed: \(why)"
        case .signInRequired(let why): return why
        case .notFound(let what): return what
        case .invalid(let field, let reason): return "\(field): \(reason)"
        case .conflict(let what): return what
        case .outOfStock(let item, let available):
            return available == 0 ? "\(item) is sold out" : "only \(available) of \(item) left in stock"
        case .signInFailed: return "email or password is not right"
        case .throttled(let seconds): return "too many failed attempts; try again in \(seconds) s"
        case .discountRefused(let why): return why
        case .notAllowed(let why): return why
        case .paymentDeclined(let why): return why
        case .paymentUnavailable(let why): return why
        case .storage(let error): return "database error: \(error.message)"
        }
    }
}
