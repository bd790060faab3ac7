import Foundation

/// The rules for discount codes: their format, their validity for a cart, and the refusal messages.
enum DiscountRules {
    /// The code as stored: trimmed and upper-cased.
    static func normalized(_ code: String) -> String { code.trimmedText.uppercased() }

    /// Why `found` (looked up by the shopper's `typed` text) does not apply to `subtotal` at `now`, or nil when it does.
    static func refusal(_ found: DiscountCode?, typed: String, subtotal: Money, now: Int64) -> String? {
        guard let code = found else { return "there is no discount code \"\(typed)\"; check the spelling" }
        let name = code.code
        if !code.active { return "the code \(name) is no longer active" }
        if let starts = code.startsAt, now < starts { return "the code \(name) can be used from \(when(starts))" }
        if let expires = code.expiresAt, now >= expires { return "the code \(name) expired on \(when(expires))" }
        if let limit = code.usageLimit, code.usedCount >= limit {
            return "the code \(name) has reached its usage limit (\(limit) \(limit == 1 ? "use" : "uses"))"
        }
        if subtotal.minorUnits < code.minimumSubtotal.minorUnits {
            let missing = Money(minorUnits: code.minimumSubtotal.minorUnits - subtotal.minorUnits, currency: subtotal.currency)
            return "spend \(missing.formatted) more to use \(name) (it needs a subtotal of \(code.minimumSubtotal.formatted))"
        }
        return nil
    }

    /// The first problem with a draft as `.invalid(field:)`, else the draft with its code normalised.
    static func validated(_ draft: DiscountCodeDraft) throws(CommerceError) -> DiscountCodeDraft {
        var clean = draft
        clean.code = normalized(draft.code)
        guard (3...32).contains(clean.code.count),
              clean.code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }) else {
            throw .invalid(field: "code", reason: "use 3 to 32 of the letters A-Z, digits 0-9, - and _ (got \"\(draft.code)\")")
        }
        switch draft.value {
        case .percent(let percent):
            guard (1...100).contains(percent) else { throw .invalid(field: "percent", reason: "must be between 1 and 100 (got \(percent))") }
        case .fixed(let amount):
            guard amount.minorUnits > 0 else { throw .invalid(field: "amount", reason: "must be more than zero (got \(amount.formatted))") }
        }
        if let minimum = draft.minimumSubtotal, minimum.minorUnits < 0 {
            throw .invalid(field: "minimum subtotal", reason: "must be 0 or more (got \(minimum.formatted))")
        }
        if let starts = draft.startsAt, let expires = draft.expiresAt, expires <= starts {
            throw .invalid(field: "expires at", reason: "must be after the start (\(when(starts)))")
        }
        if let limit = draft.usageLimit, limit < 1 {
            throw .invalid(field: "usage limit", reason: "must be 1 or more, or none for unlimited (got \(limit))")
        }
        return clean
    }

    /// A moment as shoppers read it: "2025-03-01 14:00 UTC".
    static func when(_ milliseconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
