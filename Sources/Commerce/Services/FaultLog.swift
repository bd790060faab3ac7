/// Faults — failures that are the shop's, not the user's — go to `curio.log` at level "error",
/// where the back office's System screen lists them; a user's own mistakes (a bad field, a declined
/// card, a wrong password) are answered on screen and are not logged as errors.
extension CommerceError {
    /// Whether staff need to hear of this error: a database failure or a payment service that did not answer.
    public var isFault: Bool {
        switch self {
        case .storage, .paymentUnavailable: return true
        case .forbidden, .signInRequired, .notFound, .invalid, .conflict, .outOfStock, .signInFailed,
             .throttled, .discountRefused, .notAllowed, .paymentDeclined: return false
        }
    }
}

extension EventLog {
    /// Writes `error` at level "error" as `event` (with its kind and message) when it is a fault;
    /// returns whether a line was written.
    @discardableResult
    public func fault(_ error: CommerceError, event: String, _ fields: [String: Any] = [:]) -> Bool {
        guard error.isFault else { return false }
        var object = fields
        object["kind"] = error.kind
        object["message"] = error.description
        write(event, level: "error", object)
        return true
    }
}
