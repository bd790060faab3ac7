import Foundation

/// Where a shop's database is: a SQLite file (the embedded default) or a PostgreSQL database.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// A SQLite file at this path.
    case file(String)
    /// A PostgreSQL database, as a libpq connection string (`postgresql://…` or `key=value` pairs).
    case postgres(String)

    /// Reads what `--db` or `CURIO_DB` says: a `postgresql://` or `postgres://` URI is PostgreSQL; anything
    /// else is a file path.
    public init(_ text: String) {
        self = Self.isPostgresURI(text) ? .postgres(text) : .file(text)
    }

    /// True for a `postgresql://` or `postgres://` URI.
    public static func isPostgresURI(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// The SQLite file's path; nil for PostgreSQL.
    public var filePath: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    /// The location for messages: the path, or the PostgreSQL target with any password removed.
    public var description: String {
        switch self {
        case .file(let path): return path
        case .postgres(let target): return Self.withoutPassword(target)
        }
    }

    /// The folder for files that belong beside the shop (its log, mail, recommender model): the SQLite
    /// file's folder, or for PostgreSQL a folder of this host's named for the target, so that every
    /// session on one host shares them.
    public var sidecarFolder: String {
        switch self {
        case .file(let path):
            let folder = (path as NSString).deletingLastPathComponent
            return folder.isEmpty ? "." : folder
        case .postgres(let target):
            let base = ProcessInfo.processInfo.environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (NSHomeDirectory() as NSString).appendingPathComponent(".local/state")
            return ((base as NSString).appendingPathComponent("curio") as NSString).appendingPathComponent(Self.folderName(target))
        }
    }

    /// A file-name-safe name for a PostgreSQL target: its readable part plus a hash of the whole string.
    static func folderName(_ target: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in target.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let readable = String(withoutPassword(target).unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) && scalar.isASCII ? Character(scalar) : "-"
        }.prefix(40))
        return "pg-" + readable + "-" + String(hash, radix: 16)
    }

    /// `target` with the password of a URI (`user:secret@`) or of a `password=` pair replaced by `***`.
    static func withoutPassword(_ target: String) -> String {
        if isPostgresURI(target), let scheme = target.range(of: "://") {
            let rest = target[scheme.upperBound...]
            if let at = rest.firstIndex(of: "@"), let colon = rest[..<at].firstIndex(of: ":") {
                return String(target[..<rest.index(after: colon)]) + "***" + String(rest[at...])
            }
            return target
        }
        guard let range = target.range(of: #"password\s*=\s*('([^'\\]|\\.)*'|\S*)"#, options: .regularExpression) else { return target }
        return target.replacingCharacters(in: range, with: "password=***")
    }
}
