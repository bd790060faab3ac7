/// The subscriber that turns events into notifications (see `EventContract` for what it reads):
/// each becomes an RFC 5322 message in the Maildir and a row in `notifications` for the in-app inbox.
///
/// The inbox row commits with the delivery record. The Maildir file is written before the commit
/// under a name derived from the event, this subscriber's name, the recipient and the kind, and is
/// skipped when already present, so a redelivery after a crash never makes a second copy.
public struct NotificationSubscriber: EventSubscriber {
    /// The name deliveries are recorded under.
    public static let subscriberName = "notifications"
    /// The name deliveries are recorded under.
    public var name: String { NotificationSubscriber.subscriberName }
    /// Where messages are written; nil keeps them only in the database.
    public let maildir: Maildir?

    /// A subscriber writing into `maildir` (nil: the in-app inbox only).
    public init(maildir: Maildir?) { self.maildir = maildir }

    /// Renders and stores the notifications `event` causes. A recipient whose address is unusable is
    /// skipped when others remain; when none remain the failure is permanent.
    public func handle(_ event: OutboxEvent, store: Store) throws {
        let shop = try ShopIdentity.load(store.db)
        let drafts = try NotificationRenderer(db: store.db, currency: store.currency, shop: shop).drafts(for: event)
        var refused: DeliveryError?
        var sent = 0
        for draft in drafts {
            do {
                try deliver(draft, event: event, shop: shop, store: store)
                sent += 1
            } catch let error as DeliveryError where error.isPermanent {
                refused = refused ?? error
            }
        }
        if sent == 0, let refused { throw refused }
    }

    private func deliver(_ draft: NotificationDraft, event: OutboxEvent, shop: ShopIdentity, store: Store) throws {
        let (message, fileName) = try compose(draft, event: event, shop: shop)
        try store.db.execute("""
            INSERT INTO notifications(user_id, email, event_id, kind, subject, body, maildir_file, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(event_id, kind, email) DO NOTHING
            """, draft.userID, message.to.address, event.id, draft.kind.rawValue, MailText.line(draft.subject), draft.body,
            maildir == nil ? nil : fileName, event.createdAt)
        try maildir?.deliver(message.rendered, name: fileName)
    }

    /// The message `event` makes for each recipient, without delivering anything (previews and tests).
    public func messages(for event: OutboxEvent, store: Store) throws -> [MailMessage] {
        let shop = try ShopIdentity.load(store.db)
        return try NotificationRenderer(db: store.db, currency: store.currency, shop: shop).drafts(for: event).map { draft in
            try compose(draft, event: event, shop: shop).message
        }
    }

    /// The message for one draft and its Maildir file name (which also makes its Message-ID).
    private func compose(_ draft: NotificationDraft, event: OutboxEvent, shop: ShopIdentity) throws(DeliveryError)
        -> (message: MailMessage, fileName: String) {
        let recipient = try MailAddress(draft.email, name: draft.name)
        let fileName = Maildir.messageName(eventID: event.id, createdAt: event.createdAt, subscriber: name,
                                           recipient: recipient.address, kind: draft.kind.rawValue)
        let message = MailMessage(from: shop.sender, to: recipient, subject: draft.subject, date: event.createdAt,
                                  messageID: shop.messageID(fileName: fileName), body: draft.body, kind: draft.kind.rawValue)
        return (message, fileName)
    }
}
