import Foundation
import Testing
@_spi(Storage) @testable import Commerce

@Suite struct MaildirTests {
    private func names(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    @Test func deliveryMakesTheLayoutAMailReaderExpects() throws {
        let dir = TempDir()
        let maildir = Maildir(path: dir.file("mail"))
        #expect(try maildir.deliver("Subject: hi\r\n\r\nbody\r\n", name: "1.E1_abc.curio"))
        for sub in ["tmp", "new", "cur"] {
            var isFolder: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: dir.file("mail/\(sub)"), isDirectory: &isFolder) && isFolder.boolValue)
        }
        #expect(names(dir.file("mail/new")) == ["1.E1_abc.curio"])
        #expect(names(dir.file("mail/tmp")).isEmpty, "nothing left behind in tmp/")
        #expect(FileManager.default.contents(atPath: dir.file("mail/new/1.E1_abc.curio")) == Data("Subject: hi\n\nbody\n".utf8),
                "the Maildir convention is LF line endings (mutt shows ^M otherwise)")
        let mode = try FileManager.default.attributesOfItem(atPath: dir.file("mail/new/1.E1_abc.curio"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func messagesAreAsPrivateAsTheDatabaseBesideThem() throws {
        let dir = TempDir()
        let db = dir.file("shop.db")
        #expect(FileManager.default.createFile(atPath: db, contents: Data(), attributes: [.posixPermissions: 0o600]))
        let own = Maildir.beside(databasePath: db)
        #expect(own.fileMode == 0o600 && own.folderMode == 0o700)
        // A shop folder shared by the SSH accounts' group: every session must be able to deliver.
        try FileManager.default.setAttributes([.posixPermissions: 0o660], ofItemAtPath: db)
        let shared = Maildir.beside(databasePath: db)
        #expect(shared.fileMode == 0o660 && shared.folderMode == 0o770)
        #expect(try shared.deliver("Subject: hi\r\n\r\nbody\r\n", name: "1.E1_abc.curio"))
        let mode = try FileManager.default.attributesOfItem(atPath: dir.file("mail/new/1.E1_abc.curio"))[.posixPermissions] as? Int
        #expect(mode == 0o660 & ~Int(currentUmask()), "created 0660, less the process's umask (007 in SSH mode)")
    }

    /// The process's umask, read without changing it (tests run in parallel).
    private func currentUmask() -> mode_t {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") }
        return line.flatMap { mode_t($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) } ?? 0o022
    }

    @Test func aMessageAlreadyInNewOrCurIsNotWrittenAgain() throws {
        let dir = TempDir()
        let maildir = Maildir(path: dir.file("mail"))
        #expect(try maildir.deliver("first", name: "1.E1_abc.curio"))
        #expect(try maildir.deliver("second", name: "1.E1_abc.curio") == false)
        #expect(FileManager.default.contents(atPath: dir.file("mail/new/1.E1_abc.curio")) == Data("first".utf8))
        // A mail client moves a seen message into cur/ and adds flags.
        try FileManager.default.moveItem(atPath: dir.file("mail/new/1.E1_abc.curio"), toPath: dir.file("mail/cur/1.E1_abc.curio:2,S"))
        #expect(try maildir.deliver("third", name: "1.E1_abc.curio") == false)
        #expect(names(dir.file("mail/new")).isEmpty && names(dir.file("mail/cur")) == ["1.E1_abc.curio:2,S"])
    }

    @Test func namesAreUniquePerEventSubscriberRecipientAndKind() {
        let base = Maildir.messageName(eventID: EventID(7), createdAt: 1_751_362_496_000, subscriber: "notifications",
                                       recipient: "sky@example.com", kind: "welcome")
        #expect(base.wholeMatch(of: /1751362496\.E7_[0-9a-f]{16}\.curio/) != nil)
        #expect(base == Maildir.messageName(eventID: EventID(7), createdAt: 1_751_362_496_000, subscriber: "notifications",
                                            recipient: "SKY@example.com", kind: "welcome"))
        let others = [
            Maildir.messageName(eventID: EventID(8), createdAt: 1_751_362_496_000, subscriber: "notifications", recipient: "sky@example.com", kind: "welcome"),
            Maildir.messageName(eventID: EventID(7), createdAt: 1_751_362_496_000, subscriber: "other", recipient: "sky@example.com", kind: "welcome"),
            Maildir.messageName(eventID: EventID(7), createdAt: 1_751_362_496_000, subscriber: "notifications", recipient: "ada@example.com", kind: "welcome"),
            Maildir.messageName(eventID: EventID(7), createdAt: 1_751_362_496_000, subscriber: "notifications", recipient: "sky@example.com", kind: "low_stock"),
        ]
        #expect(Set(others + [base]).count == 5)
    }

    @Test func badNamesAndBlockedFoldersAreClearErrors() throws {
        let dir = TempDir()
        let maildir = Maildir(path: dir.file("mail"))
        for bad in ["", ".hidden", "a/b", "a:2,S"] {
            #expect(throws: DeliveryError.self, "\(bad)") { try maildir.deliver("x", name: bad) }
        }
        _ = FileManager.default.createFile(atPath: dir.file("blocked"), contents: Data())
        #expect {
            try Maildir(path: dir.file("blocked")).deliver("x", name: "1.E1_a.curio")
        } throws: { error in
            (error as? DeliveryError)?.isPermanent == false && "\(error)".contains("a file is in the way")
        }
    }

    @Test func defaultMaildirIsBesideTheDatabase() {
        #expect(Maildir.beside(databasePath: "/srv/shop/curio.db").path == "/srv/shop/mail")
        #expect(Maildir.beside(databasePath: "curio.db").path == "./mail")
    }
}
