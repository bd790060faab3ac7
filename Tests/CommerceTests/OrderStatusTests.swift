import Testing
@testable import Commerce

@Suite struct OrderStatusTests {
    @Test func theHappyPathIsAllowed() throws {
        try OrderStatus.pending.checkMove(to: .processing)
        try OrderStatus.processing.checkMove(to: .shipped)
        try OrderStatus.shipped.checkMove(to: .delivered)
        try OrderStatus.pending.checkMove(to: .cancelled)
        try OrderStatus.processing.checkMove(to: .cancelled)
    }

    @Test func everyOtherMoveIsRefusedWithAMessage() throws {
        let allowed: Set<[OrderStatus]> = [[.pending, .processing], [.processing, .shipped], [.shipped, .delivered],
                                           [.pending, .cancelled], [.processing, .cancelled]]
        for from in OrderStatus.allCases {
            for to in OrderStatus.allCases where !allowed.contains([from, to]) {
                #expect(!from.canMove(to: to), "\(from) → \(to)")
                #expect(throws: OrderTransitionError(from: from, to: to)) { try from.checkMove(to: to) }
            }
        }
        #expect(OrderTransitionError(from: .shipped, to: .cancelled).description
                == "an order that is SHIPPED cannot become CANCELLED; it can become DELIVERED")
        #expect(OrderTransitionError(from: .delivered, to: .pending).description.contains("cannot change any more"))
    }

    @Test func finalStatesAreFinal() {
        #expect(OrderStatus.delivered.isFinal && OrderStatus.cancelled.isFinal)
        #expect(!OrderStatus.pending.isFinal)
    }

    @Test func paymentRefundsFollowPayment() {
        #expect(PaymentStatus.paid.canMove(to: .refunded))
        #expect(PaymentStatus.paid.canMove(to: .partiallyRefunded))
        #expect(!PaymentStatus.pending.canMove(to: .refunded))
        #expect(!PaymentStatus.refunded.canMove(to: .paid))
        #expect(!PaymentStatus.failed.canMove(to: .paid))
    }
}
