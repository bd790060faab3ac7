/// An activity spinner. Its frame follows `AppContext.now`, and drawing it asks the app to keep
/// redrawing on each poll tick while it is visible.
public struct Spinner: Widget {
    /// Clock and animation flag.
    public var context: AppContext
    /// Text after the spinner.
    public var label: String
    /// Frames per second.
    public var speed: Double

    /// Creates a spinner.
    public init(context: AppContext, label: String = "", speed: Double = 8) {
        self.context = context
        self.label = label
        self.speed = speed
    }

    /// Draws the current frame and the label.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        context.wantsAnimation = true
        let frames = surface.glyphs.spinnerFrames
        let frame = frames[Int(max(0, context.now) * speed) % frames.count]
        surface.put(String(frame), at: Point(x: rect.x, y: rect.y), style: .accent)
        if !label.isEmpty { surface.put(" " + label, at: Point(x: rect.x + 1, y: rect.y), style: .muted, maxWidth: rect.width - 1) }
    }
}
