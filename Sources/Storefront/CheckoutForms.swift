import Commerce
import Foundation
import TerminalUI

/// The checkout's forms and how their fields map to the values Commerce expects.
enum CheckoutForms {
    /// The test cards shown as a hint on the payment step.
    static let testCardHint = "Test cards: 4242 4242 4242 4242 is paid \(Glyph.middleDot) 4000 0000 0000 0002 is declined "
        + "\(Glyph.middleDot) any future expiry, any CVC"

    /// The message for an email field: nil when Commerce accepts the address, else what is wrong
    /// (a non-ASCII address is refused here, at the field, since no message could be sent to it).
    static func emailProblem(_ text: String) -> String? {
        do {
            _ = try EmailAddress.normalize(text)
            return nil
        } catch {
            guard case .invalid(_, let reason) = error else { return "Enter an email address like name@example.com." }
            return reason == "required" ? "Enter an email address like name@example.com." : reason.capitalizedFirst + "."
        }
    }

    /// Contact email, prefilled for a signed-in shopper.
    static func contact(email: String) -> Form {
        Form(fields: [
            FormField("Email", field: TextField(text: email, placeholder: "you@example.com", maxLength: 120)) { emailProblem($0) },
        ])
    }

    /// A new shipping address.
    static func address(name: String) -> Form {
        Form(fields: [
            FormField("Name", field: TextField(text: name, maxLength: 100)) { required($0, "Enter the recipient's name.") },
            FormField("Address", field: TextField(placeholder: "street and number", maxLength: 200)) { required($0, "Enter the street address.") },
            FormField("City", field: TextField(maxLength: 100)) { required($0, "Enter the city.") },
            FormField("Region", field: TextField(placeholder: "state or province (optional)", maxLength: 100)),
            FormField("Postal code", field: TextField(maxLength: 20)),
            FormField("Country", field: TextField(placeholder: "two letters, like US or DE", maxLength: 2)) {
                $0.count == 2 && $0.allSatisfy({ $0.isASCII && $0.isLetter }) ? nil : "Use the two-letter country code, like US or DE."
            },
        ])
    }

    /// Card number (masked but for the last four), expiry and CVC (masked).
    static func card() -> Form {
        Form(fields: [
            FormField("Card number", field: TextField(placeholder: "4242 4242 4242 4242", masking: .allButLast(4), maxLength: 23)) {
                $0.filter(\.isNumber).count >= 12 ? nil : "Enter the card number (12 to 19 digits)."
            },
            FormField("Expiry", field: TextField(placeholder: "MM/YY", maxLength: 7)) { expiryProblem($0) },
            FormField("CVC", field: TextField(masking: .all, maxLength: 4)) { (3...4).contains($0.count) ? nil : "3 or 4 digits." },
        ])
    }

    /// The message for the expiry field: nil for a month that has not passed, else what is wrong.
    static func expiryProblem(_ text: String, now: Date = Date()) -> String? {
        do {
            let expiry = try CardExpiry(text)
            return expiry.hasPassed(at: now) ? "This card expired at the end of \(expiry); use a card that is still valid." : nil
        } catch {
            return "Write the expiry as MM/YY, like 12/30."
        }
    }

    /// The address typed into `form`.
    static func address(from form: Form) -> Address {
        Address(name: form.value(of: "Name") ?? "", line1: form.value(of: "Address") ?? "", city: form.value(of: "City") ?? "",
                region: form.value(of: "Region") ?? "", postalCode: form.value(of: "Postal code") ?? "",
                country: form.value(of: "Country") ?? "")
    }

    private static func required(_ value: String, _ message: String) -> String? {
        value.trimmingCharacters(in: .whitespaces).isEmpty ? message : nil
    }
}

extension Form {
    /// Shows a Commerce field error under the field it names ("postal code" → "Postal code",
    /// "address line 1" → "Address"); false when no field matches.
    mutating func show(_ error: CommerceError) -> Bool {
        guard case .invalid(let field, let reason) = error else { return false }
        let name = field.lowercased() == "address line 1" ? "address" : field.lowercased()
        guard let index = fields.firstIndex(where: { $0.label.lowercased() == name }) else { return false }
        fields[index].message = reason.capitalizedFirst + "."
        return true
    }
}

extension Form.Event {
    /// What the event means for a screen: an edit is handled, a submit runs `submit`, other keys fall through.
    @MainActor
    func action(submit: () -> ScreenAction) -> ScreenAction? {
        switch self {
        case .edited: .handled
        case .submitted: submit()
        case .ignored: nil
        }
    }
}
