import Commerce
import Foundation
import TerminalUI

/// The category tree with each category's product count (its own and below): `n` adds a category
/// under the selected one (or at the top), `r` renames it, `m` moves it under another (or to the
/// top level), `d` deletes it after a confirmation: its products move to its parent (uncategorised
/// for a top-level one) and its subcategories move up. Products keep working through every change.
/// Opened from Products with `c`.
final class CategoriesScreen: TableScreen {
    enum Command { case move, filter, add, rename, reparent, delete }

    let title = "Categories"
    let session: StaffSession
    let table = FilteredTable<CategoryNode>(texts: { [$0.name, $0.handle] }, identity: { $0.id })
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }
    let keyMap: KeyMap<Command> = [
        .move(.move), .filter(.filter), KeyBinding([.char("n")], help: "Add", priority: .high, command: .add),
        KeyBinding([.char("r")], help: "Rename", priority: .high, command: .rename),
        KeyBinding([.char("m")], help: "Move", priority: .high, command: .reparent),
        KeyBinding([.char("d")], help: "Delete", priority: .high, command: .delete),
    ]

    init(session: StaffSession) { self.session = session }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller
        table.load(session, context) { () throws(CommerceError) in try store.catalog.categories(caller: caller) }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let columns = [TableColumn("Category", width: .flexible(weight: 2, minimum: 20)), TableColumn("Handle", width: .flexible(weight: 1, minimum: 12)),
                       TableColumn("Own", width: .fixed(5), alignRight: true), TableColumn("All", width: .fixed(5), alignRight: true)]
        table.draw(into: surface, in: rect, title: "Categories \(Glyph.middleDot) \(table.items.count)", empty: "No categories yet; n adds one.",
                   columns: columns) { c in
            [String(repeating: "  ", count: c.depth) + c.name, c.handle, "\(c.productCount)", "\(c.totalProductCount)"]
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        let session = self.session, editor = session.store.productEditor, caller = session.caller
        let nameRule: @Sendable (String) -> String? = { $0.trimmingCharacters(in: .whitespaces).isEmpty ? "Enter a name." : nil }
        switch command {
        case .move: return .handled
        case .filter: table.beginFilter()
        case .add:
            let parent = table.selected
            return .push(FormDialog.saving(title: "New category", intro: parent.map { "Under \($0.name)." } ?? "At the top level.",
                                           fields: [FormField("Name", field: TextField(maxLength: 80), validate: nameRule)],
                                           labels: ["name": "Name", "handle": "Name"], session: session, done: "Category added") { form throws(CommerceError) in
                _ = try editor.createCategory(name: form.trimmed("Name"), parent: parent?.id, by: caller)
            })
        case .rename:
            guard let category = table.selected else { return .handled }
            var field = TextField(maxLength: 80)
            field.setText(category.name)
            return .push(FormDialog.saving(title: "Rename \(category.name)", intro: "Its products stay in it.",
                                           fields: [FormField("Name", field: field, validate: nameRule)], labels: ["name": "Name"],
                                           session: session, done: "Category renamed") { form throws(CommerceError) in
                try editor.renameCategory(category.id, to: form.trimmed("Name"), by: caller)
            })
        case .reparent:
            guard let category = table.selected else { return .handled }
            let targets = table.items.filter { $0.id != category.id }
            return .push(ChoiceDialog(title: "Move \(category.name) under", choices: ["(top level)"] + targets.map { String(repeating: "  ", count: $0.depth) + $0.name }) { index, _ in
                let parent = index == 0 ? nil : targets[index - 1]
                return .replace(ConfirmDialog(message: "Move \(category.name) under \(parent?.name ?? "the top level")? Its products move with it.") { yes, context in
                    guard yes else { return }
                    session.change(context, done: "\(category.name) moved") { () throws(CommerceError) in
                        try editor.moveCategory(category.id, under: parent?.id, by: caller)
                    }
                })
            })
        case .delete:
            guard let category = table.selected else { return .handled }
            let parent = category.parentID.flatMap { id in table.items.first { $0.id == id } }
            return .push(ConfirmDialog(message: Self.deletionQuestion(category, parent: parent, items: table.items)) { yes, context in
                guard yes else { return }
                session.change(context, done: "\(category.name) deleted") { () throws(CommerceError) in
                    try editor.deleteCategory(category.id, by: caller)
                }
            })
        }
        return .handled
    }

    /// "Delete Coffee? Its products move to Coffee & Tea; its 2 subcategories move up." — says where
    /// the products go before anything changes.
    static func deletionQuestion(_ category: CategoryNode, parent: CategoryNode?, items: [CategoryNode]) -> String {
        let products = parent.map { "Its products move to \($0.name)" } ?? "Its products become uncategorised"
        let children = items.filter { $0.parentID == category.id }.count
        let subcategories = switch children {
        case 0: ""
        case 1: "; its subcategory moves up"
        default: "; its \(children) subcategories move up"
        }
        return "Delete \(category.name)? \(products)\(subcategories)."
    }
}
