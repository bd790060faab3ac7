import Foundation

/// The three ways into a shop over SSH, each the `curio` command its account is forced to run.
enum SSHEntrance: Equatable {
    /// Any key; the key is the shopper.
    case shop
    /// No authentication; browsing and guest checkout.
    case guest
    /// Keys linked to staff accounts; the back office.
    case staff

    /// The options after `--db PATH` that select this entrance.
    var flags: [String] {
        switch self {
        case .shop: ["--ssh"]
        case .guest: ["--ssh", "--anonymous"]
        case .staff: ["--ssh", "--staff"]
        }
    }

    /// `BIN --db DB --ssh …`, checked to need no quoting in sshd_config, authorized_keys or the shell
    /// sshd runs it with.
    func command(bin: String, db: String) throws(SSHCommandError) -> String {
        try SSHSetup.safe(bin, "--bin") + " --db " + SSHSetup.safe(db, "--db") + " " + flags.joined(separator: " ")
    }
}

/// The `sshd_config` blocks and account commands `curio ssh-config` prints.
struct SSHSetup {
    let shopUser: String
    let guestUser: String
    let staffUser: String
    let group: String
    let bin: String
    let db: String

    /// How long sshd lets a session channel sit without traffic: beyond the app's own idle timeout
    /// (30 minutes, counted down in the footer), as a backstop.
    static let channelTimeout = "session:*=35m"

    init(shopUser: String, guestUser: String, staffUser: String, group: String, bin: String, db: String) throws(SSHCommandError) {
        for (name, option) in [(shopUser, "--shop-user"), (guestUser, "--guest-user"), (staffUser, "--staff-user"), (group, "--group")] {
            guard SSHSetup.isAccountName(name) else { throw .unsafeWord(what: option, value: name) }
        }
        guard bin.hasPrefix("/") else { throw .unsafeWord(what: "--bin (an absolute path)", value: bin) }
        let db = db.hasPrefix("/") ? db : URL(fileURLWithPath: db).standardizedFileURL.path
        self.shopUser = shopUser
        self.guestUser = guestUser
        self.staffUser = staffUser
        self.group = group
        self.bin = try SSHSetup.safe(bin, "--bin")
        self.db = try SSHSetup.safe(db, "--db")
    }

    /// The folder the database lives in (owned by `group`).
    var folder: String { (db as NSString).deletingLastPathComponent }

    /// The Match blocks, to go at the end of sshd_config.
    var sshdConfig: String {
        func common(_ entrance: SSHEntrance) -> [String] {
            let command = (try? entrance.command(bin: bin, db: db)) ?? ""
            return [
                "ForceCommand \(command)",
                "PermitTTY yes",
                "DisableForwarding yes",
                "PermitUserRC no",
                "MaxSessions 1",
                "ClientAliveInterval 15",
                "ClientAliveCountMax 4",
                "ChannelTimeout \(SSHSetup.channelTimeout)",
                "SetEnv LANG=C.UTF-8",
            ]
        }
        func block(_ user: String, _ lines: [String]) -> String {
            "Match User \(user)\n" + lines.map { "    " + $0 + "\n" }.joined()
        }
        let keyLookup = "\(bin) --db \(db) ssh-authorize"
        return """
            # Curio over SSH (printed by 'curio ssh-config'). Put these blocks at the END of /etc/ssh/sshd_config:
            # a Match block lasts until the next Match or the end of the file. Check with 'sshd -t'.
            # \(shopUser): any public key is accepted and becomes the shopper's identity.
            # \(guestUser): no password, browsing and guest checkout only.
            # \(staffUser): only keys linked to staff accounts ('curio user add-key'), straight into the back office.

            """ + block(shopUser, [
                "AuthenticationMethods publickey",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AuthorizedKeysFile none",
                "AuthorizedKeysCommand \(keyLookup) %t %k",
                "AuthorizedKeysCommandUser nobody",
                "ExposeAuthInfo yes",
            ] + common(.shop)) + "\n" + block(guestUser, [
                "PubkeyAuthentication no",
                "PasswordAuthentication yes",
                "PermitEmptyPasswords yes",
                "KbdInteractiveAuthentication no",
                "AuthorizedKeysFile none",
            ] + common(.guest)) + "\n" + block(staffUser, [
                "AuthenticationMethods publickey",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "AuthorizedKeysFile none",
                "AuthorizedKeysCommand \(keyLookup) --staff %t %k",
                "AuthorizedKeysCommandUser \(staffUser)",
                "ExposeAuthInfo yes",
            ] + common(.staff))
    }

    /// Shell commands (run as root) that create the group, the three accounts and the shop's folder.
    var accountCommands: String {
        func user(_ name: String) -> String {
            "id -u \(name) >/dev/null 2>&1 || useradd --system --gid \(group) --home-dir \(folder) --no-create-home --shell /bin/sh --password '*' \(name)\n"
        }
        return """
            # Accounts for Curio over SSH (printed by 'curio ssh-config --accounts'); run as root.
            # One group owns the shop's folder (setgid, so new files keep the group); every session runs with
            # umask 007, so the database and its -wal/-shm files stay 0660 and all three accounts can write them.
            getent group \(group) >/dev/null || groupadd --system \(group)

            """ + user(shopUser) + user(guestUser) + user(staffUser) + """
            passwd -d \(guestUser)
            mkdir -p /run/sshd
            install -d -o root -g \(group) -m 2770 \(folder)
            [ -e \(db) ] || \(bin) --db \(db) init
            chgrp -R \(group) \(folder) && chmod -R g+rwX,o-rwx \(folder) && find \(folder) -type d -exec chmod g+s {} +

            """
    }

    /// True for a user or group name useradd accepts.
    static func isAccountName(_ name: String) -> Bool {
        guard let first = name.utf8.first, (97...122).contains(first) || first == 95, name.utf8.count <= 32 else { return false }
        return name.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 95 || $0 == 45 }
    }

    /// `word` when it needs no quoting anywhere it goes (letters, digits and `/ . _ - + @ :`).
    static func safe(_ word: String, _ what: String) throws(SSHCommandError) -> String {
        let allowed = Set("/._-+@:".utf8)
        guard !word.isEmpty, word.utf8.allSatisfy({ (97...122).contains($0) || (65...90).contains($0) || (48...57).contains($0) || allowed.contains($0) })
        else { throw .unsafeWord(what: what, value: word) }
        return word
    }
}
