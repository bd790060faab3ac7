/// The screens an `App` shows, bottom to top. The top screen gets the keys; overlays on top are
/// drawn above the nearest full screen below them.
@MainActor
public struct ScreenStack {
    /// Screens from bottom (root) to top.
    public private(set) var screens: [any Screen]

    /// Creates a stack holding `root`.
    public init(root: any Screen) { screens = [root] }

    /// The screen that receives keys.
    public var top: any Screen { screens[screens.count - 1] }
    /// Number of screens.
    public var depth: Int { screens.count }

    /// Shows `screen` above the others.
    public mutating func push(_ screen: any Screen) { screens.append(screen) }

    /// Removes the top screen; the root is never removed. Returns false at the root.
    @discardableResult
    public mutating func pop() -> Bool {
        guard screens.count > 1 else { return false }
        screens.removeLast()
        return true
    }

    /// Replaces the top screen.
    public mutating func replace(with screen: any Screen) { screens[screens.count - 1] = screen }

    /// The screens to draw: the topmost full screen and every overlay above it.
    public var visible: ArraySlice<any Screen> {
        let base = screens.lastIndex { !$0.isOverlay } ?? 0
        return screens[base...]
    }

    /// The largest minimum size among the visible screens.
    public var minimumSize: Size {
        visible.reduce(Size(width: 0, height: 0)) {
            Size(width: max($0.width, $1.minimumSize.width), height: max($0.height, $1.minimumSize.height))
        }
    }
}
