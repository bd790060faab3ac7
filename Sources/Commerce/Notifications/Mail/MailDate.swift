/// Dates as RFC 5322 writes them (`Tue, 01 Jul 2025 09:05:00 +0000`), computed without locales.
enum MailDate {
    private static let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The RFC 5322 date-time for `milliseconds` since the epoch, in UTC.
    static func rfc5322(milliseconds: Int64) -> String {
        let parts = civil(milliseconds: milliseconds)
        let weekday = days[Int(((parts.days % 7) + 7) % 7)]
        return "\(weekday), \(two(parts.day)) \(months[parts.month - 1]) \(parts.year) "
            + "\(two(parts.seconds / 3600)):\(two(parts.seconds / 60 % 60)):\(two(parts.seconds % 60)) +0000"
    }

    /// A short date for message bodies: `1 Jul 2025`.
    static func short(milliseconds: Int64) -> String {
        let parts = civil(milliseconds: milliseconds)
        return "\(parts.day) \(months[parts.month - 1]) \(parts.year)"
    }

    /// Year, month, day, seconds into the day and days since the epoch (Howard Hinnant's civil_from_days).
    private static func civil(milliseconds: Int64) -> (year: Int, month: Int, day: Int, seconds: Int, days: Int64) {
        let totalSeconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let days = totalSeconds >= 0 ? totalSeconds / 86_400 : (totalSeconds - 86_399) / 86_400
        let seconds = Int(totalSeconds - days * 86_400)
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        return (year, month, day, seconds, days)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
