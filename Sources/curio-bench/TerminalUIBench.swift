import Foundation
import TerminalUI

/// TerminalUI rows for curio-bench: full-frame render time at 200x60 (into memory and into a
/// real curses screen on a pseudo-terminal) and the bytes sent to the terminal when the selection
/// moves one row in a 120x40 list, beside a full repaint; and word wrapping: one unbroken 100k- and
/// 5M-character word beside 100k characters of ordinary words (linear wrapping keeps the long word
/// near its anchor per character). Must be called on the main thread.
func terminalUIBenchRows() -> [(case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String)] {
    MainActor.assumeIsolated { TerminalUIBench().run() }
}

@MainActor
private struct TerminalUIBench {
    typealias Row = (case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String)

    func run() -> [Row] {
        setenv("LC_ALL", "C.UTF-8", 1)
        var rows = [bufferRender()] + wrapping()
        do {
            rows.append(try cursesRender())
            rows.append(contentsOf: try bytesPerMove())
        } catch {
            rows.append(("tui.curses", "-", 0, 0, "skipped: \(error)"))
        }
        return rows
    }

    /// Render time of the realistic screen into a BufferSurface at 200x60.
    func bufferRender() -> Row {
        let surface = BufferSurface(size: Size(width: 200, height: 60))
        let app = App(root: BenchScreen(), name: "Curio")
        let times = measure(iterations: 400) {
            app.send(.down)
            app.render(into: surface)
        }
        return ("tui.render.buffer", "200x60", percentile(times, 0.5), percentile(times, 0.99), rate(times, unit: "frames/s"))
    }

    /// Wrapping to 78 cells: ordinary words (the anchor) and one unbroken word of the same length,
    /// then one 50 times longer, so the table shows the cost growing with the length, not its square.
    func wrapping() -> [Row] {
        let words = String(repeating: "lorem ipsum dolor sit amet ", count: 100_000 / 27)
        let word100k = String(repeating: "x", count: 100_000)
        let word5M = String(repeating: "y", count: 5_000_000)
        func row(_ name: String, _ text: String, iterations: Int) -> Row {
            var lines = 0
            let times = measure(iterations: iterations, warmUp: 1) { lines = TextLayout.wrap(text, width: 78).count }
            return ("tui.wrap." + name, "\(text.utf8.count / 1000)k chars", percentile(times, 0.5), percentile(times, 0.99), "\(lines) lines")
        }
        return [row("words (anchor)", words, iterations: 20), row("one-word", word100k, iterations: 20), row("one-word", word5M, iterations: 3)]
    }

    /// Render plus `present()` (curses diff and write) into a pseudo-terminal at 200x60.
    func cursesRender() throws -> Row {
        let pty = try PseudoTerminal(size: Size(width: 200, height: 60))
        let terminal = try CursesSurface(options: options(pty))
        defer { terminal.close() }
        let app = App(root: BenchScreen(), name: "Curio")
        var written = 0
        var times: [Double] = []
        for i in 0..<210 {
            let start = ContinuousClock.now
            app.send(.down)
            app.render(into: terminal)
            terminal.present()
            if i >= 10 { times.append(micros(ContinuousClock.now - start)) }
            // Drained outside the timing, every frame, so the pty buffer never fills and blocks curses.
            written += pty.drain(quietMilliseconds: 5).count
        }
        let perFrame = written / max(1, times.count)
        return ("tui.render.curses-pty", "200x60", percentile(times, 0.5), percentile(times, 0.99),
                rate(times, unit: "frames/s") + ", ~\(perFrame) B/frame")
    }

    /// Bytes on the wire for a one-row selection move vs a full repaint, 120x40 list screen.
    func bytesPerMove() throws -> [Row] {
        let pty = try PseudoTerminal(size: Size(width: 120, height: 40))
        let terminal = try CursesSurface(options: options(pty))
        defer { terminal.close() }
        let app = App(root: BenchListScreen(), name: "Curio")
        app.render(into: terminal)
        terminal.present()
        _ = pty.drain()

        var moveBytes: [Double] = []
        var moveTimes: [Double] = []
        for _ in 0..<30 {
            let start = ContinuousClock.now
            app.send(.down)
            app.render(into: terminal)
            terminal.present()
            moveTimes.append(micros(ContinuousClock.now - start))
            moveBytes.append(Double(pty.drain().count))
        }
        var fullBytes: [Double] = []
        var fullTimes: [Double] = []
        for _ in 0..<10 {
            let start = ContinuousClock.now
            terminal.invalidate()
            app.render(into: terminal)
            terminal.present()
            fullTimes.append(micros(ContinuousClock.now - start))
            fullBytes.append(Double(pty.drain().count))
        }
        let move = percentile(moveBytes, 0.5)
        let full = percentile(fullBytes, 0.5)
        let ratio = full > 0 ? move / full : 0
        let verdict = ratio < 0.1 ? "meets < 1/10" : "MISSES < 1/10"
        return [
            ("tui.bytes.move-one-row", "120x40", percentile(moveTimes, 0.5), percentile(moveTimes, 0.99),
             "\(Int(move)) B/move (p99 \(Int(percentile(moveBytes, 0.99))) B), \(String(format: "%.1f", ratio * 100))% of full repaint, \(verdict)"),
            ("tui.bytes.full-repaint", "120x40", percentile(fullTimes, 0.5), percentile(fullTimes, 0.99), "\(Int(full)) B/repaint"),
        ]
    }

