import Commerce
import TerminalUI

/// A back-office screen: it belongs to a staff session and redraws when another process changed
/// the shop (its idle poll asks the session).
@MainActor
protocol StaffScreen: Screen {
    /// The staff member's session.
    var session: StaffSession { get }
}

extension StaffScreen {
    /// True when another process changed the shop since the last poll.
    func poll(context: AppContext) -> Bool { session.pollOutsideChanges() }
}

/// A back-office screen built around one `FilteredTable`: its keys go to the table (filter typing,
/// then movement) and it is editing text while the filter has focus.
@MainActor
protocol TableScreen: StaffScreen {
    associatedtype Item
    /// The screen's rows and filter.
    var table: FilteredTable<Item> { get }
}

extension TableScreen {
    var isEditingText: Bool { table.isFiltering }
    var isFocusedTextEmpty: Bool { table.isFilterEmpty }
    func handle(key: Key, context: AppContext) -> ScreenAction? { table.handle(key) }
}

extension FilteredTable {
    /// Loads what `body` returns; a service error becomes a toast and the rows stay as they were.
    func load(_ session: StaffSession, _ context: AppContext, _ body: () throws(CommerceError) -> [Item]) {
        if let items = session.attempt(context, body) { load(items) }
    }
}
