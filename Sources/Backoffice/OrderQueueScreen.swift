import Commerce
import TerminalUI

/// The fulfilment queue: one tab per order status with its count, the orders of the chosen status
/// (oldest first while they wait for staff, newest first once done); `/` filters by number, email
/// or payment, Enter opens the order, `e` exports the current status and filter to a CSV file (not in
/// SSH mode, where no user-named file is written). Orders placed in another process appear without a key press.
final class OrderQueueScreen: TableScreen {
    enum Command { case move, open, nextStatus, previousStatus, filter, export, section(SectionCommand) }

    /// How many orders of the chosen status are loaded (the tab still shows the exact count).
    static let limit = 500
    let title = "Orders"
    let session: StaffSession
    private(set) var status = OrderStatus.pending
    private var counts: [OrderStatus: Int] = [:]
    let table = FilteredTable<OrderSummary>(texts: { filterTexts($0.number, $0.email, $0.paymentStatus) }, identity: { $0.number })
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }
    var helpNotes: [String] {
        ["Pending orders wait to be accepted (p on the order); processing ones to be shipped (s).",
         "The queue refreshes by itself when an order is placed or changed elsewhere."]
    }

    init(session: StaffSession, status: OrderStatus = .pending) {
        self.session = session
        self.status = status
    }

    var keyMap: KeyMap<Command> {
        KeyMap([.move(.move), KeyBinding([.enter], help: "Open", priority: .high, command: .open),
                KeyBinding([.tab, .right, .char("l")], "Tab/\(Glyph.left)\(Glyph.right)", help: "Status", priority: .high, command: .nextStatus),
                KeyBinding([.backTab, .left, .char("h")], help: "Previous status", inFooter: false, command: .previousStatus),
                .filter(.filter)]
               + (session.opensUserFiles ? [KeyBinding([.char("e")], help: "Export CSV", priority: .high, command: .export)] : [])
               + SectionCommand.bindings(Command.section, session: session))
    }

    /// What the `/` filter looks in: the same for the rows shown and the rows exported.
    static func filterTexts(_ number: Int, _ email: String, _ payment: PaymentStatus) -> [String] {
        ["#\(number)", email, payment.rawValue]
    }

    /// Waiting orders are worked oldest first; finished ones are looked up newest first.
    private var oldestFirst: Bool { status == .pending || status == .processing }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, status = self.status, oldestFirst = self.oldestFirst
        let loaded = session.attempt(context) { () throws(CommerceError) -> ([OrderSummary], [OrderStatus: Int]) in
            (try store.orders.list(status: status, oldestFirst: oldestFirst, limit: OrderQueueScreen.limit, as: caller),
             try store.orders.countsByStatus(as: caller))
        }
        if let (current, counts) = loaded {
            table.load(current)
            self.counts = counts
        }
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    /// "Pending 3": the exact count, however many are loaded.
    private func tabTitle(_ status: OrderStatus) -> String {
        status.rawValue.capitalized + " \(counts[status] ?? 0)"
    }

    /// " · first 500 of 1200" when the status holds more orders than are loaded.
    private var loadedNote: String {
        let count = counts[status] ?? 0
        return count > table.items.count ? " \(Glyph.middleDot) first \(table.items.count) of \(count)" : ""
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let rest = Section.orders.drawBar(into: surface, in: rect)
        let strip = rest.row(0).inset(dx: 1, dy: 0)
        var x = strip.x
        for each in OrderStatus.allCases where x < strip.maxX {
            let style = each == status ? Style(.accent, [.reverse, .bold]) : Style.muted
            x += surface.put(" \(tabTitle(each)) ", at: Point(x: x, y: strip.y), style: style, maxWidth: strip.maxX - x) + 1
        }
        let columns = [TableColumn("Order", width: .fixed(7)), TableColumn("Placed", width: .fixed(16)),
                       TableColumn("Customer", width: .flexible(weight: 1, minimum: 12)), TableColumn("Payment", width: .fixed(10)),
                       TableColumn("Items", width: .fixed(5), alignRight: true), TableColumn("Total", width: .fixed(11), alignRight: true, style: .price)]
        table.draw(into: surface, in: rest.splitTop(1).1, title: status.rawValue.capitalized + (oldestFirst ? " \(Glyph.middleDot) oldest first" : "") + loadedNote,
                   empty: "No \(status.rawValue.lowercased()) orders.", columns: columns) { o in
            ["#\(o.number)", BackofficeText.time(o.placedAt), o.email, o.paymentStatus.rawValue, "\(o.itemCount)", o.total.formatted]
        }
    }

    private func moveStatus(by step: Int, _ context: AppContext) {
        let all = OrderStatus.allCases
        let index = all.firstIndex(of: status) ?? 0
        status = all[TabBar.index(index, movedBy: step, count: all.count)]
        table.list.first()
        reload(context)
    }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .move: return .handled
        case .open:
            guard let order = table.selected else { return .handled }
            return .push(OrderScreen(session: session, number: order.number))
        case .nextStatus: moveStatus(by: 1, context)
        case .previousStatus: moveStatus(by: -1, context)
        case .filter: table.beginFilter()
        case .export: return session.opensUserFiles ? .push(exportForm()) : .handled
        case .section(let section): return section.action(from: .orders, session)
        }
        return .handled
    }

    /// The form asking where to write the current status and filter as CSV (default
    /// `orders-<status>-<date>.csv` in the current folder); the service's complaint shows under the field.
    private func exportForm() -> FormDialog {
        let session = self.session, export = session.store.dataExport, caller = session.caller, status = self.status
        let filter = table.filter
        var field = TextField(maxLength: 400)
        field.setText("orders-\(status.rawValue.lowercased())-\(CivilDay(milliseconds: session.now())).csv")
        let what = status.rawValue.capitalized + (filter.text.isEmpty ? "" : " orders matching \u{201C}\(filter.text)\u{201D}")
        return FormDialog(title: "Export orders to CSV", intro: "\(what), oldest first.",
                          fields: [FormField("File", field: field)]) { form, context in
            do throws(CommerceError) {
                let path = form.trimmed("File")
                let count = try export.writeOrdersCSV(OrderExportFilter(status: status), including: { row in
                    filter.matches(Self.filterTexts(row.number, row.email, row.paymentStatus).joined(separator: " "))
                }, to: path, as: caller)
                context.toast("Exported \(count) order\(count == 1 ? "" : "s") to \(path)", kind: .success)
                return .pop
            } catch {
                if !form.show(error, labels: ["path": "File"]) { context.toast(error.description.capitalizedFirst, kind: .error, seconds: 5) }
                return .handled
            }
        }
    }
}
