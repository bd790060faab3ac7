import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// Notifications end to end: dispatcher, Maildir and the in-app inbox.
@Suite struct NotificationDeliveryTests {
    private func files(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func dispatchWritesOneMessagePerRecipientAndInboxRows() throws {
        let shop = try NotificationShop()
        let maildir = Maildir(path: shop.dir.file("mail"))
        try shop.emit(.orderPlaced, shop.placedPayload)
        try shop.emit(.inventoryLow, ["variant_id": 11, "sku": "MUG-BLUE", "title": "Enamel Camp Mug (Blue)", "stock": 3, "threshold": 5])
        let dispatcher = try Dispatcher(store: shop.store, subscribers: [NotificationSubscriber(maildir: maildir)])
        #expect(try dispatcher.dispatchPending().delivered == 2)
        let written = files(shop.dir.file("mail/new"))
        #expect(written.count == 3, "one confirmation, two staff alerts")
        let stored = try shop.store.db.all("SELECT email, kind, maildir_file FROM notifications ORDER BY id") { ($0.string(0), $0.string(1), $0.string(2)) }
        #expect(stored.map(\.0) == ["sky@example.com", "sam@curio.shop", "ada@curio.shop"])
        #expect(Set(stored.map(\.2)) == Set(written), "each inbox row names its Maildir file")
        let text = try #require(FileManager.default.contents(atPath: shop.dir.file("mail/new/" + stored[0].2)))
        let rendered = (try shop.message(try #require(try shop.store.outbox.event(EventID(1))))).rendered
        #expect(String(decoding: text, as: UTF8.self) == rendered.replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(!text.contains(0x0D), "the file has LF line endings, no CR anywhere")
        #expect(try dispatcher.dispatchPending() == DispatchReport())
    }

    /// The subscriber wrote its file, then the process died before the commit (the transaction rolled
    /// back). The next dispatcher delivers again: the inbox row appears once and no second file is written.
    @Test func redeliveryAfterACrashBeforeTheCommitWritesNoDuplicate() throws {
        let shop = try NotificationShop()
        let maildir = Maildir(path: shop.dir.file("mail"))
        let event = try shop.emit(.orderPlaced, shop.placedPayload)
        let subscriber = NotificationSubscriber(maildir: maildir)
        struct Crash: Error {}
        #expect(throws: Crash.self) {
            try shop.store.db.transaction(.immediate) {
                try subscriber.handle(event, store: shop.store)
                throw Crash()
            }
        }
        #expect(files(shop.dir.file("mail/new")).count == 1, "the file was written before the crash")
        #expect(try shop.store.db.scalarInt("SELECT count(*) FROM notifications") == 0, "the inbox row was rolled back")
        #expect(try shop.store.db.scalarInt("SELECT count(*) FROM outbox_deliveries") == 0)

        let (restarted, _) = try makeStore(shop.dir)
        let report = try Dispatcher(store: restarted, subscribers: [subscriber]).dispatchPending()
        #expect(report.delivered == 1)
        #expect(files(shop.dir.file("mail/new")).count == 1, "no duplicate message")
        #expect(try restarted.db.scalarInt("SELECT count(*) FROM notifications") == 1)
        #expect(try deliveryRow(restarted, event: event.id.rawValue, subscriber: "notifications")?.status == "delivered")
    }

    @Test func anUnusableAddressIsRecordedAndNotRetried() throws {
        let shop = try NotificationShop()
        let order = try NotificationShop.insertOrder(shop.store.db, number: 1002, user: nil, email: "x@y.com\nBcc: z@y.com", name: "Guest")
        try shop.emit(.orderPlaced, ["order_id": order.rawValue, "number": 1002, "email": "x@y.com\nBcc: z@y.com"])
        let dispatcher = try Dispatcher(store: shop.store, subscribers: [NotificationSubscriber(maildir: Maildir(path: shop.dir.file("mail")))])
        #expect(try dispatcher.dispatchPending().gaveUp == 1)
        let row = try deliveryRow(shop.store, event: 1, subscriber: "notifications")
        #expect(row?.status == "failed" && row?.error?.hasPrefix("permanent: \"x@y.com bcc: z@y.com\" is not an email address") == true)
        #expect(files(shop.dir.file("mail/new")).isEmpty)
    }

    @Test func welcomeFollowsRegistrationThroughTheAccountsService() throws {
        let (store, dir) = try makeStore()
        store.passwordHasher = .fast
        let signedIn = try store.accounts.register(email: "New@Example.com", name: "Nia New", password: "long enough")
        // Beside the database file on SQLite; PostgreSQL has no file, so the test's folder.
        let maildir = store.location.filePath == nil ? Maildir(path: dir.file("mail")) : Maildir.beside(store.location)
        let dispatcher = try Dispatcher(store: store, subscribers: [NotificationSubscriber(maildir: maildir)])
        #expect(try dispatcher.dispatchPending().delivered == 1)
        let inbox = try store.notifications.inbox(as: signedIn.caller)
        #expect(inbox.map(\.subject) == ["Welcome to Curio"])
        #expect(inbox.first?.email == "new@example.com")
        #expect(files(dir.file("mail/new")).count == 1)
    }

    @Test func eachShopperSeesOnlyTheirOwnInbox() throws {
        let shop = try NotificationShop()
        let robinsOrder = try NotificationShop.insertOrder(shop.store.db, number: 1002, user: shop.other, email: "robin@example.com", name: "Robin Other")
        let guestOrder = try NotificationShop.insertOrder(shop.store.db, number: 1003, user: nil, email: "guest@example.com", name: "Guest")
        try shop.emit(.orderPlaced, shop.placedPayload)
        try shop.emit(.orderPlaced, ["order_id": robinsOrder.rawValue, "number": 1002, "email": "robin@example.com"])
        try shop.emit(.orderPlaced, ["order_id": guestOrder.rawValue, "number": 1003, "email": "guest@example.com"])
        try shop.emit(.inventoryLow, ["variant_id": 11, "sku": "MUG-BLUE", "title": "Mug", "stock": 1, "threshold": 5])
        try Dispatcher(store: shop.store, subscribers: [NotificationSubscriber(maildir: nil)]).dispatchPending()

        let sky = Caller.user(shop.shopper, role: .customer, label: "sky@example.com")
        let robin = Caller.user(shop.other, role: .customer, label: "robin@example.com")
        let sam = Caller.user(shop.staff, role: .staff, label: "sam@curio.shop")
        #expect(try shop.store.notifications.inbox(as: sky).map(\.subject) == ["Your Curio order #1001"])
        #expect(try shop.store.notifications.inbox(as: robin).map(\.subject) == ["Your Curio order #1002"])
        #expect(try shop.store.notifications.inbox(as: sam).map(\.kind) == ["low_stock"], "staff see staff alerts, not orders")
        #expect(throws: CommerceError.self) { try shop.store.notifications.inbox(as: .guest(token: "t")) }
        #expect(try shop.store.notifications.unreadCount(as: .guest(token: "t")) == 0)

        // Reading: one's own only; another's notification is as good as absent.
        let skysItem = try #require(try shop.store.notifications.inbox(as: sky).first)
        #expect(throws: CommerceError.notFound("no notification \(skysItem.id) in your inbox")) {
            try shop.store.notifications.markRead(skysItem.id, as: robin)
        }
        #expect(try shop.store.notifications.unreadCount(as: sky) == 1)
        try shop.store.notifications.markRead(skysItem.id, as: sky)
        #expect(try shop.store.notifications.unreadCount(as: sky) == 0)
        #expect(try shop.store.notifications.inbox(as: sky).first?.isUnread == false)
        #expect(try shop.store.notifications.markAllRead(as: robin) == 1)

        // Staff may list everything (the guest's order included); shoppers may not.
        #expect(try shop.store.notifications.list(as: sam).count == 5)
        #expect(try shop.store.notifications.list(email: "GUEST@example.com", as: sam).map(\.subject) == ["Your Curio order #1003"])
        #expect(throws: CommerceError.self) { try shop.store.notifications.list(as: sky) }
    }
}
