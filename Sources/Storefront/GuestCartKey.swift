import Foundation

/// The key a guest's cart is kept under (`Caller.guest(token:)`). Whoever starts the shop picks it:
/// on a local terminal the OS account, so a guest's cart survives quitting and reopening; over SSH
/// the identity the connection proves (a public key), which the SSH entry point derives and passes
/// as `guestToken`; a random key when nothing identifies the guest (an anonymous session).
public enum GuestCartKey {
    /// A fresh random key: the cart lasts as long as the session.
    public static func random() -> String { "guest-" + UUID().uuidString.lowercased() }

    /// The key of the OS account `uid` on the machine `host`: "local-HOST-UID".
    public static func localUser(uid: UInt32 = getuid(), host: String = GuestCartKey.hostName()) -> String {
        let cleanHost = String(host.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "-") }
            .prefix(64).map(Character.init))
        return "local-\(cleanHost.isEmpty ? "localhost" : cleanHost)-\(uid)"
    }

    /// This machine's host name (from `gethostname`, which asks no name server).
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
