import Commerce
import TerminalUI

/// A product's stock ledger, newest first (the latest `StockLedgerScreen.limit` rows): when, which
/// variant, the change, why, the order or the staff member, and the note; `/` filters. Opened from
/// the product editor with `l`.
final class StockLedgerScreen: TableScreen {
    enum Command { case move, filter }

    /// How many ledger rows the screen loads.
    static let limit = 200

    let session: StaffSession
    let product: ProductID
    let productTitle: String
    let table = FilteredTable<StockMovement>(texts: { [$0.variantLabel, $0.reason.rawValue, $0.note, $0.actor ?? "",
                                                       $0.orderNumber.map { "#\($0)" } ?? ""] },
                                             identity: { $0.id })
    private var freshness = Freshness()
    var title: String { "Stock ledger" }
    var minimumSize: Size { Size(width: 60, height: 16) }
    let keyMap: KeyMap<Command> = [.move(.move), .filter(.filter)]

    init(session: StaffSession, product: ProductID, title: String) {
        self.session = session
        self.product = product
        self.productTitle = title
    }

    private func reload(_ context: AppContext) {
        let history = session.store.stockHistory, caller = session.caller, product = self.product
        table.load(session, context) { () throws(CommerceError) in try history.movements(of: product, limit: Self.limit, as: caller) }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let columns = [TableColumn("When", width: .fixed(16)), TableColumn("Variant", width: .flexible(weight: 1, minimum: 10)),
                       TableColumn("Change", width: .fixed(7), alignRight: true), TableColumn("Reason", width: .fixed(12)),
                       TableColumn("By", width: .flexible(weight: 1, minimum: 10)), TableColumn("Note", width: .flexible(weight: 2, minimum: 8), style: .muted)]
        let title = "\(productTitle) \(Glyph.middleDot) stock ledger \(Glyph.middleDot) newest \(table.items.count)"
        table.draw(into: surface, in: rect, title: title, empty: "No stock movements yet.", columns: columns) { m in
            [BackofficeText.time(m.at), m.variantLabel, m.delta > 0 ? "+\(m.delta)" : "\(m.delta)", m.reason.rawValue,
             m.actor ?? "system", m.note.isEmpty ? m.orderNumber.map { "order #\($0)" } ?? "" : m.note]
        }
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .filter: table.beginFilter()
        }
        return .handled
    }
}
