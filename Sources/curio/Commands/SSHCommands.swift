import Commerce
import Foundation

/// Serving the shop over OpenSSH: `ssh-authorize` (sshd's `AuthorizedKeysCommand`), `ssh-config`
/// (the `sshd_config` blocks and the accounts they name) and `user add-key`.
enum SSHCommands {
    static let all: [Command] = [authorize, config, addKey]

    static let authorize = Command(
        path: ["ssh-authorize"],
        summary: "for sshd's AuthorizedKeysCommand: print the restricted authorized_keys line of a well-formed key",
        arguments: [.words("TYPE BASE64KEY", optional: true)],
        details: """
            sshd runs it as 'curio --db PATH ssh-authorize %t %k' for every key a client offers. A well-formed
            public key of a known type (ed25519, ECDSA, RSA, and their security-key forms) prints one line,
              restrict,pty,command="BIN --db PATH --ssh" TYPE BASE64KEY
            and exits 0; anything else prints nothing on standard output, one line on standard error that
            never repeats the input, and exits 1. With --staff the key must also be linked to a staff or
            admin account ('curio user add-key'), and the line's command opens the staff entrance.
            """,
        options: [OptionSpec(name: "--staff", value: nil, help: "only keys linked to staff accounts (the staff SSH account)")],
        run: { context, arguments in
            let words = arguments.words("TYPE BASE64KEY")
            guard words.count == 2, let key = try? SSHPublicKey(type: words[0], base64: words[1]) else {
                context.err("curio: not a well-formed public key of a known type\n")
                return 1
            }
            let entrance: SSHEntrance = arguments.has("--staff") ? .staff : .shop
            if entrance == .staff {
                guard let store = try? context.openStore(), (try? store.sshKeys.staff(for: key, caller: .system)) != nil else {
                    context.err("curio: this key is not linked to a staff account\n")
                    return 1
                }
            }
            guard let command = try? entrance.command(bin: SSHCommands.executablePath, db: context.databasePath) else {
                context.err("curio: the binary or database path cannot be written into authorized_keys\n")
                return 1
            }
            context.out("restrict,pty,command=\"\(command)\" \(key.text)\n")
            return 0
        })

    static let config = Command(
        path: ["ssh-config"],
        summary: "print the sshd_config blocks that serve the shop over SSH (--accounts: the commands making its accounts)",
        details: """
            Prints Match blocks for three accounts: the shop account (any public key is accepted and becomes the
            shopper's identity), a passwordless guest account (browsing and guest checkout) and a staff account
            (only keys linked to staff accounts, straight into the back office). Every block forces the curio
            command and turns forwarding, user rc files and extra sessions off. Add them to the end of
            /etc/ssh/sshd_config (Match blocks run to the end of the file) and check with 'sshd -t'.
            --accounts prints the shell commands that create the group, the three accounts and the shop's
            folder instead: the group owns the folder (setgid, 2770) so every session can write the one
            database (files 0660; sessions run with umask 007).
            The binary and the database must be where every account can reach them, and sshd refuses an
            AuthorizedKeysCommand in a folder others can write: install curio under /usr/local or /opt.
            """,
        options: [
            OptionSpec(name: "--shop-user", value: "NAME", help: "the shoppers' account (default shop)"),
            OptionSpec(name: "--guest-user", value: "NAME", help: "the anonymous account (default guest)"),
            OptionSpec(name: "--staff-user", value: "NAME", help: "the staff account (default staff)"),
            OptionSpec(name: "--group", value: "NAME", help: "the group that owns the shop's folder (default curio)"),
            OptionSpec(name: "--bin", value: "PATH", help: "the curio binary sshd runs (default: this one)"),
            OptionSpec(name: "--accounts", value: nil, help: "print the account and folder commands instead"),
        ],
        run: { context, arguments in
            let setup = try SSHSetup(
                shopUser: arguments.value("--shop-user") ?? "shop", guestUser: arguments.value("--guest-user") ?? "guest",
                staffUser: arguments.value("--staff-user") ?? "staff", group: arguments.value("--group") ?? "curio",
                bin: arguments.value("--bin") ?? SSHCommands.executablePath, db: context.databasePath)
            context.out(arguments.has("--accounts") ? setup.accountCommands : setup.sshdConfig)
            return 0
        })

    static let addKey = Command(
        path: ["user", "add-key"],
        summary: "link an SSH public key to an account (a staff key opens the back office over SSH)",
        arguments: [.required("EMAIL"), .required("KEYFILE")],
        details: """
            KEYFILE holds one public key line as ssh-keygen writes it (TYPE BASE64 [COMMENT], e.g. id_ed25519.pub);
            '-' reads it from standard input. The key's SHA-256 fingerprint then signs that account in over SSH;
            a key already linked to another account is refused. Prints the fingerprint.
            """,
        run: { context, arguments in
            let file = arguments.argument("KEYFILE")
            let text: String
            if file == "-" {
                guard let line = try InputLine.read(maximumBytes: 16_384, option: "KEYFILE -") else {
                    throw UsageError(message: "KEYFILE is '-' but standard input is empty")
                }
                text = line
            } else {
                guard let data = FileManager.default.contents(atPath: file), data.count <= 16_384,
                      let contents = String(data: data, encoding: .utf8) else {
                    throw SSHCommandError.unreadableKeyFile(file)
                }
                text = contents
            }
            guard let line = text.split(whereSeparator: \.isNewline).first(where: { !$0.hasPrefix("#") && !$0.allSatisfy(\.isWhitespace) }) else {
                throw SSHCommandError.unreadableKeyFile(file)
            }
            let key = try SSHPublicKey(line: String(line))
            let comment = line.split(separator: " ", maxSplits: 2).dropFirst(2).first.map(String.init) ?? ""
            let store = try context.openStore()
            let user = try store.sshKeys.link(key, comment: comment, toEmail: arguments.argument("EMAIL"), by: .system)
            context.out("\(key.fingerprint) → \(Sanitize.forTerminal(user.email ?? user.name)) (\(user.role.rawValue))\n")
            return 0
        })

    /// The running binary's absolute path (what `--bin` defaults to).
    static var executablePath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// Why an SSH command could not go on.
enum SSHCommandError: Error, CustomStringConvertible {
    case unreadableKeyFile(String)
    case unsafeWord(what: String, value: String)

    var description: String {
        switch self {
        case .unreadableKeyFile(let file):
            return "cannot read a public key from \(Sanitize.forTerminal(file)) (give the .pub file, one TYPE BASE64 [COMMENT] line)"
        case .unsafeWord(let what, let value):
            return "\(what) '\(Sanitize.forTerminal(value))' has characters sshd_config cannot carry safely; "
                + "use letters, digits and / . _ - + @ : only"
        }
    }
}
