/// What a screen asks the app to do after a key or command.
@MainActor
public enum ScreenAction {
    /// Handled; redraw.
    case handled
    /// Not handled; the app may apply its global keys (`?`, `q`, Esc).
    case ignored
    /// Show `screen` on top of this one.
    case push(any Screen)
    /// Close this screen and return to the one below.
    case pop
    /// Replace this screen with another.
    case replace(any Screen)
    /// Leave the app.
    case quit
}

/// A screen: a title, a key table and a way to draw itself. Screens are classes that keep their
/// own view state and are shown by an `App` from a stack.
///
/// ```swift
/// final class Products: Screen {
///     enum Command { case up, down, open }
///     let title = "Products"
///     let keyMap: KeyMap<Command> = [
///         KeyBinding([.up, .char("k")], "↑/k", help: "Previous", command: .up),
///         KeyBinding([.down, .char("j")], "↓/j", help: "Next", command: .down),
///         KeyBinding([.enter], help: "Open", command: .open),
///     ]
///     let products: [Product]
///     let list = ListState()
///
///     func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
///         let inside = surface.box(rect, title: "Products")
///         ListView(count: products.count, state: list) { ListRow(products[$0].title, detail: products[$0].price) }
///             .draw(into: surface, in: inside)
///     }
///
///     func perform(_ command: Command, context: AppContext) -> ScreenAction {
///         switch command {
///         case .up: list.move(by: -1, count: products.count)
///         case .down: list.move(by: 1, count: products.count)
///         case .open: return .push(ProductDetail(products[list.selected]))
///         }
///         return .handled
///     }
/// }
/// ```
///
/// Before each key and each frame the app calls `prepare(context:)`. Keys reach a screen in this order: ctrl-c always quits and F1 always opens help, as does `?`
/// unless a text field with text in it has focus; then `handle(key:context:)` sees the raw key
/// (text fields take typed characters here); then the key map's command goes to `perform`;
/// finally the app's own keys apply: `q` quit (outside text fields), Esc back.
@MainActor
public protocol Screen: AnyObject {
    /// The commands this screen's key map produces.
    associatedtype Command

    /// Shown in the title bar.
    var title: String { get }
    /// Keys, their help texts and their commands.
    var keyMap: KeyMap<Command> { get }
    /// Below this size the app shows "terminal too small" instead of the screen.
    var minimumSize: Size { get }
    /// Overlays (dialogs, help) are drawn on top of the screen below them.
    var isOverlay: Bool { get }
    /// True while a text field has focus: the app then leaves `q` (and `?`, unless the field is
    /// empty) to the screen, and the footer offers F1 and ctrl-c instead.
    var isEditingText: Bool { get }
    /// True when the focused text field is empty, so `?` opens help instead of typing a "?".
    var isFocusedTextEmpty: Bool { get }
    /// Lines the help overlay shows below the keys (how to get started, say).
    var helpNotes: [String] { get }

    /// Brings the screen's data up to date (after a change here or elsewhere). The app calls it
    /// before every key and every frame, so a key that follows another at once (typed quickly,
    /// or arriving in one burst over SSH) sees what the first key led to, drawn or not.
    func prepare(context: AppContext)
    /// Draws the screen into `rect` of `surface`.
    func draw(into surface: any Surface, in rect: Rect, context: AppContext)
    /// Sees every key first; return nil to let the key map decide.
    func handle(key: Key, context: AppContext) -> ScreenAction?
    /// Runs a command from the key map.
    func perform(_ command: Command, context: AppContext) -> ScreenAction
    /// Called about every poll interval while idle; return true if outside data changed and the
    /// screen should be redrawn.
    func poll(context: AppContext) -> Bool
}

extension Screen {
    /// 40×10 unless a screen needs more.
    public var minimumSize: Size { Size(width: 40, height: 10) }
    /// Full screens by default.
    public var isOverlay: Bool { false }
    /// No text field by default.
    public var isEditingText: Bool { false }
    /// A focused text field is taken to hold text unless the screen says otherwise.
    public var isFocusedTextEmpty: Bool { false }
    /// No notes by default.
    public var helpNotes: [String] { [] }
    /// Nothing to load by default.
    public func prepare(context: AppContext) {}
    /// Lets the key map decide by default.
    public func handle(key: Key, context: AppContext) -> ScreenAction? { nil }
    /// Nothing to poll by default.
    public func poll(context: AppContext) -> Bool { false }

    /// Dispatches `key`: raw handler first, then the key map.
    func dispatch(_ key: Key, context: AppContext) -> ScreenAction {
        if let action = handle(key: key, context: context) { return action }
        if let command = keyMap.command(for: key) { return perform(command, context: context) }
        return .ignored
    }

    /// The key map's hints, type-erased.
    var hints: [KeyHint] { keyMap.hints }
}

/// A screen with no commands of its own (for overlays that only use `handle(key:context:)`).
public enum NoCommand {}
