/// Review texts for the demo: mostly happy, some lukewarm, a few unhappy, as real shops see them.
enum DemoReviews {
    static let texts: [Int: [(title: String, body: String)]] = [
        5: [("Exactly what I hoped for", "Arrived quickly and the quality is even better than the photos suggest."),
            ("Love it", "I have used it every day since it arrived. Would buy again without thinking."),
            ("Great value", "Feels like it costs twice the price. Already ordered one as a gift."),
            ("Five stars", "Well made, well packed and exactly as described."),
            ("A new favourite", "This has replaced the one I had for years. Really pleased.")],
        4: [("Very good", "Does the job well. Took a few days longer to arrive than I expected."),
            ("Nice quality", "Solid and well finished; the colour is a touch darker than the photo."),
            ("Happy with it", "Good product. Instructions could be clearer, but it works nicely.")],
        3: [("It's fine", "Does what it says, nothing special. Fair for the price."),
            ("Mixed feelings", "Looks great, but it is smaller than I imagined.")],
        2: [("Not for me", "The quality did not match the price. I expected more."),
            ("Disappointed", "It works, but it started to show wear after a couple of weeks.")],
        1: [("Would not buy again", "Arrived damaged and the replacement had the same problem."),
            ("Poor", "Stopped working within a month. Customer service was helpful, though.")],
    ]

    /// A rating skewed positive, pulled down for the few products that are simply not that good.
    static func rating(quality: Int, rng: inout SplitMix64) -> Int {
        let roll = Double.random(in: 0..<1, using: &rng)
        let base = roll < 0.5 ? 5 : (roll < 0.8 ? 4 : (roll < 0.9 ? 3 : (roll < 0.95 ? 2 : 1)))
        return max(1, min(5, base + quality))
    }
}
