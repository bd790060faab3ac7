import Foundation

/// An account as staff and the account's owner see it (never the password hash).
public struct UserProfile: Sendable, Equatable, Codable {
    /// The account's id.
    public let id: UserID
    /// The sign-in email, lower-cased; nil for an account known only by its SSH key.
    public let email: String?
    /// The display name.
    public let name: String
    /// What the account may do.
    public let role: Role
    /// True when the account may not sign in.
    public let disabled: Bool
    /// True when the account has a password (and so can sign in with one).
    public let hasPassword: Bool
    /// When the account was made (ms since the epoch).
    public let createdAt: Int64

    /// The caller this account acts as once signed in.
    public var caller: Caller { .user(id, role: role, label: email ?? name) }
}

extension ID: Codable {
    public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(Int64.self)) }
    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// A saved shipping address.
public struct Address: Sendable, Equatable, Codable {
    /// The address's id, or nil before it is saved.
    public var id: AddressID?
    /// A label such as "Home" (optional).
    public var label: String
    /// The recipient's name (required).
    public var name: String
    /// Company (optional).
    public var company: String
    /// Street and number (required).
    public var line1: String
    /// Flat, floor, building (optional).
    public var line2: String
    /// City (required).
    public var city: String
    /// State, province or region (optional).
    public var region: String
    /// Postal code (required for most countries).
    public var postalCode: String
    /// ISO 3166 two-letter country code ("US", "DE").
    public var country: String
    /// Phone number for the carrier (optional).
    public var phone: String
    /// True for the address used unless another is chosen.
    public var isDefault: Bool

    /// An address from its parts.
    public init(id: AddressID? = nil, label: String = "", name: String, company: String = "", line1: String,
                line2: String = "", city: String, region: String = "", postalCode: String, country: String,
                phone: String = "", isDefault: Bool = false) {
        self.id = id
        self.label = label
        self.name = name
        self.company = company
        self.line1 = line1
        self.line2 = line2
        self.city = city
        self.region = region
        self.postalCode = postalCode
        self.country = country
        self.phone = phone
        self.isDefault = isDefault
    }

    /// The address with every field trimmed and the country upper-cased, or the first invalid field.
    public func validated() throws(CommerceError) -> Address {
        var a = self
        let trim: (String) -> String = { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        a.label = trim(label); a.name = trim(name); a.company = trim(company); a.line1 = trim(line1)
        a.line2 = trim(line2); a.city = trim(city); a.region = trim(region); a.postalCode = trim(postalCode)
        a.country = trim(country).uppercased(); a.phone = trim(phone)
        for (field, value) in [("name", a.name), ("address line 1", a.line1), ("city", a.city)] where value.isEmpty {
            throw .invalid(field: field, reason: "required")
        }
        for (field, value) in [("label", a.label), ("name", a.name), ("company", a.company), ("address line 1", a.line1),
                               ("address line 2", a.line2), ("city", a.city), ("region", a.region), ("postal code", a.postalCode), ("phone", a.phone)] {
            if value.count > 200 { throw .invalid(field: field, reason: "longer than 200 characters") }
            if value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) {
                throw .invalid(field: field, reason: "must not contain control characters")
            }
        }
        guard a.country.count == 2, a.country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw .invalid(field: "country", reason: "use the two-letter country code, like US or DE")
        }
        if a.postalCode.isEmpty && !Address.countriesWithoutPostalCodes.contains(a.country) {
            throw .invalid(field: "postal code", reason: "required for \(a.country)")
        }
        if !a.postalCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " " || $0 == "-") }) {
            throw .invalid(field: "postal code", reason: "only letters, digits, spaces and dashes")
        }
        if !a.phone.allSatisfy({ $0.isASCII && ($0.isNumber || " +-().".contains($0)) }) {
            throw .invalid(field: "phone", reason: "only digits, spaces and + - ( ) .")
        }
        return a
    }

    /// Countries where addresses commonly have no postal code.
    static let countriesWithoutPostalCodes: Set<String> = ["AE", "HK", "IE", "QA", "PA", "BO", "JM", "GH", "AO"]
}
