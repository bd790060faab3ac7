import Foundation

/// What a gateway answered to a charge or refund.
public enum GatewayResult: Sendable, Equatable {
    /// The money moved; `reference` is the gateway's id for it.
    case succeeded(reference: String)
    /// The gateway refused, with a code and words for the shopper.
    case declined(code: DeclineCode)
    /// The gateway did not answer (a timeout, a network failure): whether money moved is unknown, so the
    /// order stays pending and a retry with the same idempotency key finishes it.
    case unavailable(reason: String)
}

/// Why a gateway refused a charge.
public enum DeclineCode: String, Sendable, Codable, CaseIterable {
    case genericDecline = "card_declined"
    case insufficientFunds = "insufficient_funds"
    case expiredCard = "expired_card"
    case incorrectCVC = "incorrect_cvc"
    case processingError = "processing_error"

    /// What to tell the shopper.
    public var message: String {
        switch self {
        case .genericDecline: return "Your card was declined. Try another card or contact your bank."
        case .insufficientFunds: return "Your card has insufficient funds. Try another card."
        case .expiredCard: return "Your card has expired. Check the expiry date or use another card."
        case .incorrectCVC: return "The card's security code (CVC) is incorrect. Check it and try again."
        case .processingError: return "The payment could not be processed. Wait a moment and try again."
        }
    }
}

/// What a gateway knows of an earlier charge, asked by its idempotency key.
public enum ChargeLookup: Sendable, Equatable {
    /// The charge went through; `reference` is the gateway's id for it.
    case charged(reference: String)
    /// The charge was refused.
    case declined(code: DeclineCode)
    /// The gateway never received a charge with this key: no money moved.
    case notFound
    /// The gateway did not answer, or cannot look charges up: nothing is known.
    case unavailable(reason: String)
}

/// A payment provider. Calls carry an idempotency key: repeating a call with the same key must not
/// move money twice, and returns the first answer.
public protocol PaymentGateway: Sendable {
    /// The gateway's name as stored on payments ("test").
    var name: String { get }
    /// Charges `amount` to `card`.
    func charge(_ amount: Money, card: CardDetails, idempotencyKey: String) -> GatewayResult
    /// Refunds `amount` of an earlier charge.
    func refund(_ amount: Money, chargeReference: String, idempotencyKey: String) -> GatewayResult
    /// What became of the charge made with `idempotencyKey`, for a checkout that stopped before its answer came back.
    func lookupCharge(idempotencyKey: String) -> ChargeLookup
}

extension PaymentGateway {
    /// A gateway that cannot look charges up answers that it cannot.
    public func lookupCharge(idempotencyKey: String) -> ChargeLookup {
        .unavailable(reason: "the \(name) gateway cannot look up earlier charges")
    }
}

/// The built-in test gateway. Behaves like well-known gateways' test modes: 4242 4242 4242 4242
/// succeeds; 4000 0000 0000 0002 generic decline; …9995 insufficient funds; …0069 expired card;
/// …0127 incorrect CVC; …0119 processing error; 4000 0000 0000 0408 charges the card but its answer
/// is lost (`unavailable`, as a timeout after the money moved). Any other Luhn-valid number succeeds
/// unless its expiry has passed. Answers are a pure function of the request, so a retry with the same
/// key gets the same answer and reference. With a `journal`, every charge is also appended to that
/// file (as a real gateway keeps its own records), so `lookupCharge` can tell what became of it.
public struct TestGateway: PaymentGateway {
    /// "test".
    public let name = "test"
    /// The clock used for expiry checks.
    public var now: @Sendable () -> Date = { Date() }
    /// The JSON-lines file of the charges this gateway made; nil keeps none, and lookups are unavailable.
    public var journal: String?

    /// A test gateway on the real clock, keeping its charges in `journal` when given.
    public init(journal: String? = nil) {
        self.journal = journal
    }

    /// The card that is charged but whose answer never arrives.
    public static let answerLostCard = "4000000000000408"

    public func charge(_ amount: Money, card: CardDetails, idempotencyKey: String) -> GatewayResult {
        let result = decide(card, idempotencyKey: idempotencyKey)
        guard let journal else {
            return card.number == Self.answerLostCard ? .unavailable(reason: "the test gateway's answer was lost") : result
        }
        // Answers are a pure function of the request, so a repeated key gets the first answer again without
        // reading the journal; only the answer-lost card looks, so that its retry gets the answer that was lost.
        if card.number == Self.answerLostCard, let earlier = TestGatewayJournal(path: journal).entry(for: idempotencyKey) {
            return earlier.result
        }
        guard TestGatewayJournal(path: journal).append(key: idempotencyKey, result: result) else {
            return .unavailable(reason: "the test gateway could not write its journal \(journal)")
        }
        return card.number == Self.answerLostCard ? .unavailable(reason: "the test gateway's answer was lost") : result
    }

    public func lookupCharge(idempotencyKey: String) -> ChargeLookup {
        guard let journal else { return .unavailable(reason: "the test gateway keeps no journal for this shop") }
        switch TestGatewayJournal(path: journal).entry(for: idempotencyKey)?.result {
        case nil: return .notFound
        case .succeeded(let reference)?: return .charged(reference: reference)
        case .declined(let code)?: return .declined(code: code)
        case .unavailable(let reason)?: return .unavailable(reason: reason)
        }
    }

    /// The answer to a charge of `card`, before any journal.
    private func decide(_ card: CardDetails, idempotencyKey: String) -> GatewayResult {
        switch card.number {
        case "4000000000000002": return .declined(code: .genericDecline)
        case "4000000000009995": return .declined(code: .insufficientFunds)
        case "4000000000000069": return .declined(code: .expiredCard)
        case "4000000000000127": return .declined(code: .incorrectCVC)
        case "4000000000000119": return .declined(code: .processingError)
        default:
            if card.isExpired(at: now()) { return .declined(code: .expiredCard) }
            return .succeeded(reference: "ch_test_" + TestGateway.digest(idempotencyKey))
        }
    }

    public func refund(_ amount: Money, chargeReference: String, idempotencyKey: String) -> GatewayResult {
        .succeeded(reference: "re_test_" + TestGateway.digest(idempotencyKey))
    }

    /// A short stable hex digest (FNV-1a) for references.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return String(hash, radix: 16)
    }
}
