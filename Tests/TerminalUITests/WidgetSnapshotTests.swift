import Testing
@testable import TerminalUI

@MainActor
@Suite struct WidgetSnapshotTests {
    @Test(arguments: WidgetGallery.names)
    func widgetMatchesSnapshotAtBothSizes(_ name: String) {
        for size in snapshotSizes {
            let surface = BufferSurface(size: size)
            WidgetGallery.draw(name, into: surface)
            assertSnapshot(surface, named: "\(name)-\(size.width)x\(size.height)")
        }
    }

    @Test func asciiGlyphsReplaceBoxDrawingAndBlocks() {
        let surface = BufferSurface(size: Size(width: 40, height: 8), ascii: true)
        let inside = surface.box(surface.bounds, title: "ASCII")
        StarRating(rating: 3).draw(into: surface, in: inside.row(0))
        Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7]).draw(into: surface, in: inside.row(1))
        ProgressBar(fraction: 0.5).draw(into: surface, in: inside.row(2))
        surface.putLine("A title far too long for this narrow box", in: inside.row(3))
        #expect(surface.line(0).hasPrefix("+- ASCII --") && surface.line(0).hasSuffix("-+"))
        #expect(surface.line(1).hasPrefix("|***-- 3.0 ") && surface.line(1).hasSuffix(" |"))
        #expect(surface.line(2).hasPrefix("|__.--=##"))
        #expect(surface.line(4).contains("~"))
        #expect(surface.text.unicodeScalars.allSatisfy { $0.isASCII })
        assertSnapshot(surface, named: "ascii-40x8")
    }

    @Test func nothingIsDrawnOutsideTheSurface() {
        let surface = BufferSurface(size: Size(width: 10, height: 2))
        surface.put("世界世界世界", at: Point(x: 5, y: 0))
        surface.put("hidden", at: Point(x: 0, y: 5))
        surface.put("abc", at: Point(x: -1, y: 1))
        #expect(surface.line(0) == "     世界")
        #expect(surface.line(1) == "bc")
    }

    @Test func wideCharacterCutAtTheEdgeBecomesABlank() {
        let surface = BufferSurface(size: Size(width: 5, height: 1))
        let used = surface.put("ab世界", at: Point(x: 0, y: 0))
        #expect(surface.line(0) == "ab世")
        #expect(used == 5)
    }
}