    private func options(_ pty: PseudoTerminal) -> TerminalOptions {
        TerminalOptions(inputDescriptor: pty.slave, outputDescriptor: pty.slave, terminalType: "xterm-256color",
                        environment: ["TERM": "xterm-256color"])
    }

    private func measure(iterations: Int, warmUp: Int = 10, _ body: () -> Void) -> [Double] {
        for _ in 0..<warmUp { body() }
        return (0..<iterations).map { _ in
            let start = ContinuousClock.now
            body()
            return micros(ContinuousClock.now - start)
        }
    }

    private func micros(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
    }

    private func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }

    private func rate(_ times: [Double], unit: String) -> String {
        let mean = times.reduce(0, +) / Double(max(1, times.count))
        return mean > 0 ? "\(Int(1e6 / mean)) \(unit)" : "-"
    }
}

/// A realistic back-office screen: an orders table of 100k rows, a detail pane with a chart,
/// title bar and footer (drawn by App).
@MainActor
private final class BenchScreen: Screen {
    let title = "Orders"
    let keyMap: KeyMap<Int> = [
        KeyBinding([.down, .char("j")], "↓/j", help: "Next", command: 1),
        KeyBinding([.up, .char("k")], "↑/k", help: "Previous", command: -1),
        KeyBinding([.enter], help: "Open", command: 0),
        KeyBinding([.char("/")], help: "Search", command: 0),
    ]
    let state = ListState()
    let columns = [
        TableColumn("Order", width: .fixed(8)),
        TableColumn("Customer", width: .flexible(weight: 2, minimum: 10)),
        TableColumn("Items", width: .flexible(weight: 3, minimum: 10)),
        TableColumn("Status", width: .fixed(10)),
        TableColumn("Total", width: .fixed(10), alignRight: true, style: .price),
    ]
    let statuses = ["PENDING", "PROCESSING", "SHIPPED", "DELIVERED", "CANCELLED"]

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let panes = PaneLayout(ratio: 0.65, minPrimary: 60, minSecondary: 30).split(rect)
        let inside = surface.box(panes.primary, title: "Orders")
        TableView(columns: columns, count: 100_000, state: state) { [statuses] i in
            ["#\(100_000 + i)", "Customer 顧客 \(i % 997)", "Teapot ×\(i % 4 + 1), Café mug", statuses[i % 5], "€\(i % 500).\(i % 90 + 10)"]
        }.draw(into: surface, in: inside)
        guard let detail = panes.secondary else { return }
        let d = surface.box(detail, title: "Order #\(100_000 + state.selected)")
        surface.putWrapped("Customer \(state.selected % 997) ordered teapots and mugs; ships to 東京, Japan.", in: d.splitTop(3).0)
        StarRating(rating: Double(state.selected % 50) / 10).draw(into: surface, in: d.row(4))
        Sparkline(values: (0..<40).map { Double(($0 * 7 + state.selected) % 13) }).draw(into: surface, in: d.row(6))
        BarChart(bars: (0..<7).map { BarChart.Bar("Day \($0)", Double(($0 * 3 + state.selected) % 10)) })
            .draw(into: surface, in: Rect(x: d.x, y: d.y + 8, width: d.width, height: 7))
        ProgressBar(fraction: Double(state.selected % 100) / 100, label: "Packed").draw(into: surface, in: d.row(16))
    }

    func perform(_ command: Int, context: AppContext) -> ScreenAction {
        state.move(by: command, count: 100_000)
        return .handled
    }
}

/// A product list filling a 120x40 terminal, for the bytes-per-move measurement.
@MainActor
private final class BenchListScreen: Screen {
    let title = "Products"
    let keyMap: KeyMap<Int> = [
        KeyBinding([.down, .char("j")], "↓/j", help: "Next", command: 1),
        KeyBinding([.up, .char("k")], "↑/k", help: "Previous", command: -1),
    ]
    let state = ListState()

    func draw(into surface: any Surface, in rect: Rect, context: AppContext) {
        let inside = surface.box(rect, title: "Products")
        ListView(count: 100_000, state: state) { i in
            ListRow("Handmade ceramic teapot, glaze \(i % 37), 茶 \(i)", detail: "€\(i % 300).99", detailStyle: .price)
        }.draw(into: surface, in: inside)
    }

    func perform(_ command: Int, context: AppContext) -> ScreenAction {
        state.move(by: command, count: 100_000)
        return .handled
    }
}
