import Foundation

/// Card details as typed at checkout. Held in memory only for the charge: never stored, logged or
/// printed. `description` shows only the brand and last four digits.
public struct CardDetails: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The digits of the card number (spaces and dashes removed).
    public let number: String
    /// Expiry month, 1...12.
    public let expiryMonth: Int
    /// Expiry year, four digits.
    public let expiryYear: Int
    /// The security code.
    public let cvc: String

    /// Card details from what the shopper typed: "4242 4242 4242 4242", "12/34" or "12/2034", "123".
    /// Errors name the field: card number, expiry or CVC.
    public init(number: String, expiry: String, cvc: String) throws(CommerceError) {
        let digits = number.filter { $0 != " " && $0 != "-" }
        guard !digits.isEmpty else { throw .invalid(field: "card number", reason: "required") }
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalid(field: "card number", reason: "only digits, spaces and dashes")
        }
        guard (12...19).contains(digits.count) else { throw .invalid(field: "card number", reason: "must have 12 to 19 digits") }
        guard CardDetails.luhnValid(digits) else {
            throw .invalid(field: "card number", reason: "is not a valid card number (check the digits)")
        }
        let parsed = try CardExpiry(expiry)
        let trimmedCVC = cvc.trimmingCharacters(in: .whitespaces)
        guard (3...4).contains(trimmedCVC.count), trimmedCVC.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .invalid(field: "CVC", reason: "3 or 4 digits")
        }
        self.number = digits
        self.expiryMonth = parsed.month
        self.expiryYear = parsed.year
        self.cvc = trimmedCVC
    }

    /// The card's brand from its number.
    public var brand: CardBrand { CardBrand(number: number) }
    /// The last four digits.
    public var last4: String { String(number.suffix(4)) }
    /// True when the card's expiry month has passed at `date`.
    public func isExpired(at date: Date) -> Bool {
        CardExpiry(month: expiryMonth, year: expiryYear).hasPassed(at: date)
    }

    public var description: String { "\(brand.name) •••• \(last4)" }
    public var debugDescription: String { description }

    /// The Luhn checksum over a string of digits.
    public static func luhnValid(_ digits: String) -> Bool {
        var sum = 0
        for (index, character) in digits.reversed().enumerated() {
            guard let digit = character.wholeNumberValue else { return false }
            if index % 2 == 1 {
                let doubled = digit * 2
                sum += doubled > 9 ? doubled - 9 : doubled
            } else {
                sum += digit
            }
        }
        return sum % 10 == 0
    }
}

/// A card's expiry month as typed: "12/34" or "12/2034". A card is good until the end of that month.
public struct CardExpiry: Sendable, Equatable, CustomStringConvertible {
    /// 1...12.
    public let month: Int
    /// Four digits.
    public let year: Int

    /// The expiry of `text`; `.invalid(field: "expiry")` unless it is MM/YY or MM/YYYY.
    public init(_ text: String) throws(CommerceError) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/")
        let yearText = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        guard parts.count == 2, let month = Int(parts[0].trimmingCharacters(in: .whitespaces)), let rawYear = Int(yearText),
              (1...12).contains(month), yearText.count == 2 || yearText.count == 4, rawYear >= 0 else {
            throw .invalid(field: "expiry", reason: "write it as MM/YY")
        }
        self.init(month: month, year: rawYear < 100 ? 2000 + rawYear : rawYear)
    }

    init(month: Int, year: Int) {
        self.month = month
        self.year = year
    }

    /// True once the expiry month is over at `date` (in UTC).
    public func hasPassed(at date: Date) -> Bool {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC") ?? .current, from: date)
        let (now, current) = (parts.year ?? 0, parts.month ?? 0)
        return year < now || (year == now && month < current)
    }

    /// "03/24".
    public var description: String { String(format: "%02d/%02d", month, year % 100) }
}

/// Card networks recognised from the number's prefix.
public enum CardBrand: String, Sendable, Codable {
    case visa, mastercard, amex, discover, jcb, dinersClub = "diners", unionPay = "unionpay", unknown

    /// The brand of `number` by its IIN prefix.
    public init(number: String) {
        let prefix2 = Int(number.prefix(2)) ?? 0
        let prefix4 = Int(number.prefix(4)) ?? 0
        if number.hasPrefix("4") { self = .visa }
        else if (51...55).contains(prefix2) || (2221...2720).contains(prefix4) { self = .mastercard }
        else if prefix2 == 34 || prefix2 == 37 { self = .amex }
        else if number.hasPrefix("6011") || prefix2 == 65 || (644...649).contains(Int(number.prefix(3)) ?? 0) { self = .discover }
        else if (3528...3589).contains(prefix4) { self = .jcb }
        else if prefix2 == 36 || prefix2 == 38 || (300...305).contains(Int(number.prefix(3)) ?? 0) { self = .dinersClub }
        else if prefix2 == 62 { self = .unionPay }
        else { self = .unknown }
    }

    /// The brand as shoppers know it.
    public var name: String {
        switch self {
        case .visa: return "Visa"
        case .mastercard: return "Mastercard"
        case .amex: return "American Express"
        case .discover: return "Discover"
        case .jcb: return "JCB"
        case .dinersClub: return "Diners Club"
        case .unionPay: return "UnionPay"
        case .unknown: return "Card"
        }
    }
}
