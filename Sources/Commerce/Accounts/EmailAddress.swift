import Foundation

/// Checks and normalises an email address: trimmed, lower-cased, one `@`, a dotted domain, no spaces,
/// and only what a message can be sent to (`MailAddress`): ASCII dot-atoms. Internationalised
/// addresses (RFC 6531, `ü@exämple.com`) are refused with a message saying so, rather than accepted
/// and then never delivered.
public enum EmailAddress {
    /// The normalised address, or `.invalid(field: "email", …)` saying what is wrong.
    public static func normalize(_ text: String) throws(CommerceError) -> String {
        let email = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !email.isEmpty else { throw .invalid(field: "email", reason: "required") }
        guard email.count <= 254 else { throw .invalid(field: "email", reason: "longer than 254 characters") }
        guard !email.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f }) else {
            throw .invalid(field: "email", reason: "must not contain spaces or control characters")
        }
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw .invalid(field: "email", reason: "must look like name@example.com")
        }
        guard email.unicodeScalars.allSatisfy(\.isASCII) else {
            throw .invalid(field: "email", reason: "use an address in plain ASCII letters; addresses with accents or other scripts cannot be mailed yet")
        }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix("."), !domain.contains("..") else {
            throw .invalid(field: "email", reason: "the part after @ must be a domain like example.com")
        }
        guard MailAddress.isValid(email) else {
            throw .invalid(field: "email", reason: "must look like name@example.com (letters, digits and . _ - + before the @; letters, digits and - in the domain)")
        }
        return email
    }
}
