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

    /// Year, month, day, seconds into the day and days since the epoch (from `CivilDay`).
    private static func civil(milliseconds: Int64) -> (year: Int, month: Int, day: Int, seconds: Int, days: Int64) {
        let day = CivilDay(milliseconds: milliseconds)
        let totalSeconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let (year, month, dayOfMonth) = day.components
        return (Int(year), Int(month), Int(dayOfMonth), Int(totalSeconds - day.number * 86_400), day.number)
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
