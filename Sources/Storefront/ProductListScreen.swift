import Commerce
import TerminalUI

/// One category's products as a full-screen list (the narrow layout's second step).
final class ProductListScreen: Screen {
    enum Command { case move, open, sort, inStock, nav(NavCommand) }

    let session: ShopSession
    let name: String
    private let browser: ProductBrowser
    private var freshness = Freshness()
    var title: String { name }
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession, category: CategoryID?, name: String) {
        self.session = session
        self.name = name
        self.browser = ProductBrowser(session: session, category: category)
    }

    var keyMap: KeyMap<Command> {
        KeyMap([
            .move(.move),
            KeyBinding([.enter], help: "Open", priority: .high, command: .open),
            KeyBinding([.char("s")], help: "Sort", command: .sort),
            KeyBinding([.char("i")], help: "In stock only", command: .inStock),
        ] + NavCommand.bindings(Command.nav, session: session))
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { browser.reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        browser.draw(into: surface, in: surface.box(rect, title: browser.title(name)), focused: true)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        browser.navigate(key, context: context) ? .handled : nil
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: break
        case .open:
            if let product = browser.selected { return .push(ProductScreen(session: session, handle: product.handle)) }
        case .sort: browser.nextSort(context)
        case .inStock: browser.toggleInStock(context)
        case .nav(let nav): return nav.action(session)
        }
        return .handled
    }
}
