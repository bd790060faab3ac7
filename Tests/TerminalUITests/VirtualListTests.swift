import Testing
@testable import TerminalUI

@MainActor
@Suite struct VirtualListTests {
    @Test func listAsksOnlyForVisibleRows() {
        let surface = BufferSurface(size: Size(width: 40, height: 10))
        var asked: [Int] = []
        let state = ListState(selected: 50_000)
        ListView(count: 100_000, state: state) { i in asked.append(i); return ListRow("row \(i)") }
            .draw(into: surface, in: surface.bounds)
        #expect(asked.count == 10)
        #expect(asked == Array(49_991...50_000))
        #expect(surface.line(9).contains("row 50000"))
    }

    @Test func tableAsksOnlyForVisibleRows() {
        let surface = BufferSurface(size: Size(width: 60, height: 12))
        var asked = 0
        let state = ListState()
        TableView(columns: [TableColumn("A"), TableColumn("B", width: .fixed(5), alignRight: true)], count: 100_000, state: state) { i in
            asked += 1
            return ["item \(i)", "\(i)"]
        }.draw(into: surface, in: surface.bounds)
        #expect(asked == 10, "12 rows minus header and rule")
    }

    @Test func aListOfAHundredThousandAsksOnlyForTheVisibleRows() {
        // Virtual, so the work per frame follows the window, not the row count (the bench reports the time).
        let surface = BufferSurface(size: Size(width: 120, height: 40))
        let state = ListState(selected: 50_000)
        var asked: Set<Int> = []
        ListView(count: 100_000, state: state) { index in
            asked.insert(index)
            return ListRow("row \(index)")
        }.draw(into: surface, in: surface.bounds)
        #expect(asked.count <= 40)
        #expect(asked.contains(50_000))
    }

    @Test func selectionScrollsMinimally() {
        let state = ListState()
        #expect(state.visibleRange(height: 5, count: 100) == 0..<5)
        state.select(7, count: 100)
        #expect(state.visibleRange(height: 5, count: 100) == 3..<8)
        state.move(by: -2, count: 100)
        #expect(state.visibleRange(height: 5, count: 100) == 3..<8, "moving within the window does not scroll")
        #expect(state.navigate(.end, count: 100, pageSize: 5))
        #expect(state.visibleRange(height: 5, count: 100) == 95..<100)
        #expect(state.navigate(.char("g"), count: 100, pageSize: 5))
        #expect(state.selected == 0)
        state.select(3, count: 2)
        #expect(state.selected == 1)
    }

    @Test func mouseClickSelectsTheRowUnderThePointerAndTheWheelScrolls() {
        let surface = BufferSurface(size: Size(width: 40, height: 12))
        let state = ListState()
        let inside = surface.box(surface.bounds)
        ListView(count: 1000, state: state) { ListRow("row \($0)") }.draw(into: surface, in: inside)
        #expect(state.navigate(.mouse(MouseEvent(.click, at: Point(x: 5, y: 4))), count: 1000, pageSize: 10))
        #expect(state.selected == 3, "row 3 is drawn on screen line 4 inside the border")
        #expect(!state.navigate(.mouse(MouseEvent(.click, at: Point(x: 5, y: 0))), count: 1000, pageSize: 10), "a click on the border is not a row")
        #expect(state.navigate(.mouse(MouseEvent(.wheelDown, at: Point(x: 5, y: 4))), count: 1000, pageSize: 10))
        #expect(state.selected == 6)
    }

    @Test func columnsShareWidthAndTruncateByCells() {
        #expect(TableColumn.layout([TableColumn("a", width: .fixed(10)), TableColumn("b"), TableColumn("c", width: .flexible(weight: 2, minimum: 4))], total: 42) == [10, 10, 20])
        let surface = BufferSurface(size: Size(width: 30, height: 3))
        TableView(columns: [TableColumn("Title", width: .fixed(9)), TableColumn("Price", alignRight: true)], count: 1, state: ListState()) { _ in
            ["東京タワー模型", "€12"]
        }.draw(into: surface, in: surface.bounds)
        #expect(surface.line(2).hasPrefix(" 東京タワ…"))
        #expect(surface.line(2).hasSuffix("€12"))
    }
}
