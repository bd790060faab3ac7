import Commerce
import TerminalUI

/// The shop's front page: the category tree on the left and the selected category's products on the
/// right when the terminal is wide; only the tree when narrow (Enter opens the category). When the
/// terminal is tall a strip below shows "Trending" products of the selected category, or "For you"
/// when signed in. In a demo shop a guest sees a line pointing at the help, which lists the demo
/// accounts and test cards.
final class HomeScreen: Screen {
    enum Command { case move, open, nextPane, previousPane, sort, inStock, nav(NavCommand) }
    private enum Pane { case categories, products, suggestions }

    let title = "Shop"
    let session: ShopSession
    private var categories: [CategoryNode] = []
    private let categoryList = ListState()
    private let browser: ProductBrowser
    private let suggestions: SuggestionPane
    private var focus = Pane.categories
    private var isWide = false
    private var showsSuggestions = false
    private var freshness = Freshness()
    private var shownCategory: CategoryID?? = .none
    private let layout = PaneLayout(ratio: 0.32, minPrimary: 26, minSecondary: 44)
    var minimumSize: Size { Size(width: 60, height: 16) }

    init(session: ShopSession) {
        self.session = session
        self.browser = ProductBrowser(session: session)
        self.suggestions = SuggestionPane(session: session)
    }

    /// The panes that take focus in the current layout, left to right, top to bottom.
    private var panes: [Pane] {
        var panes: [Pane] = isWide ? [.categories, .products] : [.categories]
        if showsSuggestions && !suggestions.items.isEmpty { panes.append(.suggestions) }
        return panes
    }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [.move(.move), KeyBinding([.enter], help: "Open", command: .open)]
        if panes.count > 1 {
            bindings.append(KeyBinding([.tab, .right, .char("l")], "Tab/\(Glyph.left)\(Glyph.right)", help: "Switch pane", priority: .low,
                                       command: .nextPane))
            bindings.append(KeyBinding([.backTab, .left, .char("h")], help: "Previous pane", inFooter: false, command: .previousPane))
        }
        if isWide && focus == .products {
            bindings.append(KeyBinding([.char("s")], help: "Sort", command: .sort))
            bindings.append(KeyBinding([.char("i")], help: "In stock only", command: .inStock))
        }
        return KeyMap(bindings + NavCommand.bindings(Command.nav, session: session, home: true))
    }

    /// How to try the demo (its accounts and test cards), for the help overlay.
    var helpNotes: [String] { session.demoGuide }

    /// The line pointing a guest of a demo shop at the help.
    private var welcome: String? {
        session.user == nil && !session.demoGuide.isEmpty ? "New here? Press ? for the demo accounts and test cards, / to search." : nil
    }

    /// The category a row stands for (row 0 is every product).
    private func category(at row: Int) -> CategoryID? { row == 0 ? nil : categories[row - 1].id }

    private func reload(_ context: AppContext) {
        categories = session.attempt(context) { () throws(CommerceError) in try session.store.catalog.categories(caller: session.caller) } ?? categories
        categoryList.select(categoryList.selected, count: categories.count + 1)
        browser.category = category(at: categoryList.selected)
        shownCategory = .some(browser.category)
        browser.reload(context)
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        var rect = rect
        if let welcome {
            surface.putLine(welcome, in: rect.row(0).inset(dx: 1, dy: 0), style: .accent)
            rect = rect.splitTop(1).1
        }
        showsSuggestions = suggestions.isAvailable && rect.height >= 30
        if showsSuggestions {
            let (top, strip) = rect.splitBottom(9)
            rect = top
            refreshSuggestions()
            let inside = surface.box(strip, title: suggestions.heading, style: focus == .suggestions ? .accent : .border)
            suggestions.draw(into: surface, in: inside, focused: focus == .suggestions)
        }
        let panes = layout.split(rect)
        isWide = panes.secondary != nil
        if !self.panes.contains(focus) { focus = .categories }
        let left = surface.box(panes.primary, title: "Categories", style: focus == .categories ? .accent : .border)
        let categories = self.categories
        ListView(count: categories.count + 1, state: categoryList, isFocused: focus == .categories) { i in
            guard i > 0 else { return ListRow("All products", style: .accent) }
            let node = categories[i - 1]
            // Indented by depth, up to a limit, so a deep tree still shows its names.
            return ListRow(String(repeating: "  ", count: min(node.depth, 8)) + node.name, detail: String(node.totalProductCount))
        }.draw(into: surface, in: left)
        guard let right = panes.secondary else { return }
        let name = categoryList.selected == 0 ? "All products" : categories[categoryList.selected - 1].name
        let inside = surface.box(right, title: browser.title(name),
                                 style: focus == .products ? .accent : .border)
        browser.draw(into: surface, in: inside, focused: focus == .products)
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        switch focus {
        case .categories:
            guard categoryList.navigate(key, count: categories.count + 1, pageSize: 10) else { return nil }
            if isWide { showSelectedCategory(context) }
            return .handled
        case .products:
            return browser.navigate(key, context: context) ? .handled : nil
        case .suggestions:
            return suggestions.navigate(key) ? .handled : nil
        }
    }

    private func movePane(by step: Int) {
        let panes = self.panes
        let index = panes.firstIndex(of: focus) ?? 0
        focus = panes[(index + step + panes.count) % panes.count]
    }

    /// "For you" for a signed-in shopper, else what is trending in the selected category.
    private func refreshSuggestions() {
        let user = session.user?.id
        let category = browser.category
        let name = categoryList.selected == 0 ? nil : categories.indices.contains(categoryList.selected - 1) ? categories[categoryList.selected - 1].name : nil
        let popular = SuggestionPane.Popular(heading: name.map { "Popular in \($0)" } ?? "Popular", category: category, k: 7)
        suggestions.refresh(key: "\(user.map { "\($0)" } ?? "guest")/\(category.map { "\($0)" } ?? "all")", popular: popular) { recommender in
            if let user { return ("For you", recommender.forYou(user: user, k: 7), true) }
            return (name.map { "Trending in \($0)" } ?? "Trending", recommender.trending(category: category, k: 7), false)
        }
    }

    private func showSelectedCategory(_ context: AppContext) {
        let selected = category(at: categoryList.selected)
        guard shownCategory != .some(selected) else { return }
        shownCategory = .some(selected)
        browser.category = selected
        browser.list.first()
        browser.reload(context)
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .open:
            if focus == .suggestions, let chosen = suggestions.selected {
                return .push(ProductScreen(session: session, handle: chosen.summary.handle))
            }
            if focus == .products, let product = browser.selected {
                return .push(ProductScreen(session: session, handle: product.handle))
            }
            if isWide {
                focus = .products
                return .handled
            }
            let row = categoryList.selected
            let name = row == 0 ? "All products" : categories[row - 1].name
            return .push(ProductListScreen(session: session, category: category(at: row), name: name))
        case .nextPane: movePane(by: 1)
        case .previousPane: movePane(by: -1)
        case .sort: browser.nextSort(context)
        case .inStock: browser.toggleInStock(context)
        case .nav(let nav): return nav.action(session)
        }
        return .handled
    }

    func poll(context: AppContext) -> Bool { false }
}
