/// What screens can reach while handling keys and drawing: the clock, toasts and animation.
@MainActor
public final class AppContext {
    /// Seconds since the app started (monotonic); set by the app before every frame.
    public var now: Double
    /// Messages shown briefly above the footer.
    public private(set) var toasts = ToastQueue()
    /// Set by animated widgets (spinners) while drawing, so the app redraws on every tick.
    public var wantsAnimation = false
    /// How long the latest frames took to draw; the app records one per frame.
    public internal(set) var frameTimes = FrameTimes()

    /// Creates a context; tests pass a fixed `now` for repeatable snapshots.
    public init(now: Double = 0) { self.now = now }

    /// Shows `message` for `seconds`.
    public func toast(_ message: String, kind: ToastKind = .info, seconds: Double = 3) {
        toasts.add(Toast(message: message, kind: kind, expires: now + seconds))
    }

    /// Drops expired toasts; true when any were dropped (the screen needs a redraw).
    func expireToasts() -> Bool { toasts.expire(at: now) }
}
