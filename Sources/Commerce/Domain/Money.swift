import Foundation

/// Why an amount of money could not be parsed or computed.
public enum MoneyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text is not a plain decimal amount.
    case invalidAmount(String)
    /// The text has more decimal places than the currency allows.
    case tooManyDecimals(String, allowed: Int)
    /// The result does not fit in 64 bits of minor units.
    case overflow
    /// Two amounts in different currencies were combined.
    case currencyMismatch(Currency, Currency)

    public var description: String {
        switch self {
        case .invalidAmount(let text):
            return "\"\(text)\" is not an amount; write it like 12.34 or 12"
        case .tooManyDecimals(let text, let allowed):
            return allowed == 0
                ? "\"\(text)\" has decimals, but this currency has no minor units"
                : "\"\(text)\" has more than \(allowed) decimal places"
        case .overflow:
            return "the amount is too large"
        case .currencyMismatch(let a, let b):
            return "cannot combine amounts in \(a) and \(b)"
        }
    }
}

/// An amount of money: integer minor units (cents) in one currency. Never floating point.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount in minor units (1234 means 12.34 in USD).
    public let minorUnits: Int64
    /// The currency of the amount.
    public let currency: Currency

    /// An amount from minor units.
    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money { Money(minorUnits: 0, currency: currency) }

    /// Parses "12.34", "12", "-0.5", "+3" exactly (no rounding); surrounding spaces are ignored.
    public static func parse(_ text: String, currency: Currency) throws(MoneyError) -> Money {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var digits = Substring(trimmed)
        var negative = false
        if let sign = digits.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        let isDigits: (Substring) -> Bool = { $0.utf8.allSatisfy { $0 >= 48 && $0 <= 57 } }
        guard !whole.isEmpty, isDigits(whole), isDigits(fraction), !(parts.count > 1 && fraction.isEmpty) else {
            throw .invalidAmount(text)
        }
        let significant = fraction.reversed().drop(while: { $0 == "0" }).count
        guard significant <= currency.minorDigits else {
            throw .tooManyDecimals(text, allowed: currency.minorDigits)
        }
        var units: Int64 = 0
        for byte in whole.utf8 {
            let (timesTen, o1) = units.multipliedReportingOverflow(by: 10)
            let (sum, o2) = timesTen.addingReportingOverflow(Int64(byte - 48))
            if o1 || o2 { throw .overflow }
            units = sum
        }
        var fractionUnits: Int64 = 0
        let fractionDigits = Array(fraction.utf8.prefix(currency.minorDigits))
        for index in 0..<currency.minorDigits {
            fractionUnits = fractionUnits * 10 + (index < fractionDigits.count ? Int64(fractionDigits[index] - 48) : 0)
        }
        let (scaled, o3) = units.multipliedReportingOverflow(by: currency.minorUnitsPerMajor)
        let (total, o4) = scaled.addingReportingOverflow(fractionUnits)
        if o3 || o4 { throw .overflow }
        return Money(minorUnits: negative ? -total : total, currency: currency)
    }

    /// The sum, or `.overflow` / `.currencyMismatch`.
    public func adding(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (sum, overflow) = minorUnits.addingReportingOverflow(other.minorUnits)
        if overflow { throw .overflow }
        return Money(minorUnits: sum, currency: currency)
    }

    /// The difference, or `.overflow` / `.currencyMismatch`.
    public func subtracting(_ other: Money) throws(MoneyError) -> Money {
        guard currency == other.currency else { throw .currencyMismatch(currency, other.currency) }
        let (difference, overflow) = minorUnits.subtractingReportingOverflow(other.minorUnits)
        if overflow { throw .overflow }
        return Money(minorUnits: difference, currency: currency)
    }

    /// The amount times a whole number (a quantity), or `.overflow`.
    public func multiplied(by factor: Int64) throws(MoneyError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: factor)
        if overflow { throw .overflow }
        return Money(minorUnits: product, currency: currency)
    }

    /// The share `basisPoints / 10_000` of the amount, rounded half away from zero (tax, percent discounts).
    public func share(basisPoints: Int64) throws(MoneyError) -> Money {
        let (product, overflow) = minorUnits.multipliedReportingOverflow(by: basisPoints)
        if overflow { throw .overflow }
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 10_000)
        let rounded = abs(remainder) * 2 >= 10_000 ? quotient + (product < 0 ? -1 : 1) : quotient
        return Money(minorUnits: rounded, currency: currency)
    }

    /// The amount with its currency symbol and thousands separators: "$1,234.50", "-€0.99", "1,000 KWD".
    public var formatted: String {
        let magnitude = minorUnits.magnitude
        let perMajor = UInt64(currency.minorUnitsPerMajor)
        let whole = magnitude / perMajor
        var text = Money.groupThousands(String(whole))
        if currency.minorDigits > 0 {
            let fraction = String(magnitude % perMajor)
            text += "." + String(repeating: "0", count: currency.minorDigits - fraction.count) + fraction
        }
        let sign = minorUnits < 0 ? "-" : ""
        if let symbol = currency.symbol { return sign + symbol + text }
        return sign + text + " " + currency.code
    }

    /// The amount as a plain decimal without symbol or separators ("1234.50"), as CSV files and JSON carry it.
    public var decimalString: String {
        let magnitude = minorUnits.magnitude
        let perMajor = UInt64(currency.minorUnitsPerMajor)
        var text = String(magnitude / perMajor)
        if currency.minorDigits > 0 {
            let fraction = String(magnitude % perMajor)
            text += "." + String(repeating: "0", count: currency.minorDigits - fraction.count) + fraction
        }
        return (minorUnits < 0 ? "-" : "") + text
    }

    public var description: String { formatted }

    private static func groupThousands(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
