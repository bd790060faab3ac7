/// The money rule of fulfilment: only orders that are paid, or that are paid on delivery, are
/// packed and shipped. A card order whose charge never came back is not sent out for free.
public enum FulfilmentRule {
    /// True when an order paid by `method` ("card" or "cod") with `payment` may move to PROCESSING.
    public static func mayProcess(method: String, payment: PaymentStatus) -> Bool {
        method == "cod" ? payment == .pending || payment == .paid : payment == .paid
    }

    /// What staff can do instead with an unpaid card order.
    public static let unpaidRemedy = "retry the payment, which asks the payment service what became of the charge and then pays or cancels the order"

    /// Throws `.notAllowed`, naming the payment state and the remedy, when the order may not be processed.
    static func checkPaid(number: Int, method: String, payment: PaymentStatus, status: OrderStatus) throws(CommerceError) {
        guard status == .pending, !mayProcess(method: method, payment: payment) else { return }
        throw .notAllowed("order #\(number) is not paid (card payment is \(payment.rawValue)); \(unpaidRemedy)")
    }
}
