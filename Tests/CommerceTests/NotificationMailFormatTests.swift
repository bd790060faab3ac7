import Foundation
import Testing
@_spi(Storage) @testable import Commerce

/// A rendered message parsed back the way a mail reader does: CRLF lines, unfolded headers,
/// RFC 2047 encoded-words decoded.
struct ParsedMail {
    let rawLines: [String]
    let headers: [(name: String, value: String)]
    let body: [String]

    init(_ text: String) throws {
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "no bare LF")
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "no bare CR")
        #expect(text.hasSuffix("\r\n"))
        rawLines = text.components(separatedBy: "\r\n").dropLast()
        let blank = try #require(rawLines.firstIndex(of: ""), "a blank line ends the headers")
        var unfolded: [String] = []
        for line in rawLines[..<blank] {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                try #require(!unfolded.isEmpty)
                unfolded[unfolded.count - 1] += line
            } else {
                unfolded.append(line)
            }
        }
        headers = try unfolded.map { field in
            let colon = try #require(field.firstIndex(of: ":"), "header line \"\(field)\" has a name")
            let name = String(field[..<colon])
            #expect(name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            return (name, String(field[field.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        body = Array(rawLines[(blank + 1)...])
    }

    /// Every value of header `name` (case-insensitive).
    func all(_ name: String) -> [String] { headers.filter { $0.name.lowercased() == name.lowercased() }.map(\.value) }

    /// The single value of header `name`, decoded.
    func decoded(_ name: String) -> String? { all(name).first.map(ParsedMail.decodeWords) }

    /// Decodes `=?utf-8?B?…?=` words, dropping the whitespace between adjacent encoded-words (RFC 2047 §6.2).
    static func decodeWords(_ value: String) -> String {
        var result = ""
        var previousWasEncoded = false
        for token in value.split(separator: " ", omittingEmptySubsequences: false) {
            if token.hasPrefix("=?utf-8?B?"), token.hasSuffix("?="),
               let data = Data(base64Encoded: String(token.dropFirst(10).dropLast(2))),
               let text = String(data: data, encoding: .utf8) {
                result += (previousWasEncoded || result.isEmpty ? "" : " ") + text
                previousWasEncoded = true
            } else {
                result += (result.isEmpty ? "" : " ") + token
                previousWasEncoded = false
            }
        }
        return result
    }
}

