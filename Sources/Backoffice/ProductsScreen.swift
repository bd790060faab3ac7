import Commerce
import Foundation
import TerminalUI

/// The catalogue as staff see it: every status (tabs: all, active, draft, archived), sorted by
/// newest, price or sales, optionally in stock only; `/` searches the whole catalogue; Enter opens
/// the product's editor (fields, variant prices, stock adjustments). Space marks
/// products, `a` marks all shown; `B` runs a bulk action (publish, draft, archive, change the price by
/// a percentage, delete) on the marked ones — or the one under the cursor — after a confirmation that
/// names the count, and `u` undoes the last bulk change by its exact inverse.
final class ProductsScreen: StaffScreen {
    enum Command { case move, open, categories, search, nextStatus, previousStatus, sort, inStock, mark, markAll, bulk, undo, section(SectionCommand) }

    /// How many products a page loads.
    static let limit = 200
    static let statusTabs: [(String, Set<ProductStatus>)] = [("All", Set(ProductStatus.allCases)), ("Active", [.active]),
                                                             ("Draft", [.draft]), ("Archived", [.archived])]
    static let sorts: [ProductSort] = [.newest, .priceAscending, .priceDescending, .bestSelling, .rating]

    let title = "Products"
    let session: StaffSession
    private var statusTab = 0
    private var sort = 0
    private var inStockOnly = false
    private(set) var marked: Set<ProductID> = []
    private var lastUndo: (BulkUndo, String)?
    private let table = FilteredTable<ProductSummary>(texts: nil, identity: { $0.id })
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }
    var isEditingText: Bool { table.isFiltering }
    var isFocusedTextEmpty: Bool { table.isFilterEmpty }
    var helpNotes: [String] {
        ["Bulk price changes are one audit entry per product with the price before and after; u puts them back.",
         "Only products never sold or stocked can be deleted; archive the others."]
    }

    init(session: StaffSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        var bindings: [KeyBinding<Command>] = [
            .move(.move), KeyBinding([.enter], help: "Open", command: .open),
            KeyBinding([.char("/")], help: "Search", priority: .high, command: .search),
            KeyBinding([.tab, .right, .char("l")], "Tab/\(Glyph.left)\(Glyph.right)", help: "Status", command: .nextStatus),
            KeyBinding([.backTab, .left, .char("h")], help: "Previous status", inFooter: false, command: .previousStatus),
            KeyBinding([.char("s")], help: "Sort", priority: .low, command: .sort),
            KeyBinding([.char("i")], help: inStockOnly ? "All stock" : "In stock only", priority: .low, command: .inStock),
            KeyBinding([.char(" ")], "Space", help: "Mark", priority: .high, command: .mark),
            KeyBinding([.char("a")], help: "Mark all shown", inFooter: false, command: .markAll),
            KeyBinding([.char("c")], help: "Categories", priority: .low, command: .categories),
            KeyBinding([.char("B")], help: marked.isEmpty ? "Bulk action" : "Bulk action (\(marked.count))", priority: .high, command: .bulk),
        ]
        if let lastUndo { bindings.append(KeyBinding([.char("u")], help: "Undo \(lastUndo.1)", priority: .high, command: .undo)) }
        return KeyMap(bindings + SectionCommand.bindings(Command.section, session: session))
    }

    private var query: ProductQuery {
        ProductQuery(filter: ProductFilter(inStockOnly: inStockOnly, statuses: ProductsScreen.statusTabs[statusTab].1,
                                           includeUnpublished: true),
                     sort: ProductsScreen.sorts[sort], limit: ProductsScreen.limit)
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, query = self.query
        let text = table.filterText.trimmingCharacters(in: .whitespaces)
        let page = session.attempt(context) { () throws(CommerceError) in
            text.isEmpty ? try store.catalog.products(query, caller: caller) : try store.catalog.search(text, query: query, caller: caller).page
        }
        if let page { table.load(page.products) }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let rest = Section.products.drawBar(into: surface, in: rect)
        let strip = rest.row(0).inset(dx: 1, dy: 0)
        var x = strip.x
        for (i, tab) in ProductsScreen.statusTabs.enumerated() where x < strip.maxX {
            let style = i == statusTab ? Style(.accent, [.reverse, .bold]) : Style.muted
            x += surface.put(" \(tab.0) ", at: Point(x: x, y: strip.y), style: style, maxWidth: strip.maxX - x) + 1
        }
        let order = "sorted by \(ProductsScreen.sorts[sort].rawValue)" + (inStockOnly ? " \(Glyph.middleDot) in stock" : "")
        surface.putLine(order, in: Rect(x: strip.maxX - 28, y: strip.y, width: 28, height: 1), style: .muted, alignRight: true)
        let columns = [TableColumn("", width: .fixed(1)), TableColumn("Product", width: .flexible(weight: 2, minimum: 14)),
                       TableColumn("Vendor", width: .flexible(weight: 1, minimum: 8)), TableColumn("Status", width: .fixed(8)),
                       TableColumn("Stock", width: .fixed(5), alignRight: true), TableColumn("Sold", width: .fixed(5), alignRight: true),
                       TableColumn("Price", width: .fixed(12), alignRight: true, style: .price)]
        let marked = self.marked
        let title = "Products \(Glyph.middleDot) \(table.items.count)\(table.items.count >= ProductsScreen.limit ? "+" : "")"
            + (marked.isEmpty ? "" : " \(Glyph.middleDot) \(marked.count) marked")
        table.draw(into: surface, in: rest.splitTop(1).1, title: title, empty: "No products here.", columns: columns) { p in
            [marked.contains(p.id) ? "\(Glyph.dot)" : "", p.title, p.vendor, p.status.rawValue, "\(p.stockTotal)", "\(p.unitsSold)",
             p.priceMin == p.priceMax ? p.priceMin.formatted : "from " + p.priceMin.formatted]
        }
    }

    func handle(key: Key, context: AppContext) -> ScreenAction? {
        let wasSearching = table.isFiltering
        let action = table.handle(key)
        if wasSearching && !table.isFiltering {
            table.list.first()
            reload(context)
        }
        return action
    }

    /// The marked products, or the one under the cursor when none are marked.
    private var targets: [ProductSummary] {
        marked.isEmpty ? table.selected.map { [$0] } ?? [] : table.items.filter { marked.contains($0.id) }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .open:
            guard let product = table.selected else { return .handled }
            return .push(ProductEditScreen(session: session, id: product.id))
        case .categories: return .push(CategoriesScreen(session: session))
        case .search: table.beginFilter()
        case .nextStatus: moveStatus(by: 1, context)
        case .previousStatus: moveStatus(by: -1, context)
        case .sort:
            sort = (sort + 1) % ProductsScreen.sorts.count
            reload(context)
        case .inStock:
            inStockOnly.toggle()
            reload(context)
        case .mark:
            guard let product = table.selected else { return .handled }
            if marked.remove(product.id) == nil { marked.insert(product.id) }
            table.list.move(by: 1, count: table.shown.count)
        case .markAll:
            let shown = Set(table.shown.map(\.id))
            marked = shown.isSubset(of: marked) ? marked.subtracting(shown) : marked.union(shown)
        case .bulk: return bulkChoice()
        case .undo: return undoLast()
        case .section(let section): return section.action(from: .products, session)
        }
        return .handled
    }

    private func moveStatus(by step: Int, _ context: AppContext) {
        statusTab = TabBar.index(statusTab, movedBy: step, count: ProductsScreen.statusTabs.count)
        table.list.first()
        reload(context)
    }

    /// "3 products" or "“Mug”".
    private func naming(_ products: [ProductSummary]) -> String {
        products.count == 1 ? "\u{201C}\(products[0].title)\u{201D}" : "\(products.count) products"
    }

    private func bulkChoice() -> ScreenAction {
        let targets = self.targets
        guard !targets.isEmpty else { return .handled }
        let name = naming(targets)
        let choices: [(String, BulkAction?)] = [("Publish (active)", .setStatus(.active)), ("Move to draft", .setStatus(.draft)),
                                                ("Archive", .setStatus(.archived)), ("Change the price by a percentage\(Glyph.ellipsis)", nil),
                                                ("Delete", .delete)]
        return .push(ChoiceDialog(title: "Bulk action for \(name)", choices: choices.map(\.0)) { [weak self] index, _ in
            guard let self else { return .pop }
            guard let action = choices[index].1 else { return .replace(self.priceForm(targets)) }
            let verb = choices[index].0.lowercased()
            let warning = action != .delete ? "" : targets.count == 1 ? " Carts lose its lines; u brings it back."
                                                                       : " Carts lose their lines; u brings them back."
            return .replace(self.confirm("\(choices[index].0.split(separator: " ").first ?? "") \(name)?\(warning)", targets, action,
                                         done: "\(name): \(verb)"))
        })
    }

    private func priceForm(_ targets: [ProductSummary]) -> FormDialog {
        let name = naming(targets)
        return FormDialog(title: "Change prices of \(name)", intro: "Every variant's price changes by the percentage, rounded to the cent.", fields: [
            FormField("Percent", field: TextField(placeholder: "like 10 or -15", maxLength: 5)) { text in
                guard let percent = Int(text.trimmingCharacters(in: .whitespaces)), percent != 0, (-90...1000).contains(percent) else {
                    return "Enter a whole percentage from -90 to 1000, not 0."
                }
                return nil
            },
        ]) { [weak self] form, _ in
            guard let self, let percent = Int(form.trimmed("Percent")) else { return .handled }
            let signed = percent > 0 ? "+\(percent)%" : "\(Glyph.minus)\(-percent)%"
            return .replace(self.confirm("Change the prices of \(name) by \(signed)?", targets, .changePrice(percent: percent),
                                         done: "\(name): prices \(signed)"))
        }
    }

    private func confirm(_ question: String, _ targets: [ProductSummary], _ action: BulkAction, done: String) -> ConfirmDialog {
        let session = self.session, bulk = session.store.bulkProducts, caller = session.caller, ids = targets.map(\.id)
        return ConfirmDialog(message: question) { [weak self] yes, context in
            guard yes, let result = session.attempt(context, { () throws(CommerceError) in try bulk.apply(action, to: ids, by: caller) }) else { return }
            self?.marked = []
            self?.lastUndo = result.undo.isEmpty ? nil : (result.undo, done)
            session.changed()
            context.toast("\(done) \(Glyph.middleDot) \(result.changed) changed" + (result.undo.isEmpty ? "" : "; u undoes"), kind: .success)
        }
    }

    private func undoLast() -> ScreenAction {
        guard let (undo, what) = lastUndo else { return .handled }
        let session = self.session, bulk = session.store.bulkProducts, caller = session.caller
        return .push(ConfirmDialog(message: "Undo \(what)? Every product gets back exactly what it had before.") { [weak self] yes, context in
            guard yes else { return }
            if session.change(context, done: "Undone: \(what)", { () throws(CommerceError) in try bulk.undo(undo, by: caller) }) {
                self?.lastUndo = nil
            }
        })
    }
}
