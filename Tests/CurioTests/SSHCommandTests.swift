import Foundation
import Testing

/// Keys made by the real ssh-keygen (openssh-client; `.ci/run` installs it).
enum SSHTestKeys {
    /// Makes a key of `type` (and `bits`) in `dir`; returns the `.pub` line's type, base64 and the file.
    static func make(_ type: String, bits: Int? = nil, in dir: TempFolder, name: String) throws -> (type: String, base64: String, file: String) {
        let file = dir.file(name)
        let result = try run("/usr/bin/ssh-keygen", ["-q", "-t", type] + (bits.map { ["-b", String($0)] } ?? []) + ["-N", "", "-C", "test key", "-f", file])
        #expect(result.status == 0, "ssh-keygen: \(result.stderr)")
        let words = try String(contentsOfFile: file + ".pub", encoding: .utf8).split(separator: " ")
        return (String(words[0]), String(words[1]), file)
    }

    /// The fingerprint ssh-keygen prints for `file`.
    static func fingerprint(_ file: String) throws -> String {
        let words = try run("/usr/bin/ssh-keygen", ["-l", "-E", "sha256", "-f", file + ".pub"]).stdout.split(separator: " ")
        return String(words[1])
    }

    static func run(_ program: String, _ arguments: [String]) throws -> RunResult {
        try runCurio(arguments, stdin: nil, executable: program)
    }
}

@Suite struct SSHAuthorizeTests {
    @Test(arguments: [("ed25519", nil), ("ecdsa", 256), ("ecdsa", 384), ("ecdsa", 521), ("rsa", 2048), ("rsa", 4096)] as [(String, Int?)])
    func aWellFormedKeyOfEachTypeGetsTheRestrictedLine(type: String, bits: Int?) throws {
        let dir = TempFolder()
        let key = try SSHTestKeys.make(type, bits: bits, in: dir, name: "k")
        let result = try runCurio(["--db", "/srv/shop/curio.db", "ssh-authorize", key.type, key.base64])
        #expect(result.status == 0)
        #expect(result.stdout == "restrict,pty,command=\"\(Binaries.resolvedCurio) --db /srv/shop/curio.db --ssh\" \(key.type) \(key.base64)\n")
    }

    @Test func anythingElsePrintsNothingAndNeverEchoesTheInput() throws {
        let dir = TempFolder()
        let ed = try SSHTestKeys.make("ed25519", in: dir, name: "ed")
        let rsa = try SSHTestKeys.make("rsa", bits: 2048, in: dir, name: "rsa")
        let bad: [[String]] = [
            [],
            [ed.type],
            ["ssh-rsa", ed.base64],                        // the blob says ssh-ed25519
            ["ssh-dss", ed.base64],                        // not a type curio accepts
            [ed.type, String(ed.base64.dropLast(4))],      // truncated
            [ed.type, ed.base64 + "AAAA"],                 // trailing bytes
            [ed.type, "not base64 at all!"],
            [ed.type, "\u{1b}[2J\u{7}" + ed.base64],       // escape sequences
            [ed.type, String(repeating: "A", count: 5000)],
            [rsa.type, rsa.base64, "extra"],
            ["ssh-ed25519\u{1b}]0;pwned\u{7}", ed.base64],
        ]
        for words in bad {
            let result = try runCurio(["ssh-authorize"] + words)
            #expect(result.status == 1, "\(words.map(\.count))")
            #expect(result.stdout.isEmpty)
            #expect(result.stderr == "curio: not a well-formed public key of a known type\n")
        }
    }

    @Test func theStaffEntranceOnlyAcceptsKeysLinkedToStaffAccounts() throws {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        #expect(try runCurio(["--db", db, "init"]).status == 0)
        #expect(try runCurio(["--db", db, "user", "add", "kim@example.com", "--name", "Kim", "--role", "staff"]).status == 0)
        #expect(try runCurio(["--db", db, "user", "add", "ada@example.com", "--name", "Ada"]).status == 0)
        let staffKey = try SSHTestKeys.make("ed25519", in: dir, name: "staff")
        let customerKey = try SSHTestKeys.make("ed25519", in: dir, name: "customer")
        let stranger = try SSHTestKeys.make("ed25519", in: dir, name: "stranger")
        let linked = try runCurio(["--db", db, "user", "add-key", "kim@example.com", staffKey.file + ".pub"])
        #expect(linked.status == 0)
        #expect(linked.stdout.hasPrefix(try SSHTestKeys.fingerprint(staffKey.file) + " → kim@example.com (staff)"))
        #expect(try runCurio(["--db", db, "user", "add-key", "ada@example.com", customerKey.file + ".pub"]).status == 0)
        // One key, one account.
        let again = try runCurio(["--db", db, "user", "add-key", "ada@example.com", staffKey.file + ".pub"])
        #expect(again.status == 1 && again.stderr.contains("already linked"))

        let staff = try runCurio(["--db", db, "ssh-authorize", "--staff", staffKey.type, staffKey.base64])
        #expect(staff.status == 0 && staff.stdout.contains("--ssh --staff\" ssh-ed25519 "))
        for key in [customerKey, stranger] {
            let refused = try runCurio(["--db", db, "ssh-authorize", "--staff", key.type, key.base64])
            #expect(refused.status == 1 && refused.stdout.isEmpty)
        }
        // Any well-formed key may shop.
        #expect(try runCurio(["--db", db, "ssh-authorize", stranger.type, stranger.base64]).status == 0)
    }

    @Test func addKeyRefusesWhatIsNotAPublicKey() throws {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        #expect(try runCurio(["--db", db, "init"]).status == 0)
        #expect(try runCurio(["--db", db, "user", "add", "kim@example.com", "--name", "Kim"]).status == 0)
        let key = try SSHTestKeys.make("ed25519", in: dir, name: "k")
        // The private key file is not a public key line.
        let result = try runCurio(["--db", db, "user", "add-key", "kim@example.com", key.file])
        #expect(result.status == 1 && result.stdout.isEmpty)
        #expect(try runCurio(["--db", db, "user", "add-key", "kim@example.com", dir.file("missing.pub")]).status == 1)
    }
}

extension Binaries {
    /// `curio`'s path with symbolic links resolved, as `/proc/self/exe` names it.
    static var resolvedCurio: String { URL(fileURLWithPath: curio).resolvingSymlinksInPath().path }
}
