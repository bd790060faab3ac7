import COpenSSL
import Foundation

/// An OpenSSH public key (`ssh-ed25519 AAAA…`) checked for shape: a known type, base64 that decodes,
/// a blob whose embedded type string matches, and lengths a real key has. The key's identity is its
/// SHA-256 fingerprint, written as `ssh-keygen -l` does (`SHA256:` and unpadded base64).
public struct SSHPublicKey: Sendable, Equatable {
    /// The key type ("ssh-ed25519", "ecdsa-sha2-nistp256" …).
    public let type: String
    /// The key blob, base64 as it appears in `authorized_keys`.
    public let base64: String
    /// The decoded blob.
    public let blob: [UInt8]

    /// Key types accepted, with the shortest and longest blob each can have.
    static let knownTypes: [String: ClosedRange<Int>] = [
        "ssh-ed25519": 51...51,
        "sk-ssh-ed25519@openssh.com": 60...1024,
        "ecdsa-sha2-nistp256": 104...104,
        "ecdsa-sha2-nistp384": 136...136,
        "ecdsa-sha2-nistp521": 172...172,
        "sk-ecdsa-sha2-nistp256@openssh.com": 100...1024,
        "ssh-rsa": 151...2100,
    ]

    /// The longest base64 text accepted (a 16384-bit RSA key is about 2,800 characters).
    static let maximumBase64Length = 2800

    /// Checks `type` and `base64` (as sshd passes them to `AuthorizedKeysCommand` via `%t %k`);
    /// throws `.invalid` without quoting either.
    public init(type: String, base64: String) throws(CommerceError) {
        guard let lengths = SSHPublicKey.knownTypes[type] else { throw .invalid(field: "key type", reason: "is not a known SSH key type") }
        guard !base64.isEmpty, base64.utf8.count <= SSHPublicKey.maximumBase64Length,
              base64.utf8.allSatisfy({ SSHPublicKey.isBase64Byte($0) }),
              let data = Data(base64Encoded: base64) else {
            throw .invalid(field: "key", reason: "is not base64 of a public key")
        }
        let blob = [UInt8](data)
        guard lengths.contains(blob.count) else { throw .invalid(field: "key", reason: "has the wrong length for its type") }
        var reader = SSHWireReader(blob)
        guard let embedded = reader.string(), embedded == Array(type.utf8) else {
            throw .invalid(field: "key", reason: "does not hold a key of its stated type")
        }
        guard SSHPublicKey.bodyIsWellFormed(type: type, reader: &reader) else {
            throw .invalid(field: "key", reason: "is not a well-formed \(type) key")
        }
        self.type = type
        self.base64 = base64
        self.blob = blob
    }

    /// Parses one `authorized_keys`-style line, `TYPE BASE64 [COMMENT]` (as in a `.pub` file or the
    /// `publickey TYPE BASE64` line of `$SSH_USER_AUTH`, whose leading method word is skipped).
    public init(line: String) throws(CommerceError) {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if words.first == "publickey" { words.removeFirst() }
        guard words.count >= 2 else { throw .invalid(field: "key", reason: "is not a public key line (TYPE BASE64 [COMMENT])") }
        try self.init(type: words[0], base64: words[1])
    }

    /// `SHA256:` followed by the unpadded base64 of the blob's SHA-256, as `ssh-keygen -lf` prints it.
    public var fingerprint: String {
        "SHA256:" + Data(SSHPublicKey.sha256(blob)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// `TYPE BASE64`, the key as an `authorized_keys` line carries it.
    public var text: String { "\(type) \(base64)" }

    /// SHA-256 through libcrypto's EVP interface.
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBufferPointer { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        return ok == 1 ? Array(digest.prefix(Int(length))) : []
    }

    private static func isBase64Byte(_ byte: UInt8) -> Bool {
        (65...90).contains(byte) || (97...122).contains(byte) || (48...57).contains(byte) || byte == 43 || byte == 47 || byte == 61
    }

    /// The fields after the type string, per RFC 4253 / 5656 / 8709 and OpenSSH's PROTOCOL.u2f.
    private static func bodyIsWellFormed(type: String, reader: inout SSHWireReader) -> Bool {
        switch type {
        case "ssh-ed25519":
            return reader.string()?.count == 32 && reader.atEnd
        case "sk-ssh-ed25519@openssh.com":
            return reader.string()?.count == 32 && reader.string() != nil && reader.atEnd
        case "ssh-rsa":
            guard let exponent = reader.string(), let modulus = reader.string(), reader.atEnd else { return false }
            return (1...8).contains(exponent.count) && (128...2050).contains(modulus.count)
        default:
            // ecdsa: the curve name, then an uncompressed point (0x04 || x || y).
            let curve = type.hasPrefix("sk-") ? "nistp256" : String(type.dropFirst("ecdsa-sha2-".count))
            guard let name = reader.string(), name == Array(curve.utf8), let point = reader.string(), point.first == 4 else { return false }
            let expected = ["nistp256": 65, "nistp384": 97, "nistp521": 133][curve]
            guard point.count == expected else { return false }
            if type.hasPrefix("sk-") { return reader.string() != nil && reader.atEnd }
            return reader.atEnd
        }
    }
}

/// Reads SSH wire-format strings (a 4-byte big-endian length, then the bytes).
struct SSHWireReader {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// True once every byte was read.
    var atEnd: Bool { offset == bytes.count }

    /// The next string, or nil when the length runs past the end.
    mutating func string() -> [UInt8]? {
        guard bytes.count - offset >= 4 else { return nil }
        let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
        offset += 4
        guard length <= bytes.count - offset else { return nil }
        defer { offset += length }
        return Array(bytes[offset..<offset + length])
    }
}
