/// Money in JSON: `{"amount": "12.34", "currency": "USD", "minorUnits": 1234}` — the decimal string for
/// people and scripts, the integer for exact arithmetic. Decoding reads `minorUnits` and `currency`.
extension Money: Codable {
    private enum Keys: String, CodingKey { case amount, currency, minorUnits }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let code = try container.decode(String.self, forKey: .currency)
        guard let currency = Currency(code: code) else {
            throw DecodingError.dataCorruptedError(forKey: .currency, in: container, debugDescription: "not an ISO currency code: \(code)")
        }
        self.init(minorUnits: try container.decode(Int64.self, forKey: .minorUnits), currency: currency)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(decimalString, forKey: .amount)
        try container.encode(currency.code, forKey: .currency)
        try container.encode(minorUnits, forKey: .minorUnits)
    }
}
