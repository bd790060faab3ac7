/// A mailbox for a header: an optional display name and an address checked to be a plain
/// `local@domain` (RFC 5322 dot-atoms), so nothing in it can start another header or address.
public struct MailAddress: Sendable, Equatable {
    /// The address, lower-cased.
    public let address: String
    /// The display name, cleaned to one line; may be empty.
    public let name: String

    /// A mailbox, or `.permanent` when `address` is not a plain email address (after removing controls).
    public init(_ address: String, name: String = "") throws(DeliveryError) {
        let cleaned = MailText.line(address).lowercased()
        guard MailAddress.isValid(cleaned) else {
            throw .permanent("\"\(MailText.truncated(cleaned, to: 80))\" is not an email address a message can be sent to")
        }
        self.address = cleaned
        self.name = MailText.truncated(MailText.line(name), to: 100)
    }

    /// The domain part (after the @).
    public var domain: String { String(address.split(separator: "@").last ?? "") }

    /// The header tokens: the display name (atoms, a quoted string or encoded-words) then `<address>`.
    var headerTokens: [String] {
        name.isEmpty ? [address] : HeaderText.phrase(name) + ["<\(address)>"]
    }

    /// True for `local@domain` where both sides are dot-atoms of ASCII, the domain's labels are letters,
    /// digits and hyphens, and the whole is at most 254 characters.
    static func isValid(_ text: String) -> Bool {
        guard text.utf8.count <= 254 else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, isDotAtom(parts[0], allowed: HeaderText.isAtext) else { return false }
        return isDotAtom(parts[1]) { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
    }

    private static func isDotAtom(_ text: Substring, allowed: (Character) -> Bool) -> Bool {
        let atoms = text.split(separator: ".", omittingEmptySubsequences: false)
        return !text.isEmpty && atoms.allSatisfy { !$0.isEmpty && $0.allSatisfy(allowed) }
    }
}
