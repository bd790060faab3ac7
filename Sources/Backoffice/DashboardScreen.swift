import Commerce
import Foundation
import TerminalUI

/// How the shop is doing: the last 30 days against the 30 before — revenue, orders, average order
/// value, conversion (carts that became orders) and refunds, each with a sparkline per day and the
/// change — then revenue per day as bars, what waits for fulfilment, the best sellers and low stock.
/// The figures come from the reports service's daily summaries, so opening it never scans every
/// order line; it refreshes when another process changes the shop.
final class DashboardScreen: StaffScreen {
    enum Command { case orders, section(SectionCommand) }

    /// The period compared, in days.
    static let days = 30
    let title = "Dashboard"
    let session: StaffSession
    private(set) var report: DashboardReport?
    private var freshness = Freshness()
    var minimumSize: Size { Size(width: 60, height: 16) }
    var helpNotes: [String] {
        ["Figures are for the last \(DashboardScreen.days) days (UTC) against the \(DashboardScreen.days) days before; the sparklines show each day.",
         "Conversion is orders placed per cart started in the period."]
    }

    init(session: StaffSession) { self.session = session }

    var keyMap: KeyMap<Command> {
        KeyMap([KeyBinding([.enter], help: "Fulfilment queue", priority: .high, command: .orders)]
               + SectionCommand.bindings(Command.section, session: session))
    }

    private func reload(_ context: AppContext) {
        let store = session.store, caller = session.caller, now = session.now()
        report = session.attempt(context) { () throws(CommerceError) in
            try store.reports.dashboard(days: DashboardScreen.days, topLimit: 8, lowStockLimit: 8, now: now, as: caller)
        } ?? report
    }

