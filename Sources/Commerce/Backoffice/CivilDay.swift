/// A UTC calendar day counted from 1970-01-01 (day 0), the unit of the report summaries.
public struct CivilDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let number: Int64

    /// The day with that number.
    public init(_ number: Int64) { self.number = number }

    /// The UTC day holding `milliseconds` since the epoch.
    public init(milliseconds: Int64) {
        number = milliseconds >= 0 ? milliseconds / CivilDay.length : (milliseconds - CivilDay.length + 1) / CivilDay.length
    }

    /// The day parsed from "YYYY-MM-DD", or nil when it is not a real date.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let day = CivilDay.daysFromCivil(y, m, d)
        guard CivilDay(day).components == (y, m, d) else { return nil }
        number = day
    }

    /// Milliseconds in a day.
    public static let length: Int64 = 86_400_000

    /// The first millisecond of the day.
    public var startMilliseconds: Int64 { number * CivilDay.length }

    /// The day `offset` days later (earlier when negative).
    public func adding(_ offset: Int64) -> CivilDay { CivilDay(number + offset) }

    /// "YYYY-MM-DD".
    public var description: String {
        let (y, m, d) = components
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (lhs: CivilDay, rhs: CivilDay) -> Bool { lhs.number < rhs.number }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CivilDay(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Year, month and day (proleptic Gregorian; H. Hinnant's civil_from_days).
    var components: (Int64, Int64, Int64) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func daysFromCivil(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
