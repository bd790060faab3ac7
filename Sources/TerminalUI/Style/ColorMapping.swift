/// How many colours the terminal offers.
public enum ColorDepth: Sendable, Hashable {
    /// Attributes only (NO_COLOR, TERM=dumb or a monochrome terminal).
    case none
    /// The eight basic ANSI colours.
    case basic8
    /// The sixteen ANSI colours including bright variants.
    case ansi16
    /// The xterm-256 palette.
    case xterm256

    /// Picks the depth from the number of colours the terminal reports and the environment:
    /// `NO_COLOR` (any value) or `TERM=dumb` mean no colour at all.
    public static func detect(colors: Int, environment: [String: String]) -> ColorDepth {
        if environment["NO_COLOR"] != nil || environment["TERM"] == "dumb" { return .none }
        switch colors {
        case 256...: return .xterm256
        case 16...: return .ansi16
        case 8...: return .basic8
        default: return .none
        }
    }
}

/// Maps theme colours to the nearest colour a terminal of a given depth can show.
public enum ColorMapping {
    /// The palette index to use for `color` at `depth`; nil means "terminal default" or no colour.
    public static func paletteIndex(for color: Color, depth: ColorDepth) -> Int? {
        guard depth != .none else { return nil }
        switch color {
        case .terminalDefault:
            return nil
        case .index(let i):
            let index = Int(i)
            switch depth {
            case .xterm256, .none: return index
            case .ansi16: return index < 16 ? index : nearest(rgb(ofIndex: index), in: 0..<16)
            case .basic8: return index < 8 ? index : index < 16 ? index - 8 : nearest(rgb(ofIndex: index), in: 0..<8)
            }
        case .rgb(let r, let g, let b):
            let target = (Int(r), Int(g), Int(b))
            switch depth {
            case .xterm256, .none: return nearest256(target)
            case .ansi16: return nearest(target, in: 0..<16)
            case .basic8: return nearest(target, in: 0..<8)
            }
        }
    }

    /// The RGB value xterm uses for palette entry `index` (0–255).
    public static func rgb(ofIndex index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16:
            return ansi16[index]
        case 16..<232:
            let n = index - 16
            return (cubeLevels[n / 36], cubeLevels[(n / 6) % 6], cubeLevels[n % 6])
        default:
            let level = 8 + 10 * (min(index, 255) - 232)
            return (level, level, level)
        }
    }

    /// Nearest xterm-256 entry, choosing between the 6×6×6 cube and the grey ramp (as xterm's
    /// own tables do); the 16 system colours are skipped because terminals redefine them.
    static func nearest256(_ c: (Int, Int, Int)) -> Int {
        let cube = nearest(c, in: 16..<232)
        let grey = nearest(c, in: 232..<256)
        return distance(c, rgb(ofIndex: grey)) < distance(c, rgb(ofIndex: cube)) ? grey : cube
    }

    private static func nearest(_ c: (Int, Int, Int), in range: Range<Int>) -> Int {
        var best = range.lowerBound
        var bestDistance = Int.max
        for i in range {
            let d = distance(c, rgb(ofIndex: i))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return best
    }

    /// Weighted squared distance ("redmean"), closer to perception than plain RGB distance.
    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let rMean = (a.0 + b.0) / 2
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return (((512 + rMean) * dr * dr) >> 8) + 4 * dg * dg + (((767 - rMean) * db * db) >> 8)
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]
    private static let ansi16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
