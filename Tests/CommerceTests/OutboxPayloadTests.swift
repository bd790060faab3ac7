import Foundation
import Testing
@testable import Commerce

@Suite struct OutboxPayloadTests {
    @Test func scalarsKeepTheirTypes() {
        let payload = EventPayload(json: #"{"id": 42, "big": 9007199254740993, "paid": true, "rate": 2.5, "name": "Zoë", "none": null, "lines": [1, 2], "meta": {"a": 1}}"#)
        #expect(payload.fields["id"] == .integer(42))
        #expect(payload.fields["big"] == .integer(9_007_199_254_740_993), "large ids stay exact")
        #expect(payload.fields["paid"] == .bool(true))
        #expect(payload.fields["rate"] == .number(2.5))
        #expect(payload.fields["name"] == .string("Zoë"))
        #expect(payload.fields["none"] == .null)
        #expect(payload.fields["lines"] == .nested && payload.fields["meta"] == .nested)
    }

    @Test func lookUpsAcceptDigitStringsAndNameTheMissingField() throws {
        let payload = EventPayload(json: #"{"order_id": "17", "number": 1001, "to": "SHIPPED", "stock": 3.0}"#)
        #expect(payload.int("order_id") == 17 && payload.int("stock") == 3 && payload.int("to") == nil)
        #expect(payload.string("number") == "1001" && payload.string("missing") == nil)
        #expect(throws: DeliveryError.badPayload(kind: .orderPlaced, field: "email")) {
            try payload.requireString("email", in: .orderPlaced)
        }
        #expect("\(DeliveryError.badPayload(kind: .orderPlaced, field: "email"))" == #"OrderPlaced payload has no usable "email" field (see EventContract)"#)
        #expect(EventPayload(json: "[1, 2]").fields.isEmpty && EventPayload(json: "not json").fields.isEmpty)
    }

    @Test func typedEventsCarryEveryContractFieldUnderItsName() throws {
        let (store, folder) = try makeStore()
        let events: [DomainEvent] = [
            .orderPlaced(OrderPlaced(orderID: 5, number: 1001, email: "a@b.co", userID: 7)),
            .orderPlaced(OrderPlaced(orderID: 6, number: 1002, email: "guest@b.co", userID: nil)),
            .orderStatusChanged(OrderStatusChanged(orderID: 5, number: 1001, email: "a@b.co", from: "PROCESSING", to: "SHIPPED",
                                                   carrier: "UPS", tracking: "1Z/999")),
            .orderStatusChanged(OrderStatusChanged(orderID: 5, number: 1001, email: "a@b.co", from: "SHIPPED", to: "SHIPPED",
                                                   refundAmount: 250)),
            .paymentFailed(PaymentFailed(orderID: 8, number: 1003, email: "c@d.co", reason: "card_declined")),
            .inventoryLow(InventoryLow(variantID: 11, sku: "MUG-BLUE", title: "Mug (Blue)", stock: 3, threshold: 5)),
            .inventoryUpdated(InventoryUpdated(variantID: 11, stock: 9, delta: -2, reason: "damaged")),
            .userRegistered(UserRegistered(userID: 3, email: "n@e.co", name: "New")),
            .userRegistered(UserRegistered(userID: 4, sshKey: "SHA256:abc")),
            .reviewPosted(ReviewPosted(reviewID: 2, productID: 1, userID: 3, rating: 4, verified: true, replaced: false)),
        ]
        let ids = try store.write { try events.map { try store.outbox.emit($0) } }
        let read = try ids.map { try #require(try store.outbox.event($0)) }
        #expect(read.map(\.kind) == events.map(\.kind))
        #expect(read.map(\.aggregateID) == [5, 6, 5, 5, 8, 11, 11, 3, 4, 2])
        let placed = read[0].payload, guest = read[1].payload, shipped = read[2].payload, refund = read[3].payload
        #expect(placed.int(EventContract.orderID) == 5 && placed.int(EventContract.number) == 1001)
        #expect(placed.string(EventContract.email) == "a@b.co" && placed.int(EventContract.userID) == 7)
        #expect(guest.fields[EventContract.userID] == nil, "an absent user is left out, not null")
        #expect(shipped.string(EventContract.carrier) == "UPS" && shipped.string(EventContract.tracking) == "1Z/999")
        #expect(shipped.string(EventContract.from) == "PROCESSING" && shipped.string(EventContract.to) == "SHIPPED")
        #expect(shipped.fields[EventContract.refundAmount] == nil && refund.int(EventContract.refundAmount) == 250)
        #expect(read[4].payload.string(EventContract.reason) == "card_declined")
        let low = read[5].payload
        #expect(low.string(EventContract.sku) == "MUG-BLUE" && low.int(EventContract.stock) == 3 && low.int(EventContract.threshold) == 5)
        #expect(read[6].payload.int("delta") == -2 && read[6].payload.string(EventContract.reason) == "damaged")
        #expect(read[7].payload.string(EventContract.name) == "New" && read[7].payload.fields["ssh_key"] == nil)
        #expect(read[8].payload.string("ssh_key") == "SHA256:abc" && read[8].payload.fields[EventContract.email] == nil)
        #expect(read[9].payload.fields["verified"] == .bool(true) && read[9].payload.int("rating") == 4)
        withExtendedLifetime(folder) {}
    }

    @Test func emittedEventsReadBackAsSubscribersSeeThem() throws {
        let (store, _) = try makeStore()
        let id = try store.write { try store.outbox.emitUntyped(.orderPlaced, aggregateID: 5, payload: ["order_id": 5, "number": 1001, "email": "a@b.co"]) }
        let event = try #require(try store.outbox.event(id))
        #expect(event.kind == .orderPlaced && event.aggregateID == 5 && event.payload.int(EventContract.orderID) == 5)
        #expect(try store.outbox.event(EventID(99)) == nil)
    }
}