@Suite struct NotificationMailFormatTests {
    @Test func messageParsesBackWithTheRequiredHeaders() throws {
        let shop = try NotificationShop()
        let message = try shop.message(try shop.emit(.orderPlaced, shop.placedPayload))
        let mail = try ParsedMail(message.rendered)
        for name in ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding"] {
            #expect(mail.all(name).count == 1, "exactly one \(name)")
        }
        #expect(mail.decoded("MIME-Version") == "1.0")
        #expect(mail.decoded("Content-Type") == "text/plain; charset=utf-8")
        #expect(["8bit", "quoted-printable"].contains(mail.decoded("Content-Transfer-Encoding") ?? ""))
        let date = try #require(mail.decoded("Date"))
        #expect(date.wholeMatch(of: /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/) != nil)
        #expect(mail.decoded("Message-ID")?.wholeMatch(of: /<[^<>@\s]+@[A-Za-z0-9.-]+>/) != nil)
        #expect(mail.rawLines.allSatisfy { $0.count <= 78 && $0.utf8.count <= 998 })
    }

    @Test func theSameDeliveryAlwaysRendersTheSameBytes() throws {
        let shop = try NotificationShop()
        let event = try shop.emit(.orderPlaced, shop.placedPayload)
        #expect(try shop.message(event).rendered == (try shop.message(event)).rendered)
        #expect(MailDate.rfc5322(milliseconds: 0) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MailDate.rfc5322(milliseconds: 951_782_400_000) == "Tue, 29 Feb 2000 00:00:00 +0000")
    }

    @Test func nonASCIINamesAndSubjectsBecomeEncodedWordsThatDecodeBack() throws {
        let shop = try NotificationShop()
        let name = "Zoë Ångström-Müller 東京の猫 🐈 with a rather long name indeed"
        try shop.store.db.execute("UPDATE users SET name = ? WHERE id = ?", name, shop.shopper)
        let storeName = "Café Crème — Fournitures de bureau et de cuisine, Lyon"
        try shop.store.db.execute("INSERT INTO settings(key, value) VALUES ('store_name', ?)", storeName)
        let mail = try ParsedMail(try shop.message(try shop.emit(.orderPlaced, shop.placedPayload)).rendered)
        #expect(mail.decoded("To") == name + " <sky@example.com>")
        #expect(mail.decoded("From") == storeName + " <shop@curio.shop>")
        #expect(mail.decoded("Subject") == "Your \(storeName) order #1001")
        let headerLines = mail.rawLines.prefix { !$0.isEmpty }
        #expect(headerLines.allSatisfy { $0.count <= 78 && $0.allSatisfy(\.isASCII) }, "headers are ASCII and folded: \(headerLines.filter { $0.count > 78 })")
        let words = headerLines.joined(separator: " ").matches(of: /=\?utf-8\?B\?[A-Za-z0-9+\/=]*\?=/).map { String($0.output) }
        #expect(!words.isEmpty && words.allSatisfy { $0.count <= 75 })
    }

    @Test func asciiNamesWithSpecialsAreQuoted() {
        #expect(HeaderText.phrase("O'Brien, Pat \"PJ\"") == ["\"O'Brien,", "Pat", "\\\"PJ\\\"\""])
        #expect(HeaderText.phrase("Sky Shopper") == ["Sky", "Shopper"])
        #expect(HeaderText.unstructured("looks =?utf-8?B?eA==?= encoded").allSatisfy { $0.hasPrefix("=?utf-8?B?") },
                "text that looks like an encoded-word is encoded, not passed through")
    }

    @Test func headerInjectionThroughANameIsNeutralised() throws {
        let shop = try NotificationShop()
        try shop.store.db.execute("UPDATE users SET name = ? WHERE id = ?", "Eve\r\nBcc: victim@example.com\r\n\r\nfake body", shop.shopper)
        try shop.store.db.execute("INSERT INTO settings(key, value) VALUES ('store_name', ?)", "Shop\nReply-To: evil@example.com")
        let mail = try ParsedMail(try shop.message(try shop.emit(.orderPlaced, shop.placedPayload)).rendered)
        #expect(mail.all("Bcc").isEmpty && mail.all("Reply-To").isEmpty)
        #expect(mail.headers.count == 10)
        #expect(mail.decoded("To") == "\"Eve Bcc: victim@example.com fake body\" <sky@example.com>")
        #expect(mail.decoded("Subject") == "Your Shop Reply-To: evil@example.com order #1001")
        #expect(mail.body.first == "Hello Eve Bcc: victim@example.com fake body,")
    }

    @Test func headerInjectionThroughAnEmailIsRefusedPermanently() throws {
        let shop = try NotificationShop()
        let evil = "sky@example.com\r\nBcc: victim@example.com"
        let order = try NotificationShop.insertOrder(shop.store.db, number: 1002, user: nil, email: evil, name: "Guest")
        let event = try shop.emit(.orderPlaced, ["order_id": order.rawValue, "number": 1002, "email": evil])
        #expect {
            try NotificationSubscriber(maildir: nil).messages(for: event, store: shop.store)
        } throws: { error in
            (error as? DeliveryError)?.isPermanent == true && "\(error)".contains("is not an email address")
        }
        for bad in ["a b@example.com", "<a@example.com>", "a@example.com, b@example.com", "\"a\"@example.com", "a@exa_mple.com", "@example.com"] {
            #expect(throws: DeliveryError.self, "\(bad)") { try MailAddress(bad) }
        }
        #expect(try MailAddress(" Sky.Shopper+shop@Example.COM ").address == "sky.shopper+shop@example.com")
    }

    @Test func controlCharactersInProductsAndAddressesNeverReachTheBody() throws {
        let shop = try NotificationShop()
        try shop.store.db.execute("UPDATE order_lines SET title = ? WHERE sku = 'MUG-BLUE'", "Mug\u{1b}[2J\u{7}\nX-Evil: 1\u{202e}txt.exe")
        // Rows written around the services (their address checks refuse every control character). NUL
        // only where the backend can store it: SQLite keeps it, PostgreSQL refuses the value outright.
        let line1: String
        switch shop.store.db.dialect {
        case .sqlite: line1 = "1 Road\r\n\u{0}Bcc: x"
        case .postgres:
            #expect(throws: DatabaseError.self) {
                try shop.store.db.execute("UPDATE orders SET ship_line1 = ? WHERE id = ?", "1 Road\u{0}", shop.order)
            }
            line1 = "1 Road\r\nBcc: x"
        }
        try shop.store.db.execute("UPDATE orders SET ship_line1 = ?, ship_city = ? WHERE id = ?", line1, "Port\u{85}land", shop.order)
        let text = try shop.message(try shop.emit(.orderPlaced, shop.placedPayload)).rendered
        #expect(!text.unicodeScalars.contains { MailText.isUnsafe($0) && $0 != "\r" && $0 != "\n" })
        let mail = try ParsedMail(text)
        #expect(mail.body.contains("  2 × Mug [2J X-Evil: 1 txt.exe (Blue)"))
        #expect(mail.body.contains("  1 Road Bcc: x"))
        #expect(mail.body.contains("  Port land, OR 97214"))
    }

    @Test func longUnbrokenTextIsWrappedWithinTheLineLimits() throws {
        let shop = try NotificationShop()
        let title = String(repeating: "Ünïcødé", count: 60)
        try shop.store.db.execute("UPDATE order_lines SET title = ? WHERE sku = 'MUG-BLUE'", title)
        let mail = try ParsedMail(try shop.message(try shop.emit(.orderPlaced, shop.placedPayload)).rendered)
        #expect(mail.rawLines.allSatisfy { $0.count <= 78 && $0.utf8.count <= 998 })
        let wrapped = mail.body.filter { $0.contains("Ünïcødé") }
        #expect(wrapped.count > 1 && wrapped.allSatisfy { $0.hasPrefix("  ") })
    }
}
