/// Display width of text in terminal cells, computed per grapheme cluster from the library's own
/// Unicode table (`UnicodeWidthTable`), so results do not depend on the C library's `wcwidth`.
///
/// - East Asian Wide/Fullwidth characters, emoji with emoji presentation and flags are 2 cells.
/// - Combining marks, zero-width joiners and variation selectors add nothing to their cluster.
/// - A text-presentation symbol followed by U+FE0F (emoji presentation) becomes 2 cells.
public enum DisplayWidth {
    /// Width in cells of a single Unicode scalar (0, 1 or 2). Control characters count as 0.
    public static func of(scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (v >= 0x7F && v < 0xA0) { return 0 }
        if v < 0x300 { return 1 }
        if contains(UnicodeWidthTable.zeroWidth, v) { return 0 }
        if contains(UnicodeWidthTable.doubleWidth, v) { return 2 }
        return 1
    }

    /// Width in cells of one grapheme cluster: the width of its first visible scalar, widened to 2
    /// by an emoji presentation selector and narrowed to 1 by a text presentation selector.
    public static func of(grapheme: Character) -> Int {
        var width = 0
        var sawBase = false
        for scalar in grapheme.unicodeScalars {
            switch scalar.value {
            case 0xFE0F where sawBase: width = 2
            case 0xFE0E where sawBase: width = min(width, 1)
            default:
                if !sawBase {
                    let w = of(scalar: scalar)
                    if w > 0 { width = w; sawBase = true }
                }
            }
        }
        return width
    }

    /// Width in cells of a whole string, summed over its grapheme clusters.
    public static func of(_ text: some StringProtocol) -> Int {
        var total = 0
        for g in text { total += of(grapheme: g) }
        return total
    }

    private static func contains(_ table: [(UInt32, UInt32)], _ value: UInt32) -> Bool {
        var low = 0
        var high = table.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let (start, end) = table[mid]
            if value < start { high = mid - 1 } else if value > end { low = mid + 1 } else { return true }
        }
        return false
    }
}
