/// A star rating such as ★★★★☆ 4.2 (ASCII `****- 4.2`).
public struct StarRating: Widget {
    /// Rating from 0 to `outOf`.
    public var rating: Double
    /// Number of stars.
    public var outOf: Int
    /// Show the number after the stars.
    public var showsValue: Bool

    /// Creates a rating.
    public init(rating: Double, outOf: Int = 5, showsValue: Bool = true) {
        self.rating = rating
        self.outOf = outOf
        self.showsValue = showsValue
    }

    /// The stars as text, rounded to the nearest whole star.
    public static func render(_ rating: Double, outOf: Int, glyphs: Glyphs) -> String {
        let r = rating.isFinite ? min(max(rating, 0), Double(outOf)) : 0
        let filled = Int(r.rounded())
        return String(repeating: glyphs.starFilled, count: filled) + String(repeating: glyphs.starEmpty, count: outOf - filled)
    }

    /// Draws the stars in the warning colour and the value muted.
    public func draw(into surface: any Surface, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let stars = StarRating.render(rating, outOf: outOf, glyphs: surface.glyphs)
        let used = surface.put(stars, at: Point(x: rect.x, y: rect.y), style: .warning, maxWidth: rect.width)
        if showsValue {
            let value = rating.isFinite ? (rating * 10).rounded() / 10 : 0
            surface.put(" \(value)", at: Point(x: rect.x + used, y: rect.y), style: .muted, maxWidth: rect.width - used)
        }
    }
}