    func prepare(context: AppContext) {
        if freshness.isStale(session) { reload(context) }
    }

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let rest = Section.dashboard.drawBar(into: surface, in: rect)
        guard let report else {
            surface.putLine("The reports could not be loaded.", in: rest.row(0).inset(dx: 1, dy: 0), style: .error)
            return
        }
        let (top, bottom) = rest.splitTop(7)
        drawFigures(report, into: surface, in: surface.box(top, title: "Last \(DashboardScreen.days) days \(Glyph.middleDot) change against the \(DashboardScreen.days) before").inset(dx: 1, dy: 0))
        let panes = PaneLayout(ratio: 0.55, minPrimary: 36, minSecondary: 30).split(bottom)
        drawRevenueBars(report.current, into: surface, in: surface.box(panes.primary, title: "Revenue per day").inset(dx: 1, dy: 0))
        if let right = panes.secondary { drawLists(report, into: surface, in: surface.box(right, title: "Needs attention").inset(dx: 1, dy: 0)) }
    }

    private struct Figure {
        let name: String
        let value: String
        let series: [Double]
        let change: String
    }

    private func drawFigures(_ report: DashboardReport, into surface: any Surface, in rect: Rect) {
        let current = report.current, previous = report.previous
        let figures = [
            Figure(name: "Revenue", value: current.revenue.formatted, series: current.days.map { Double($0.revenue.minorUnits) },
                   change: DashboardScreen.change(Double(current.revenue.minorUnits), Double(previous.revenue.minorUnits))),
            Figure(name: "Orders", value: "\(current.orders)", series: current.days.map { Double($0.orders) },
                   change: DashboardScreen.change(Double(current.orders), Double(previous.orders))),
            Figure(name: "Avg order", value: current.averageOrderValue.formatted, series: current.days.map { Double($0.averageOrderValue.minorUnits) },
                   change: DashboardScreen.change(Double(current.averageOrderValue.minorUnits), Double(previous.averageOrderValue.minorUnits))),
            Figure(name: "Conversion", value: DashboardScreen.percent(report.conversion.rate) + " of \(report.conversion.carts) carts", series: [],
                   change: DashboardScreen.change(report.conversion.rate, report.previousConversion.rate)),
            Figure(name: "Refunds", value: current.refunds.formatted, series: current.days.map { Double($0.refunds.minorUnits) },
                   change: DashboardScreen.change(Double(current.refunds.minorUnits), Double(previous.refunds.minorUnits))),
        ]
        let valueWidth = min(22, max(12, figures.map { DisplayWidth.of($0.value) }.max() ?? 0))
        let sparkWidth = max(0, min(DashboardScreen.days, rect.width - 11 - valueWidth - 2 - 12))
        for (i, figure) in figures.enumerated() where i < rect.height {
            let row = rect.row(i)
            surface.putLine(figure.name, in: Rect(x: row.x, y: row.y, width: 10, height: 1), style: .muted)
            surface.putLine(figure.value, in: Rect(x: row.x + 11, y: row.y, width: valueWidth, height: 1), style: Style.price.with(.bold))
            if sparkWidth > 0, !figure.series.isEmpty {
                Sparkline(values: figure.series).draw(into: surface, in: Rect(x: row.x + 12 + valueWidth, y: row.y, width: sparkWidth, height: 1))
            }
            let style: Style = figure.change.hasPrefix("+") ? .success : figure.change.hasPrefix("\(Glyph.minus)") ? .warning : .muted
            surface.putLine(figure.change, in: Rect(x: row.maxX - 11, y: row.y, width: 11, height: 1), style: style, alignRight: true)
        }
    }

    /// The most recent days that fit, newest at the bottom: "05-28 ▇▇▇▇ $412.50 · 9".
    private func drawRevenueBars(_ period: SalesPeriod, into surface: any Surface, in rect: Rect) {
        let shown = period.days.suffix(max(0, rect.height))
        let bars = shown.map { day in
            BarChart.Bar(String(day.day.description.dropFirst(5)), Double(day.revenue.minorUnits),
                         valueText: "\(day.revenue.formatted) \(Glyph.middleDot) \(day.orders)")
        }
        BarChart(bars: bars).draw(into: surface, in: rect)
    }

    private func drawLists(_ report: DashboardReport, into surface: any Surface, in rect: Rect) {
        var lines = DetailLines(into: surface, in: rect, detailWidth: 11)
        func line(_ text: String, _ detail: String = "", _ style: Style = .text) { lines.line(text, detail, style, detailStyle: .muted) }
        let b = report.backlog
        line("Awaiting fulfilment", "", .accent)
        line("  ready to process", "\(b.readyToProcess)", b.readyToProcess > 0 ? .warning : .text)
        line("  awaiting payment", "\(b.awaitingPayment)")
        line("  to ship", "\(b.toShip)", b.toShip > 0 ? .warning : .text)
        line("  in transit", "\(b.inTransit)")
        lines.gap()
        line("Top products", "", .accent)
        for p in report.topProducts { line("  \(p.title)", "\(p.units) \(Glyph.times)") }
        if report.topProducts.isEmpty { line("  No sales in the period.", "", .muted) }
        lines.gap()
        line("Low stock \(Glyph.middleDot) \(report.lowStockCount)", "", .accent)
        for item in report.lowStock { line("  \(item.title)" + (item.sku.map { " \(Glyph.middleDot) \($0)" } ?? ""), "\(item.stock) left", .warning) }
        if report.lowStock.isEmpty { line("  Nothing is running low.", "", .muted) }
    }

    /// "+12%", "−3%", "±0%", or "new" when there was nothing before (the box's title says against what).
    static func change(_ now: Double, _ before: Double) -> String {
        guard before != 0 else { return now == 0 ? "\u{00B1}0%" : "new" }
        let percent = ((now - before) / abs(before) * 100).rounded()
        if percent == 0 { return "\u{00B1}0%" }
        return (percent > 0 ? "+" : "\(Glyph.minus)") + "\(Int(abs(percent)))%"
    }

    /// "4.2%".
    static func percent(_ rate: Double) -> String { String(format: "%.1f%%", rate * 100) }

    func perform(_ command: Command, context: AppContext) -> ScreenAction {
        switch command {
        case .orders: return .replace(OrderQueueScreen(session: session))
        case .section(let section): return section.action(from: .dashboard, session)
        }
    }
}
