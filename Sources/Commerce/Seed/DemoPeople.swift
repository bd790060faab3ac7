/// Names and places for generated customers: plausible, varied and the same on every run.
enum DemoPeople {
    static let firstNames = [
        "Ava", "Ben", "Chloe", "Daniel", "Ella", "Felix", "Grace", "Hugo", "Isla", "Jack", "Keira", "Liam", "Maya", "Noah",
        "Olivia", "Priya", "Quentin", "Rosa", "Samir", "Tara", "Umar", "Vera", "Wen", "Xavier", "Yara", "Zane", "Amara",
        "Bruno", "Carmen", "Dmitri", "Elif", "Farah", "Gustav", "Hana", "Ines", "Jonas", "Kofi", "Lena", "Mateo", "Nadia",
        "Oscar", "Paula", "Rafael", "Sofia", "Theo", "Uma", "Viktor", "Wanda", "Yusuf", "Zoe", "Aiko", "Bea", "Caleb",
        "Dara", "Emil", "Freya", "Gabriel", "Helena", "Ivan", "Julia",
    ]
    static let lastNames = [
        "Adams", "Baker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ito", "Jensen", "Kowalski", "Larsen",
        "Martin", "Nakamura", "Okafor", "Patel", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Walker", "Xu",
        "Young", "Zimmer", "Alvarez", "Brennan", "Chen", "Duarte", "Eriksen", "Fontaine", "Gupta", "Haddad", "Ivanova",
        "Jovanovic", "Kim", "Lopez", "Moreau", "Novak", "O'Brien", "Petrov", "Reyes", "Silva", "Thompson", "Umarov",
        "Vogel", "Weber", "Yilmaz", "Zhang",
    ]
    static let streets = [
        "Maple Street", "Harbour Road", "Elm Avenue", "Mill Lane", "Station Road", "Oak Drive", "Church Street",
        "River Walk", "Park Avenue", "Orchard Close", "High Street", "Cedar Court", "Linden Way", "Bridge Street",
    ]

    /// Where customers live: city, region, postal code, country; US first as most orders ship there.
    static let places: [(city: String, region: String, postalCode: String, country: String, weight: Double)] = [
        ("San Francisco", "CA", "94110", "US", 6), ("Los Angeles", "CA", "90026", "US", 6), ("Oakland", "CA", "94612", "US", 3),
        ("Brooklyn", "NY", "11215", "US", 6), ("New York", "NY", "10003", "US", 5), ("Seattle", "WA", "98103", "US", 5),
        ("Austin", "TX", "78704", "US", 4), ("Houston", "TX", "77002", "US", 3), ("Portland", "OR", "97214", "US", 4),
        ("Denver", "CO", "80205", "US", 3), ("Chicago", "IL", "60614", "US", 4), ("Boston", "MA", "02118", "US", 3),
        ("London", "", "E8 3PN", "GB", 4), ("Manchester", "", "M4 1HN", "GB", 2), ("Edinburgh", "", "EH6 6QU", "GB", 1),
        ("Berlin", "", "10999", "DE", 3), ("Hamburg", "", "20357", "DE", 1), ("Paris", "", "75011", "FR", 2),
        ("Lyon", "", "69001", "FR", 1), ("Amsterdam", "", "1017 AB", "NL", 2), ("Utrecht", "", "3511 AA", "NL", 1),
        ("Toronto", "ON", "M5V 2T6", "CA", 2), ("Ottawa", "ON", "K1P 1J1", "CA", 1),
    ]

    /// A demo customer: account, address and tastes.
    struct Customer {
        let userID: Int64
        let email: String
        let name: String
        let address: HistoryOrder.Address
        /// Leaf category handles the customer keeps coming back to.
        let interests: [String]
        /// How many orders they placed in the history window.
        let orderCount: Int
    }

    /// A random address for `name`.
    static func address(for name: String, rng: inout SplitMix64) -> HistoryOrder.Address {
        let place = places[rng.weightedIndex(cumulativeWeights(places.map(\.weight)))]
        return HistoryOrder.Address(name: name, line1: "\(rng.int(1...220)) \(rng.pick(streets))", city: place.city,
                                    region: place.region, postalCode: place.postalCode, country: place.country)
    }
}
