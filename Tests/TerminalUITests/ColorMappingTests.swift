import Testing
@testable import TerminalUI

@Suite struct ColorMappingTests {
    @Test func parsesNamesIndicesAndHex() {
        #expect(Color(parsing: "red") == .index(1))
        #expect(Color(parsing: "BrightWhite") == .index(15))
        #expect(Color(parsing: "grey") == .index(8))
        #expect(Color(parsing: "208") == .index(208))
        #expect(Color(parsing: "#ff8700") == .rgb(255, 135, 0))
        #expect(Color(parsing: "default") == .terminalDefault)
        #expect(Color(parsing: "256") == nil)
        #expect(Color(parsing: "purplish") == nil)
        #expect(Color(parsing: "#ggg000") == nil)
    }

    @Test func rgbMapsToTheNearestXterm256Entry() {
        #expect(ColorMapping.paletteIndex(for: .rgb(255, 135, 0), depth: .xterm256) == 208)
        #expect(ColorMapping.paletteIndex(for: .rgb(0, 0, 0), depth: .xterm256) == 16)
        #expect(ColorMapping.paletteIndex(for: .rgb(255, 255, 255), depth: .xterm256) == 231)
        #expect(ColorMapping.paletteIndex(for: .rgb(128, 128, 128), depth: .xterm256) == 244)
        #expect(ColorMapping.paletteIndex(for: .rgb(0x26, 0x8b, 0xd2), depth: .xterm256) == 32)
    }

    @Test func reducesToEightOrSixteenColours() {
        #expect(ColorMapping.paletteIndex(for: .rgb(250, 10, 10), depth: .basic8) == 1)
        #expect(ColorMapping.paletteIndex(for: .rgb(10, 10, 240), depth: .basic8) == 4)
        #expect(ColorMapping.paletteIndex(for: .index(9), depth: .basic8) == 1)
        #expect(ColorMapping.paletteIndex(for: .index(46), depth: .basic8) == 2)
        #expect(ColorMapping.paletteIndex(for: .index(196), depth: .ansi16) == 9)
        #expect(ColorMapping.paletteIndex(for: .index(12), depth: .ansi16) == 12)
    }

    @Test func noColourMeansNoIndex() {
        #expect(ColorMapping.paletteIndex(for: .index(3), depth: .none) == nil)
        #expect(ColorMapping.paletteIndex(for: .terminalDefault, depth: .xterm256) == nil)
    }

    @Test func depthHonoursNoColorAndDumbTerminals() {
        #expect(ColorDepth.detect(colors: 256, environment: ["TERM": "xterm-256color"]) == .xterm256)
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": ""]) == .none)
        #expect(ColorDepth.detect(colors: 256, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorDepth.detect(colors: 8, environment: ["TERM": "dumb"]) == .none)
        #expect(ColorDepth.detect(colors: 8, environment: [:]) == .basic8)
        #expect(ColorDepth.detect(colors: 16, environment: [:]) == .ansi16)
        #expect(ColorDepth.detect(colors: 0, environment: [:]) == .none)
    }

    @Test func monochromeKeepsSelectionVisible() {
        let colourOnly = Theme(name: "c", looks: [.selection: RoleLook(.index(0), on: .index(6))])
        #expect(colourOnly.monochromeAttributes(for: .selection).contains(.reverse))
        #expect(Theme.default.monochromeAttributes(for: .error).contains(.bold))
    }

    @Test func paletteRGBValues() {
        #expect(ColorMapping.rgb(ofIndex: 16) == (0, 0, 0))
        #expect(ColorMapping.rgb(ofIndex: 208) == (255, 135, 0))
        #expect(ColorMapping.rgb(ofIndex: 232) == (8, 8, 8))
        #expect(ColorMapping.rgb(ofIndex: 255) == (238, 238, 238))
    }
}
