import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// A small shop written with plain SQL (honouring the schema's CHECKs): accounts, one product with two
/// variants, and order #1001 for Sky Shopper. Events get a fixed time so messages compare as text.
struct NotificationShop {
    /// 2025-07-01 09:34:56 UTC.
    static let time: Int64 = 1_751_362_496_000

    let store: Store
    let dir: TempDir
    let shopper: UserID
    let other: UserID
    let staff: UserID
    let admin: UserID
    let order: OrderID

    init() throws {
        (store, dir) = try makeStore()
        let db = store.db
        func user(_ email: String, _ name: String, _ role: String) throws -> UserID {
            UserID(try db.insert("INSERT INTO users(email, name, role, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                                 email, name, role, NotificationShop.time, NotificationShop.time))
        }
        shopper = try user("sky@example.com", "Sky Shopper", "customer")
        other = try user("robin@example.com", "Robin Other", "customer")
        staff = try user("sam@curio.shop", "Sam Staff", "staff")
        admin = try user("ada@curio.shop", "Ada Admin", "admin")
        _ = try user("gone@curio.shop", "Gone Staff", "staff")
        try db.execute("UPDATE users SET disabled = 1 WHERE email = 'gone@curio.shop'")
        try db.execute("INSERT INTO products(id, handle, title, created_at, updated_at) VALUES (1, 'camp-mug', 'Enamel Camp Mug', ?, ?)",
                       NotificationShop.time, NotificationShop.time)
        try db.execute("INSERT INTO products(id, handle, title, created_at, updated_at) VALUES (2, 'kettle', 'Pour-over Kettle', ?, ?)",
                       NotificationShop.time, NotificationShop.time)
        try db.execute("""
            INSERT INTO variants(id, product_id, sku, option1, price, low_stock_threshold, created_at, updated_at)
            VALUES (11, 1, 'MUG-BLUE', 'Blue', 1200, 5, ?1, ?1), (21, 2, 'KETTLE-1', NULL, 4500, 3, ?1, ?1)
            """, NotificationShop.time)
        order = try NotificationShop.insertOrder(db, number: 1001, user: shopper, email: "sky@example.com", name: "Sky Shopper")
    }

    /// Order `number` with two lines: 2 × mug at $12.00, 1 × kettle at $45.00; WELCOME10, standard shipping, tax.
    static func insertOrder(_ db: any SQLConnection, number: Int, user: UserID?, email: String, name: String,
                            line1: String = "12 Harbour Road") throws -> OrderID {
        let id = OrderID(try db.insert("""
            INSERT INTO orders(number, checkout_token, user_id, email, payment_method, currency, subtotal, discount_total,
                               shipping_total, tax_total, total, discount_code, shipping_method_name, ship_name, ship_line1,
                               ship_city, ship_region, ship_postal_code, ship_country, placed_at, updated_at)
            VALUES (?, ?, ?, ?, 'card', 'USD', 6900, 690, 495, 500, 7205, 'WELCOME10', 'Standard (3-5 days)', ?, ?,
                    'Portland', 'OR', '97214', 'US', ?, ?)
            """, number, "token-\(number)", user, email, name, line1, time, time))
        try db.execute("""
            INSERT INTO order_lines(order_id, variant_id, product_id, title, variant_title, sku, unit_price, quantity, line_total)
            VALUES (?1, 11, 1, 'Enamel Camp Mug', 'Blue', 'MUG-BLUE', 1200, 2, 2400),
                   (?1, 21, 2, 'Pour-over Kettle', 'Default Title', 'KETTLE-1', 4500, 1, 4500)
            """, id)
        return id
    }

    /// Emits an event at the fixture's fixed time and returns it as subscribers see it.
    @discardableResult
    func emit(_ kind: EventKind, aggregate: Int64? = nil, _ payload: [String: Any]) throws -> OutboxEvent {
        let id = try store.write { () throws -> EventID in
            // As the services do: an order's events carry the order as their aggregate.
            let id = try store.outbox.emitUntyped(kind, aggregateID: aggregate ?? (payload["order_id"] as? NSNumber)?.int64Value, payload: payload)
            try store.db.execute("UPDATE outbox SET created_at = ? WHERE id = ?", NotificationShop.time, id)
            return id
        }
        guard let event = try store.outbox.event(id) else { throw DeliveryError.missingRow("event \(id)") }
        return event
    }

    /// The OrderPlaced payload of order #1001.
    var placedPayload: [String: Any] { ["order_id": order.rawValue, "number": 1001, "email": "sky@example.com", "user_id": shopper.rawValue] }

    /// The one message `event` renders (fails the test if it renders another number of messages).
    func message(_ event: OutboxEvent) throws -> MailMessage {
        let messages = try NotificationSubscriber(maildir: nil).messages(for: event, store: store)
        try #require(messages.count == 1, "expected one message, got \(messages.count)")
        return messages[0]
    }
}

/// The message's lines (split at CRLF) and its body as "\n" text, for comparisons.
func bodyText(_ message: MailMessage) -> String {
    let rendered = message.rendered
    guard let range = rendered.range(of: "\r\n\r\n") else { return "" }
    return String(rendered[range.upperBound...]).replacingOccurrences(of: "\r\n", with: "\n")
}

@Suite struct NotificationFixtureTests {
    @Test func fixtureOrderIsConsistentForDoctor() throws {
        let shop = try NotificationShop()
        let checks = try Doctor(database: shop.store.db).run().filter { $0.name.hasPrefix("order totals") || $0.name.hasPrefix("every order") }
        #expect(checks.count == 2 && checks.allSatisfy(\.passed))
    }
}
