/// Who the shop's messages come from: `settings.store_name` and `settings.store_email`.
struct ShopIdentity: Sendable {
    /// The name used when `store_name` is not set.
    static let defaultName = "Curio"
    /// The address used when `store_email` is not set or is not a usable address.
    static let defaultEmail = "shop@curio.shop"

    let name: String
    let sender: MailAddress

    /// The shop's identity from the settings, falling back to the defaults.
    static func load(_ db: any SQLConnection) throws -> ShopIdentity {
        let storedName = MailText.line(try db.scalarString("SELECT value FROM settings WHERE key = 'store_name'") ?? "")
        let name = storedName.isEmpty ? defaultName : MailText.truncated(storedName, to: 100)
        let email = try db.scalarString("SELECT value FROM settings WHERE key = 'store_email'") ?? defaultEmail
        let sender = (try? MailAddress(email, name: name)) ?? (try? MailAddress(defaultEmail, name: name))
        guard let sender else { throw DeliveryError.permanent("the default sender address is not valid") }
        return ShopIdentity(name: name, sender: sender)
    }

    /// A deterministic Message-ID for a message: the same delivery always gets the same id.
    func messageID(fileName: String) -> String {
        let local = fileName.replacingOccurrences(of: ".curio", with: "")
        return "\(local)@\(sender.domain)"
    }
}
