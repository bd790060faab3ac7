import COpenSSL
import Foundation

/// scrypt password hashing through OpenSSL, stored as a self-describing string
/// `$scrypt$ln=15,r=8,p=1$<salt base64>$<hash base64>` so the cost can be raised later.
public struct PasswordHasher: Sendable {
    /// log2 of scrypt's CPU/memory cost N.
    public let logN: Int
    /// scrypt's block size r.
    public let blockSize: Int
    /// scrypt's parallelism p.
    public let parallelism: Int

    /// The default cost: N = 2^15, r = 8, p = 1 (about 32 MiB and tens of milliseconds per hash).
    public static let standard = PasswordHasher(logN: 15, blockSize: 8, parallelism: 1)
    /// A cheap cost for tests and bulk demo data; never for real accounts.
    public static let fast = PasswordHasher(logN: 10, blockSize: 8, parallelism: 1)

    /// A hasher with explicit scrypt parameters.
    public init(logN: Int, blockSize: Int, parallelism: Int) {
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// Hashes `password` with a fresh random salt.
    public func hash(_ password: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&salt, Int32(salt.count)) == 1 else { throw PasswordHashError.randomFailed }
        let key = try PasswordHasher.derive(password, salt: salt, logN: logN, r: blockSize, p: parallelism)
        return "$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// True when `password` matches `stored`; compares in constant time. A malformed `stored` never matches.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt",
              let salt = Data(base64Encoded: String(parts[3])), let expected = Data(base64Encoded: String(parts[4])),
              !expected.isEmpty else { return false }
        var params: [String: Int] = [:]
        for pair in parts[2].split(separator: ",") {
            let kv = pair.split(separator: "=")
            if kv.count == 2, let value = Int(kv[1]) { params[String(kv[0])] = value }
        }
        guard let ln = params["ln"], let r = params["r"], let p = params["p"], (1...24).contains(ln), (1...64).contains(r), (1...16).contains(p),
              let key = try? derive(password, salt: [UInt8](salt), logN: ln, r: r, p: p, length: expected.count) else { return false }
        return key.withUnsafeBytes { a in
            expected.withUnsafeBytes { b in CRYPTO_memcmp(a.baseAddress, b.baseAddress, a.count) == 0 }
        }
    }

    /// True when `stored` was made with weaker parameters than this hasher's (time to rehash at sign-in).
    public func needsRehash(_ stored: String) -> Bool {
        !stored.hasPrefix("$scrypt$ln=\(logN),r=\(blockSize),p=\(parallelism)$")
    }

    private static func derive(_ password: String, salt: [UInt8], logN: Int, r: Int, p: Int, length: Int = 32) throws -> [UInt8] {
        var key = [UInt8](repeating: 0, count: length)
        let n = UInt64(1) << UInt64(logN)
        // OpenSSL needs 128·r·(N+2) bytes for V plus 128·r·p for B; leave a small margin.
        let maxMemory = UInt64(128 * r) * (n + 2) + UInt64(128 * r * p) + (1 << 16)
        let bytes = Array(password.utf8)
        let ok = bytes.withUnsafeBufferPointer { pw in
            pw.withMemoryRebound(to: CChar.self) { pwChars in
                EVP_PBE_scrypt(pwChars.baseAddress, pw.count, salt, salt.count, n, UInt64(r), UInt64(p), maxMemory, &key, length)
            }
        }
        guard ok == 1 else { throw PasswordHashError.scryptFailed }
        return key
    }
}

/// Why a password could not be hashed (a failure of the crypto library, not of the user).
public enum PasswordHashError: Error, Sendable, CustomStringConvertible {
    case randomFailed
    case scryptFailed
    public var description: String {
        switch self {
        case .randomFailed: return "the system could not provide random bytes for a password salt"
        case .scryptFailed: return "OpenSSL's scrypt failed to hash the password"
        }
    }
}
