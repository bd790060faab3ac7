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

    @Test func emittedEventsReadBackAsSubscribersSeeThem() throws {
        let (store, _) = try makeStore()
        let id = try store.write { try store.outbox.emit(.orderPlaced, aggregateID: 5, payload: ["order_id": 5, "number": 1001, "email": "a@b.co"]) }
        let event = try #require(try store.outbox.event(id))
        #expect(event.kind == .orderPlaced && event.aggregateID == 5 && event.payload.int(EventContract.orderID) == 5)
        #expect(try store.outbox.event(EventID(99)) == nil)
    }
}
