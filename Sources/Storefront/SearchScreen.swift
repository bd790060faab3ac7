import Commerce
import TerminalUI

/// Search as you type: every edit runs the prefix search; when nothing matches, a "did you mean"
/// line offers the corrected query (Tab takes it). ↑↓ choose a result, Enter opens it.
final class SearchScreen: Screen {
    enum Command { case move, open, suggestion }

    let title = "Search"
    let session: ShopSession
    private var field = TextField(placeholder: "type to search: mug, linen, tea \(Glyph.ellipsis)", maxLength: 80)
    private let browser: ProductBrowser
    private var suggestion: String?
    private var searched = ""
    private var freshness = Freshness()
    var isEditingText: Bool { true }
    var isFocusedTextEmpty: Bool { field.text.isEmpty }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession, text: String = "") {
        self.session = session
        self.browser = ProductBrowser(session: session)
        field.setText(text)
    }

    let keyMap: KeyMap<Command> = [
        KeyBinding([.up, .down, .pageUp, .pageDown], "\(Glyph.up)\(Glyph.down)", help: "Choose", command: .move),
        KeyBinding([.enter], help: "Open", command: .open),
        KeyBinding([.tab], help: "Did you mean", command: .suggestion),
    ]

    /// Runs the search for the field's text (called after every edit).
    private func search(_ context: AppContext) {
        let text = field.text
        searched = text
        suggestion = nil
        let catalog = session.store.catalog, caller = session.caller
        browser.list.first()
        browser.reload(context) { [weak self] (cursor) throws(CommerceError) in
            let results = try catalog.search(text, query: ProductQuery(limit: 40, after: cursor), caller: caller)
            if cursor == nil { self?.suggestion = results.suggestion }
            return results.page
        }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { search(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let (top, body) = rect.splitTop(3)
        let label = "Search: "
        let x = top.x + 2 + surface.put(label, at: Point(x: top.x + 2, y: top.y + 1), style: .accent)
        field.draw(into: surface, in: Rect(x: x, y: top.y + 1, width: min(50, top.maxX - x - 2), height: 1), focused: true)
        if let suggestion {
            let line = Rect(x: top.x + 2, y: top.y + 2, width: top.width - 4, height: 1)
            surface.putLine("Did you mean \(Glyph.openQuote)\(suggestion)\(Glyph.closeQuote)?  (Tab)", in: line, style: .warning)
        }
        let count = browser.products.count
        let quoted = "\(Glyph.openQuote)\(searched)\(Glyph.closeQuote)"
        let heading = searched.isEmpty ? "Results" : "Results for \(quoted) (\(count)\(count >= 40 ? "+" : ""))"
        let empty = searched.trimmingCharacters(in: .whitespaces).isEmpty ? "Type to search the shop." : "No products match \(quoted)."
        browser.draw(into: surface, in: surface.box(body, title: heading), focused: true, emptyText: empty)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        switch key {
        case .up, .down, .pageUp, .pageDown, .mouse:
            _ = browser.navigate(key, context: context)
            return .handled
        case .enter, .tab, .escape: return nil
        default:
            guard field.handle(key) else { return nil }
            if field.wasCut { context.toast("A search takes at most \(field.maxLength ?? 0) characters; the rest was not typed.", kind: .error) }
            if field.text != searched { search(context) }
            return .handled
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: break
        case .open:
            if let product = browser.selected { return .push(ProductScreen(session: session, handle: product.handle)) }
        case .suggestion:
            if let suggestion {
                field.setText(suggestion)
                search(context)
            }
        }
        return .handled
    }
}
