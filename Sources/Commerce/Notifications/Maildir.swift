import Foundation

/// A Maildir (`tmp/`, `new/`, `cur/`) that messages are delivered into, as mail clients expect:
/// written in `tmp/`, synced, then linked into `new/`. Delivery is idempotent: a message whose
/// name is already in `new/` or `cur/` (where a client moves it once seen) is not written again.
public struct Maildir: Sendable, Equatable {
    /// The Maildir's folder.
    public let path: String
    /// The mode messages are created with (before the umask); folders get it plus search bits.
    public let fileMode: mode_t

    /// A Maildir at `path` (created on first delivery) whose messages are created `fileMode`.
    public init(path: String, fileMode: mode_t = 0o600) {
        self.path = path
        self.fileMode = fileMode & 0o660
    }

    /// The default Maildir: `mail/` beside the database file. Messages are as private as the database:
    /// 0600 beside a private file, 0660 beside a shop shared by a group (every SSH account writes it).
    public static func beside(databasePath: String) -> Maildir {
        let folder = (databasePath as NSString).deletingLastPathComponent
        var info = stat()
        let shared = stat(databasePath, &info) == 0 && info.st_mode & 0o060 == 0o060
        return Maildir(path: ((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent("mail"),
                       fileMode: shared ? 0o660 : 0o600)
    }

    /// The default Maildir of the shop at `location`: beside a SQLite file; for PostgreSQL `mail/` in this
    /// host's sidecar folder, private to its owner.
    public static func beside(_ location: StoreLocation) -> Maildir {
        if let path = location.filePath { return beside(databasePath: path) }
        return Maildir(path: (location.sidecarFolder as NSString).appendingPathComponent("mail"), fileMode: 0o600)
    }

    /// The mode of the Maildir's folders: the message mode with search bits where it can read.
    var folderMode: mode_t { fileMode | ((fileMode & 0o440) >> 2) }

    /// A unique, deterministic Maildir file name for one message: `<seconds>.E<event>_<hash>.curio`,
    /// where the hash covers the subscriber, the recipient and the notification kind. The same
    /// delivery always gets the same name, which is what makes a redelivery after a crash a no-op.
    public static func messageName(eventID: EventID, createdAt: Int64, subscriber: String, recipient: String,
                                   kind: String) -> String {
        let hash = fnv1a64(Array("\(subscriber)\u{0}\(recipient.lowercased())\u{0}\(kind)".utf8))
        let hex = String(hash, radix: 16)
        return "\(max(createdAt, 0) / 1000).E\(eventID.rawValue)_\(String(repeating: "0", count: 16 - hex.count))\(hex).curio"
    }

    /// Creates the folder and its `tmp/`, `new/` and `cur/` (`folderMode`: 0700, or 0770 when shared) when missing.
    public func prepare() throws(DeliveryError) {
        for sub in ["", "tmp", "new", "cur"] {
            let folder = sub.isEmpty ? path : (path as NSString).appendingPathComponent(sub)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
                guard isFolder.boolValue else { throw .temporary("\(folder): a file is in the way of the Maildir folder") }
                continue
            }
            if mkdir(folder, folderMode) != 0 && errno != EEXIST {
                throw .temporary("\(folder): cannot create the Maildir folder: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// True when a message named `name` is in `new/` or `cur/` (with or without `:2,` flags).
    public func contains(_ name: String) -> Bool {
        let new = (path as NSString).appendingPathComponent("new/" + name)
        let cur = (path as NSString).appendingPathComponent("cur/" + name)
        if access(new, F_OK) == 0 || access(cur, F_OK) == 0 { return true }
        guard let seen = try? FileManager.default.contentsOfDirectory(atPath: (path as NSString).appendingPathComponent("cur")) else {
            return false
        }
        return seen.contains { $0.hasPrefix(name + ":") }
    }

    /// Writes `message` as `new/<name>` unless it is already there (or in `cur/`); returns false when
    /// it was. Lines end in LF, the Maildir convention (a message given with CRLF, the wire form, is
    /// stored with LF; mail clients add CR when they send). The file is written and synced in `tmp/`,
    /// then hard-linked into `new/` (which never replaces a file), and `new/` itself is synced.
    @discardableResult
    public func deliver(_ message: String, name: String) throws(DeliveryError) -> Bool {
        guard !name.isEmpty, !name.hasPrefix("."), !name.contains("/"), !name.contains(":") else {
            throw .permanent("\"\(name)\" is not a valid Maildir file name")
        }
        try prepare()
        if contains(name) { return false }
        let temporary = (path as NSString).appendingPathComponent("tmp/" + name)
        let final = (path as NSString).appendingPathComponent("new/" + name)
        try write(Array(message.replacingOccurrences(of: "\r\n", with: "\n").utf8), to: temporary)
        defer { unlink(temporary) }
        if link(temporary, final) != 0 {
            if errno == EEXIST { return false }
            throw .temporary("\(final): cannot move the message into new/: \(String(cString: strerror(errno)))")
        }
        syncFolder((path as NSString).appendingPathComponent("new"))
        return true
    }

    private func write(_ bytes: [UInt8], to file: String) throws(DeliveryError) {
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, fileMode)
        guard fd >= 0 else { throw .temporary("\(file): cannot write the message: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .temporary("\(file): cannot write the message: \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        guard fsync(fd) == 0 else { throw .temporary("\(file): cannot sync the message: \(String(cString: strerror(errno)))") }
    }

    private func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    private static func fnv1a64(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
