/// An ISO 4217 currency: its code and how many minor-unit digits it has.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The three-letter code, upper case ("USD").
    public let code: String
    /// Digits after the decimal point (2 for USD, 0 for JPY, 3 for KWD).
    public let minorDigits: Int

    /// A currency by its ISO code; nil when the code is not three ASCII letters.
    public init?(code: String) {
        let upper = code.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.code = upper
        self.minorDigits = Currency.zeroDigit.contains(upper) ? 0 : (Currency.threeDigit.contains(upper) ? 3 : 2)
    }

    /// US dollars.
    public static let usd = Currency(code: "USD")!
    /// Euros.
    public static let eur = Currency(code: "EUR")!
    /// Japanese yen (no minor units).
    public static let jpy = Currency(code: "JPY")!

    /// The symbol shown before amounts, or nil when the code is shown instead.
    public var symbol: String? {
        switch code {
        case "USD": return "$"
        case "EUR": return "€"
        case "GBP": return "£"
        case "JPY": return "¥"
        case "INR": return "₹"
        default: return nil
        }
    }

    /// 10 to the power of `minorDigits`.
    public var minorUnitsPerMajor: Int64 {
        var value: Int64 = 1
        for _ in 0..<minorDigits { value *= 10 }
        return value
    }

    public var description: String { code }

    private static let zeroDigit: Set<String> = ["JPY", "KRW", "CLP", "ISK", "VND", "XAF", "XOF", "UGX", "PYG"]
    private static let threeDigit: Set<String> = ["KWD", "BHD", "OMR", "JOD", "TND", "LYD", "IQD"]
}
