/// Fake catalogue data for the demo: 100,000 generated products, produced on demand so the list
/// and table only build the rows they show.
struct DemoCatalogue {
    static let names = ["Teapot", "Notebook", "Lamp", "Mug", "Scarf", "Pen", "Poster", "Kettle", "Vase", "Bowl"]
    static let adjectives = ["Blue", "Tiny", "Handmade", "Vintage", "Ceramic", "Linen", "Brass", "Oak"]
    static let specials = ["東京 Tea Set 🍵", "Café crème ☕", "Family 👨‍👩‍👧 board game", "Flag pin 🇯🇵", "Bad\u{1B}[31mRED\u{1B}[0m label"]

    /// Number of products.
    let count: Int

    func title(_ index: Int) -> String {
        if index < DemoCatalogue.specials.count { return DemoCatalogue.specials[index] }
        let a = DemoCatalogue.adjectives[index % DemoCatalogue.adjectives.count]
        let n = DemoCatalogue.names[(index / 7) % DemoCatalogue.names.count]
        return "\(a) \(n) #\(index)"
    }

    func priceCents(_ index: Int) -> Int { 199 + (index * 7919) % 20000 }

    func price(_ index: Int) -> String {
        let cents = priceCents(index)
        return "€\(cents / 100).\(String(format2: cents % 100))"
    }

    func stock(_ index: Int) -> Int { (index * 31) % 57 }

    func rating(_ index: Int) -> Double { Double((index * 13) % 50) / 10 }

    func sales(_ index: Int) -> [Double] { (0..<30).map { Double((index + $0 * 17) % 23) } }
}

extension String {
    /// Two-digit zero-padded number.
    init(format2 value: Int) { self = value < 10 ? "0\(value)" : "\(value)" }
}
