/// Anything that draws itself into a rectangle of a surface. Widgets are small value types built
/// fresh for each frame from the screen's state.
@MainActor
public protocol Widget {
    /// Draws into `rect` of `surface`.
    func draw(into surface: any Surface, in rect: Rect)
}
