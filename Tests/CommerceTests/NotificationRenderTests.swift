import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Golden texts of every notification, rendered from the payloads in `EventContract`.
@Suite struct NotificationRenderTests {
    @Test func orderConfirmationIsTheWholeMessage() throws {
        let shop = try NotificationShop()
        let message = try shop.message(try shop.emit(.orderPlaced, shop.placedPayload))
        let golden = [
            "Date: Tue, 01 Jul 2025 09:34:56 +0000",
            "From: Curio <shop@curio.shop>",
            "To: Sky Shopper <sky@example.com>",
            "Subject: Your Curio order #1001",
            "Message-ID: <1751362496.E1_3f7fd49bbeae539d@curio.shop>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "Auto-Submitted: auto-generated",
            "X-Curio-Notification: order_confirmation",
            "",
            "Hello Sky Shopper,",
            "",
            "Thank you for your order. We have received it and will let you know when it",
            "ships.",
            "",
            "Order #1001, placed 1 Jul 2025",
            "",
            "  2 × Enamel Camp Mug (Blue)",
            "      $12.00 each, $24.00",
            "  1 × Pour-over Kettle",
            "      $45.00",
            "",
            "  Subtotal:                        $69.00",
            "  Discount (WELCOME10):            -$6.90",
            "  Shipping (Standard (3-5 days)):   $4.95",
            "  Tax:                              $5.00",
            "  Total:                           $72.05",
            "",
            "Payment: card",
            "",
            "Ship to:",
            "  Sky Shopper",
            "  12 Harbour Road",
            "  Portland, OR 97214",
            "  US",
            "",
            "You can follow your order under Orders in the shop.",
            "",
            "Curio",
            "",
        ].joined(separator: "\r\n")
        #expect(message.rendered == golden)
    }

