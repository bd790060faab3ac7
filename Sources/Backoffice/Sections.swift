import TerminalUI

/// The back office's sections, shown as a numbered tab bar on top of each section's screen; the
/// digit keys switch between them (the section's screen replaces the current one).
enum Section: Int, CaseIterable {
    case dashboard, orders, products, customers, discounts, reviews, outbox, audit, system, settings

    /// The tab title.
    var title: String {
        switch self {
        case .dashboard: "Dashboard"
        case .orders: "Orders"
        case .products: "Products"
        case .customers: "Customers"
        case .discounts: "Discounts"
        case .reviews: "Reviews"
        case .outbox: "Outbox"
        case .audit: "Audit"
        case .system: "System"
        case .settings: "Settings"
        }
    }

    /// The tab title when the full ones do not fit (80 columns).
    var shortTitle: String {
        switch self {
        case .dashboard: "Dash"
        case .orders: "Ord"
        case .products: "Prod"
        case .customers: "Cust"
        case .discounts: "Disc"
        case .reviews: "Rev"
        case .outbox: "Out"
        case .audit: "Aud"
        case .system: "Sys"
        case .settings: "Set"
        }
    }

    /// The digit that opens it: 1 to 9, then 0 for the tenth.
    var key: Character { Character(String((rawValue + 1) % 10)) }

    /// A fresh screen for this section.
    @MainActor
    func screen(_ session: StaffSession) -> any Screen {
        switch self {
        case .dashboard: DashboardScreen(session: session)
        case .orders: OrderQueueScreen(session: session)
        case .products: ProductsScreen(session: session)
        case .customers: CustomersScreen(session: session)
        case .discounts: DiscountsScreen(session: session)
        case .reviews: ReviewsScreen(session: session)
        case .outbox: OutboxScreen(session: session)
        case .audit: AuditScreen(session: session)
        case .system: SystemScreen(session: session)
        case .settings: SettingsScreen(session: session)
        }
    }

    /// Draws the tab bar (two rows) at the top of `rect` with `self` selected; returns the rest.
    @MainActor
    func drawBar(into surface: any Surface, in rect: Rect) -> Rect {
        let (bar, rest) = rect.splitTop(2)
        // " 1 Title " per tab and one cell between tabs; the selected tab keeps its full title, the
        // others shorten (then show only their digit) when the row is too narrow.
        func width(_ titles: [String]) -> Int { titles.reduce(0) { $0 + DisplayWidth.of($1) + 5 } - 1 }
        let full = Section.allCases.map(\.title)
        let short = Section.allCases.map { $0 == self ? $0.title : $0.shortTitle }
        let digits = Section.allCases.map { $0 == self ? $0.title : "" }
        let titles = width(full) <= bar.width ? full : width(short) <= bar.width ? short : digits
        TabBar(titles: titles, selected: rawValue).draw(into: surface, in: bar)
        return rest
    }
}

/// Keys every section screen has: the digits open a section, `b` goes back to the shop when the
/// back office was opened from there.
enum SectionCommand {
    case open(Section), hint, shop

    /// The bindings, wrapped into a screen's own command type: one help line per section, one
    /// footer hint for all of them.
    @MainActor
    static func bindings<C>(_ wrap: (SectionCommand) -> C, session: StaffSession) -> [KeyBinding<C>] {
        var bindings = Section.allCases.map { section in
            KeyBinding([.char(section.key)], help: section.title, inFooter: false, command: wrap(.open(section)))
        }
        bindings.append(KeyBinding([], "1-9/0", help: "Section", priority: .low, command: wrap(.hint)))
        if session.insideShop {
            bindings.append(KeyBinding([.char("b")], help: "Shop", priority: .high, command: wrap(.shop)))
        }
        return bindings
    }

    /// What the command does from the screen of `current`.
    @MainActor
    func action(from current: Section, _ session: StaffSession) -> ScreenAction {
        switch self {
        case .open(let section): section == current ? .handled : .replace(section.screen(session))
        case .hint: .handled
        case .shop: .pop
        }
    }
}

extension KeyBinding {
    /// A footer hint for the list keys (↑↓/jk, PgUp/PgDn, g/G), which `ListState.navigate` handles.
    static func move(_ command: Command) -> KeyBinding {
        KeyBinding([], "\(Glyph.up)\(Glyph.down)/jk", help: "Move", command: command)
    }

    /// `/` starts typing a filter of the list.
    static func filter(_ command: Command) -> KeyBinding {
        KeyBinding([.char("/")], help: "Filter", priority: .high, command: command)
    }
}
