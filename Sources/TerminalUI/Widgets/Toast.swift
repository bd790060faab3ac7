/// What a toast is about; picks its colour.
public enum ToastKind: Sendable, Hashable {
    /// Neutral information.
    case info
    /// Something succeeded.
    case success
    /// Something failed.
    case error
}

/// A short message that disappears on its own.
public struct Toast: Sendable, Hashable {
    /// The text.
    public var message: String
    /// Its kind.
    public var kind: ToastKind
    /// When it disappears, in `AppContext.now` seconds.
    public var expires: Double
    /// Creates a toast.
    public init(message: String, kind: ToastKind = .info, expires: Double) {
        self.message = message
        self.kind = kind
        self.expires = expires
    }
}

/// The message on screen: one at a time, a new one replacing the last.
public struct ToastQueue: Sendable {
    private var current: Toast?
    /// Creates an empty queue.
    public init() {}
    /// Shows `toast` in place of the one before.
    public mutating func add(_ toast: Toast) { current = toast }
    /// Removes an expired toast; true if one was removed.
    public mutating func expire(at now: Double) -> Bool {
        guard let toast = current, toast.expires <= now else { return false }
        current = nil
        return true
    }
    /// The toast still showing at `now`, if any.
    public func active(at now: Double) -> Toast? { current.flatMap { $0.expires > now ? $0 : nil } }
}