    @Test func shippedCarriesCarrierAndTracking() throws {
        let shop = try NotificationShop()
        let message = try shop.message(try shop.emit(.orderStatusChanged, [
            "order_id": shop.order.rawValue, "number": 1001, "from": "PROCESSING", "to": "SHIPPED", "email": "sky@example.com",
            "carrier": "UPS", "tracking": "1Z999AA10123456784",
        ]))
        #expect(message.subject == "Your Curio order #1001 has shipped")
        #expect(message.kind == "order_shipped")
        #expect(bodyText(message) == """
            Hello Sky Shopper,

            Good news: your order #1001 is on its way.

            Carrier: UPS
            Tracking number: 1Z999AA10123456784

            In this parcel:
              2 × Enamel Camp Mug (Blue)
              1 × Pour-over Kettle

            Ship to:
              Sky Shopper
              12 Harbour Road
              Portland, OR 97214
              US

            Curio

            """)
    }

    @Test func deliveredSaysWhomToWrite() throws {
        let shop = try NotificationShop()
        let message = try shop.message(try shop.emit(.orderStatusChanged, [
            "order_id": shop.order.rawValue, "number": 1001, "from": "SHIPPED", "to": "DELIVERED", "email": "sky@example.com",
        ]))
        #expect(message.subject == "Your Curio order #1001 has been delivered")
        #expect(bodyText(message) == """
            Hello Sky Shopper,

            Your order #1001 has been delivered. We hope you enjoy it.

              2 × Enamel Camp Mug (Blue)
              1 × Pour-over Kettle

            If something is not right, write to us at shop@curio.shop and mention the
            order number.

            Curio

            """)
    }

    @Test func cancelledMentionsTheRefund() throws {
        let shop = try NotificationShop()
        let message = try shop.message(try shop.emit(.orderStatusChanged, [
            "order_id": shop.order.rawValue, "number": 1001, "from": "PROCESSING", "to": "CANCELLED", "email": "sky@example.com",
            "refund_amount": 7205,
        ]))
        #expect(message.subject == "Your Curio order #1001 has been cancelled")
        #expect(bodyText(message) == """
            Hello Sky Shopper,

            Your order #1001 has been cancelled.

              2 × Enamel Camp Mug (Blue)
              1 × Pour-over Kettle

            We have refunded $72.05 to your original payment method. It can take a few
            days to show on your statement.

            If you did not expect this, write to us at shop@curio.shop.

            Curio

            """)
    }

    @Test func cancelledWithoutPaymentSaysNothingOfRefunds() throws {
        let shop = try NotificationShop()
        let message = try shop.message(try shop.emit(.orderStatusChanged, [
            "order_id": shop.order.rawValue, "number": 1001, "from": "PENDING", "to": "CANCELLED", "email": "sky@example.com",
        ]))
        #expect(message.kind == "order_cancelled")
        #expect(!bodyText(message).contains("refund"))
    }

    @Test func refundOnAnUnchangedStatusStatesTheAmount() throws {
        let shop = try NotificationShop()
        let message = try shop.message(try shop.emit(.orderStatusChanged, [
            "order_id": shop.order.rawValue, "number": 1001, "from": "DELIVERED", "to": "DELIVERED", "email": "sky@example.com",
            "refund_amount": 1200,
        ]))
        #expect(message.subject == "Refund of $12.00 for your Curio order #1001")
        #expect(bodyText(message) == """
            Hello Sky Shopper,

            We have refunded $12.00 for your order #1001 (total $72.05) to your original
            payment method. It can take a few days to show on your statement.

            If you have a question about this refund, write to us at shop@curio.shop.

            Curio

            """)
    }

    /// Checkout writes OrderPlaced, then on a decline PaymentFailed and the cancellation. The shopper
    /// was told at checkout and the attempt is not an order: no message at all.
    @Test func aDeclinedCheckoutSendsNoMessage() throws {
        let shop = try NotificationShop()
        let subscriber = NotificationSubscriber(maildir: nil)
        let order = shop.order.rawValue
        let placed = try shop.emit(.orderPlaced, shop.placedPayload)
        let failed = try shop.emit(.paymentFailed, ["order_id": order, "number": 1001, "email": "sky@example.com", "reason": "card_declined"])
        let cancelled = try shop.emit(.orderStatusChanged, ["order_id": order, "number": 1001, "email": "sky@example.com",
                                                            "from": "PENDING", "to": "CANCELLED"])
        #expect(try subscriber.messages(for: failed, store: shop.store).isEmpty)
        #expect(try subscriber.messages(for: cancelled, store: shop.store).isEmpty)
        #expect(try subscriber.messages(for: placed, store: shop.store).isEmpty)
    }

    /// Cancelling a paid order writes the refund and then the cancellation: one cancellation message
    /// that states the refund. A refund on its own still gets its own message.
    @Test func aRefundWrittenWithItsCancellationIsToldInTheCancellation() throws {
        let shop = try NotificationShop()
        let subscriber = NotificationSubscriber(maildir: nil)
        let order = shop.order.rawValue
        let partial = try shop.emit(.orderStatusChanged, ["order_id": order, "number": 1001, "email": "sky@example.com",
                                                          "from": "PROCESSING", "to": "PROCESSING", "refund_amount": 500])
        let refund = try shop.emit(.orderStatusChanged, ["order_id": order, "number": 1001, "email": "sky@example.com",
                                                         "from": "PROCESSING", "to": "PROCESSING", "refund_amount": 6705])
        let cancelled = try shop.emit(.orderStatusChanged, ["order_id": order, "number": 1001, "email": "sky@example.com",
                                                            "from": "PROCESSING", "to": "CANCELLED"])
        #expect(try subscriber.messages(for: partial, store: shop.store).map(\.subject) == ["Refund of $5.00 for your Curio order #1001"])
        #expect(try subscriber.messages(for: refund, store: shop.store).isEmpty)
        let message = try shop.message(cancelled)
        #expect(message.kind == "order_cancelled")
        #expect(bodyText(message).contains("We have refunded $67.05 to your original payment method."))
    }

    @Test func welcomeOnRegistration() throws {
        let shop = try NotificationShop()
        let message = try shop.message(try shop.emit(.userRegistered, [
            "user_id": shop.shopper.rawValue, "email": "sky@example.com", "name": "Sky Shopper",
        ]))
        #expect(message.subject == "Welcome to Curio")
        #expect(bodyText(message) == """
            Hello Sky Shopper,

            Welcome to Curio! Your account sky@example.com is ready.

            Sign in to keep your cart between visits, save addresses for a quicker
            checkout, and follow your orders from placement to your door.

            Curio

            """)
    }

    @Test func lowStockGoesToEveryActiveStaffMember() throws {
        let shop = try NotificationShop()
        let event = try shop.emit(.inventoryLow, ["variant_id": 11, "sku": "MUG-BLUE", "title": "Enamel Camp Mug (Blue)", "stock": 3, "threshold": 5])
        let messages = try NotificationSubscriber(maildir: nil).messages(for: event, store: shop.store)
        #expect(messages.map(\.to.address) == ["sam@curio.shop", "ada@curio.shop"], "staff and admins, not the disabled one")
        #expect(messages.allSatisfy { $0.subject == "Low stock: Enamel Camp Mug (Blue), 3 left" })
        #expect(bodyText(messages[0]) == """
            Hello,

            Enamel Camp Mug (Blue) (SKU MUG-BLUE) is down to 3 in stock, at or below its
            low-stock threshold of 5.

            When new stock arrives, record it with:
              curio stock adjust MUG-BLUE +QUANTITY --reason restock

            Curio

            """)
    }

    @Test func shopNameAndSenderComeFromSettings() throws {
        let shop = try NotificationShop()
        try shop.store.db.execute("INSERT INTO settings(key, value) VALUES ('store_name', 'Rosé & Co'), ('store_email', 'Hello@Rose.example')")
        let message = try shop.message(try shop.emit(.orderPlaced, shop.placedPayload))
        #expect(message.from == (try MailAddress("hello@rose.example", name: "Rosé & Co")))
        #expect(message.subject == "Your Rosé & Co order #1001")
        #expect(message.messageID.hasSuffix("@rose.example"))
        #expect(bodyText(message).hasSuffix("\nRosé & Co\n"))
    }

    @Test func eventsThatNotifyNobodyRenderNothing() throws {
        let shop = try NotificationShop()
        let subscriber = NotificationSubscriber(maildir: nil)
        for (kind, payload) in [
            (EventKind.inventoryUpdated, ["variant_id": 11, "stock": 40] as [String: Any]),
            (.reviewPosted, ["review_id": 1, "product_id": 1, "user_id": shop.shopper.rawValue, "rating": 5]),
            (.orderStatusChanged, ["order_id": shop.order.rawValue, "number": 1001, "from": "PENDING", "to": "PROCESSING", "email": "sky@example.com"]),
        ] {
            #expect(try subscriber.messages(for: try shop.emit(kind, payload), store: shop.store).isEmpty, "\(kind)")
        }
    }

    @Test func aPayloadWithoutItsOrderIsAPermanentError() throws {
        let shop = try NotificationShop()
        let subscriber = NotificationSubscriber(maildir: nil)
        #expect(throws: DeliveryError.badPayload(kind: .orderPlaced, field: "order_id")) {
            try subscriber.messages(for: try shop.emit(.orderPlaced, ["number": 1001]), store: shop.store)
        }
        #expect(throws: DeliveryError.missingRow("order 999")) {
            try subscriber.messages(for: try shop.emit(.orderPlaced, ["order_id": 999]), store: shop.store)
        }
    }
}
