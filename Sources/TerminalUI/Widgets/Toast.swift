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

/// The toasts currently on screen, oldest first (at most three are kept).
public struct ToastQueue: Sendable {
    private var items: [Toast] = []
    /// Creates an empty queue.
    public init() {}
    /// Adds a toast, dropping the oldest beyond three.
    public mutating func add(_ toast: Toast) {
        items.append(toast)
        if items.count > 3 { items.removeFirst(items.count - 3) }
    }
    /// Removes expired toasts; true if any were removed.
    public mutating func expire(at now: Double) -> Bool {
        let before = items.count
        items.removeAll { $0.expires <= now }
        return items.count != before
    }
    /// Toasts still showing at `now`.
    public func active(at now: Double) -> [Toast] { items.filter { $0.expires > now } }
}

/// Draws toasts right-aligned at the bottom of a rectangle, newest lowest.
public struct ToastView: Widget {
    /// Toasts to draw.
    public var toasts: [Toast]
    /// Creates the view.
    public init(toasts: [Toast]) { self.toasts = toasts }

    /// Draws each toast as a highlighted one-line badge.
    public func draw(into surface: any Surface, in rect: Rect) {
        for (i, toast) in toasts.reversed().enumerated() where i < rect.height {
            let text = " " + TextLayout.truncate(toast.message.sanitizedForTerminal, toWidth: max(1, rect.width - 4), ellipsis: surface.glyphs.ellipsis) + " "
            let width = DisplayWidth.of(text)
            let role: Role = switch toast.kind { case .info: .accent; case .success: .success; case .error: .error }
            surface.put(text, at: Point(x: rect.maxX - width - 1, y: rect.maxY - 1 - i), style: Style(role, [.reverse, .bold]))
        }
    }
}
