import TerminalUI

/// The demo's main screen: a virtual product list, a detail pane when the terminal is wide, and
/// a search field opened with `/`.
final class CatalogueScreen: Screen {
    enum Command { case up, down, pageUp, pageDown, top, bottom, search, open, delete, toast, form, nextTab }

    let title = "Catalogue"
    let catalogue = DemoCatalogue(count: 100_000)
    let list = ListState()
    let layout = PaneLayout(ratio: 0.55, minPrimary: 40, minSecondary: 40)
    var search = TextField(placeholder: "type to search")
    var isSearching = false
    var deleted: Set<Int> = []
    var pageSize = 10
    var minimumSize: Size { Size(width: 60, height: 16) }
    var isEditingText: Bool { isSearching }
    var isFocusedTextEmpty: Bool { search.text.isEmpty }

    let keyMap: KeyMap<Command> = [
        KeyBinding([.up, .char("k")], "\(Glyph.up)\(Glyph.down)/jk", help: "Move", command: .up),
        KeyBinding([.down, .char("j")], help: "Move down", inFooter: false, command: .down),
        KeyBinding([.pageUp], help: "Page up", inFooter: false, command: .pageUp),
        KeyBinding([.pageDown], help: "Page down", inFooter: false, command: .pageDown),
        KeyBinding([.home, .char("g")], "g/G", help: "First / last", inFooter: false, command: .top),
        KeyBinding([.end, .char("G")], help: "Last", inFooter: false, command: .bottom),
        KeyBinding([.char("/")], help: "Search", command: .search),
        KeyBinding([.enter], help: "Details", command: .open),
        KeyBinding([.char("d")], help: "Delete", command: .delete),
        KeyBinding([.char("t")], help: "Toast", inFooter: false, command: .toast),
        KeyBinding([.char("f"), .tab], "f", help: "Checkout form", command: .form),
    ]

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let (searchRow, body) = rect.splitTop(2)
        let label = isSearching ? "Search (Enter ends): " : "Search: "
        surface.put(label, at: Point(x: searchRow.x + 1, y: searchRow.y), style: isSearching ? .accent : .muted)
        let fieldX = searchRow.x + 1 + DisplayWidth.of(label)
        search.draw(into: surface, in: Rect(x: fieldX, y: searchRow.y, width: min(40, searchRow.maxX - fieldX - 1), height: 1), focused: isSearching)
        let panes = layout.split(body)
        let listBox = surface.box(panes.primary, title: "Products (\(catalogue.count))")
        pageSize = listBox.height
        ListView(count: catalogue.count, state: list, isFocused: !isSearching) { [catalogue, deleted] i in
            deleted.contains(i)
                ? ListRow("(deleted)", style: .muted)
                : ListRow(catalogue.title(i), detail: catalogue.price(i), detailStyle: .price)
        }.draw(into: surface, in: listBox)
        if let detail = panes.secondary { drawDetails(into: surface, in: detail) }
    }

    private func drawDetails(into surface: any Surface, in rect: Rect) {
        let i = list.selected
        let inside = surface.box(rect, title: "Details")
        guard inside.height >= 6 else { return }
        surface.putLine(catalogue.title(i), in: inside.row(0).inset(dx: 1, dy: 0), style: .accent)
        surface.put(catalogue.price(i), at: Point(x: inside.x + 1, y: inside.y + 1), style: .price)
        StarRating(rating: catalogue.rating(i)).draw(into: surface, in: inside.row(2).inset(dx: 1, dy: 0))
        let stock = catalogue.stock(i)
        surface.putLine(stock == 0 ? "Out of stock" : "\(stock) in stock", in: inside.row(3).inset(dx: 1, dy: 0),
                        style: stock == 0 ? .error : stock < 5 ? .warning : .success)
        surface.put("Sales, 30 days", at: Point(x: inside.x + 1, y: inside.y + 5), style: .muted)
        if inside.height > 6 { Sparkline(values: catalogue.sales(i)).draw(into: surface, in: inside.row(6).inset(dx: 1, dy: 0)) }
        if inside.height > 10 {
            let bars = ["Mon", "Tue", "Wed", "Thu", "Fri"].enumerated().map { BarChart.Bar($1, Double((i + $0 * 5) % 11)) }
            BarChart(bars: bars).draw(into: surface, in: Rect(x: inside.x + 1, y: inside.y + 8, width: inside.width - 2, height: 5))
        }
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        if case .mouse = key { return list.navigate(key, count: catalogue.count, pageSize: pageSize) ? .handled : .ignored }
        guard isSearching else { return nil }
        switch key {
        case .enter, .escape:
            isSearching = false
            if !search.text.isEmpty { context.toast("Searching for \(search.text)") }
            return .handled
        default:
            return search.handle(key) ? .handled : nil
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        let count = catalogue.count
        switch command {
        case .up: list.move(by: -1, count: count)
        case .down: list.move(by: 1, count: count)
        case .pageUp: list.move(by: -pageSize, count: count)
        case .pageDown: list.move(by: pageSize, count: count)
        case .top: list.first()
        case .bottom: list.last(count: count)
        case .search: isSearching = true
        case .open:
            return .push(AlertDialog(title: "Product", message: "\(catalogue.title(list.selected)) costs \(catalogue.price(list.selected))."))
        case .delete:
            let index = list.selected
            return .push(ConfirmDialog(message: "Delete \(catalogue.title(index))?") { [weak self] yes, context in
                guard yes else { return }
                self?.deleted.insert(index)
                context.toast("Deleted", kind: .success)
            })
        case .toast: context.toast("Hello from the demo", kind: .info)
        case .form, .nextTab: return .push(CheckoutScreen())
        }
        return .handled
    }
}
