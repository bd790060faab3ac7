/// One notification as the in-app inbox and `curio notify list` show it.
public struct InboxItem: Sendable, Equatable, Codable {
    /// The notification's id.
    public let id: NotificationID
    /// The account it belongs to; nil for a guest's order.
    public let userID: UserID?
    /// The address it was sent to.
    public let email: String
    /// The event that caused it.
    public let eventID: EventID?
    /// What it is about.
    public let kind: String
    /// The subject line.
    public let subject: String
    /// The plain-text body.
    public let body: String
    /// The message's file name in the Maildir (under `new/`, or `cur/` once a mail client saw it).
    public let maildirFile: String?
    /// When it was made (ms since the epoch).
    public let createdAt: Int64
    /// When its owner read it in the app, or nil while unread.
    public let readAt: Int64?

    /// True until the owner opens it.
    public var isUnread: Bool { readAt == nil }

    static let select = """
        SELECT id, user_id, email, event_id, kind, subject, body, maildir_file, created_at, read_at FROM notifications
        """

    static func map(_ row: Row) -> InboxItem {
        InboxItem(id: NotificationID(row.int64(0)), userID: row.optionalInt64(1).map { UserID($0) }, email: row.string(2),
                  eventID: row.optionalInt64(3).map { EventID($0) }, kind: row.string(4), subject: row.string(5),
                  body: row.string(6), maildirFile: row.optionalString(7), createdAt: row.int64(8), readAt: row.optionalInt64(9))
    }
}
