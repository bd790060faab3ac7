import Commerce
import Foundation
import TerminalUI

/// How the back office writes dates, addresses and money amounts, in one place.
enum BackofficeText {
    /// "2026-05-28".
    static func date(_ milliseconds: Int64) -> String { TimeText.date(milliseconds) }
    /// "2026-05-28 14:03" (UTC, so every staff member sees the same).
    static func time(_ milliseconds: Int64) -> String { TimeText.time(milliseconds) }

    /// An address on one line: "Ada Lovelace, 1 Main St, Springfield 12345, US".
    static func oneLine(_ address: Address) -> String {
        let city = [address.city, address.region, address.postalCode].filter { !$0.isEmpty }.joined(separator: " ")
        return [address.name, address.company, address.line1, address.line2, city, address.country]
            .filter { !$0.isEmpty }.joined(separator: ", ")
    }

    /// A problem with `text` as an amount of `currency` above zero, or nil when it is one.
    static func amountProblem(_ text: String, currency: Currency) -> String? {
        guard let amount = try? Money.parse(text.trimmingCharacters(in: .whitespaces), currency: currency) else {
            return "Enter an amount like 12.50."
        }
        return amount.minorUnits > 0 ? nil : "Enter an amount above zero."
    }
}
