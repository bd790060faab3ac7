/// An RFC 5322 plain-text message in UTF-8, as written into a Maildir.
public struct MailMessage: Sendable, Equatable {
    /// The sender (the shop).
    public var from: MailAddress
    /// The recipient.
    public var to: MailAddress
    /// The subject, as plain text; encoded on output when it is not ASCII.
    public var subject: String
    /// When the message was written (ms since the epoch).
    public var date: Int64
    /// The Message-ID without angle brackets (`local@domain`).
    public var messageID: String
    /// The body as plain text with "\n" line breaks; wrapped and given CRLFs on output.
    public var body: String
    /// What the message is, for filters (`X-Curio-Notification`), or nil to leave the header out.
    public var kind: String?

    /// A message from its parts.
    public init(from: MailAddress, to: MailAddress, subject: String, date: Int64, messageID: String, body: String,
                kind: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.messageID = messageID
        self.body = body
        self.kind = kind
    }

    /// The message as it goes on disk: headers (every value cleaned of CR, LF and controls, folded to
    /// 78 characters, non-ASCII as RFC 2047 encoded-words), a blank line, the body; CRLF throughout
    /// (the wire form; `Maildir.deliver` stores it with LF line endings).
    /// The body is 8bit UTF-8 wrapped to 76 characters, so no line comes near the 998-byte limit.
    public var rendered: String {
        var text = HeaderText.field("Date", [MailDate.rfc5322(milliseconds: date)])
        text += HeaderText.field("From", from.headerTokens)
        text += HeaderText.field("To", to.headerTokens)
        text += HeaderText.field("Subject", HeaderText.unstructured(subject))
        text += HeaderText.field("Message-ID", ["<" + MailText.line(messageID).replacingOccurrences(of: " ", with: "") + ">"])
        text += HeaderText.field("MIME-Version", ["1.0"])
        text += HeaderText.field("Content-Type", ["text/plain;", "charset=utf-8"])
        text += HeaderText.field("Content-Transfer-Encoding", ["8bit"])
        text += HeaderText.field("Auto-Submitted", ["auto-generated"])
        if let kind { text += HeaderText.field("X-Curio-Notification", HeaderText.unstructured(kind)) }
        return text + "\r\n" + MailBody.crlf(body)
    }
}
