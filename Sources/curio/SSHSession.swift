import Backoffice
import Commerce
import Foundation
import Storefront
import TerminalUI

/// `curio --ssh`: one SSH session (the command sshd forces). The shopper is the key sshd accepted,
/// read from the file `$SSH_USER_AUTH` names (`ExposeAuthInfo yes`); `--anonymous` is the guest
/// entrance and `--staff` the staff one. `SSH_ORIGINAL_COMMAND` is only ever a deep link from the
/// allowlist. The session opens no file the visitor names, runs no other program, ignores
/// `TERMINFO`, `TERMINFO_DIRS`, `LD_*` and `CURIO_THEMES`, runs with umask 007 (the shop's group
/// writes one database) and ends after 30 idle minutes; one JSON line per session goes to curio.log.
enum SSHSession {
    /// Seconds without a key before the session ends (the last minute counts down in the footer).
    static let idleTimeoutSeconds: Double = 30 * 60

    /// Environment variables a session never uses, whatever sshd passed on.
    static func isIgnored(_ name: String) -> Bool {
        name == "TERMINFO" || name == "TERMINFO_DIRS" || name.hasPrefix("LD_") || name == "CURIO_THEMES" || name == "CURIO_DB"
    }

    @MainActor
    static func run(_ context: CommandContext, entrance: SSHEntrance, idleTimeout: Double = idleTimeoutSeconds) throws -> Int32 {
        umask(0o007)
        for name in context.environment.keys where isIgnored(name) { unsetenv(name) }
        let environment = context.environment.filter { !isIgnored($0.key) }
        let started = ContinuousClock.now
        var options = DatabaseOptions()
        options.mustExist = true
        options.newFileMode = 0o660
        let store = try Store(path: context.databasePath, options: options)
        var fields: [String: Any] = ["entrance": "\(entrance)", "term": String((environment["TERM"] ?? "").prefix(64))]
        func finish(_ ended: String, status: Int32) -> Int32 {
            fields["ended"] = ended
            let elapsed = ContinuousClock.now - started
            fields["duration_ms"] = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            store.log?.write("ssh.session", fields)
            return status
        }
        let link = deepLink(environment["SSH_ORIGINAL_COMMAND"], store: store)
        fields["link"] = "\(link)"
        let key = sessionKey(environment)
        if let key { fields["fingerprint"] = key.fingerprint }
        var launch = ShopLaunch(guestToken: GuestCartKey.random(), link: link, idleTimeoutSeconds: idleTimeout)
        switch entrance {
        case .guest:
            launch.guestOnly = true
        case .shop:
            guard let key else {
                context.err("curio: this SSH session carries no public key (the server needs ExposeAuthInfo yes)\n")
                return finish("no key", status: 1)
            }
            do {
                launch.user = try store.sshKeys.shopper(for: key, caller: .system).user
                launch.keyFingerprint = key.fingerprint
            } catch {
                context.err("curio: \(Sanitize.forTerminal(error.description))\n")
                return finish("refused", status: 1)
            }
        case .staff:
            guard let key, let staff = try? store.sshKeys.staff(for: key, caller: .system) else {
                context.err("curio: this key is not linked to a staff account\n")
                return finish("refused", status: 1)
            }
            fields["user_id"] = staff.user.id.rawValue
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
                context.err("curio: the back office needs a terminal (connect with ssh -t)\n")
                return finish("no terminal", status: 1)
            }
            do {
                guard let reason = try BackofficeApp.run(store: store, user: staff.user, options: terminalOptions(environment),
                                                         idleTimeoutSeconds: idleTimeout) else {
                    context.err("curio: this key is not linked to a staff account\n")
                    return finish("refused", status: 1)
                }
                return finish(describe(reason), status: reason.exitStatus)
            } catch {
                context.err("curio: \(Sanitize.forTerminal(error.description))\n")
                return finish("terminal refused", status: 1)
            }
        }
        if let user = launch.user { fields["user_id"] = user.id.rawValue }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            context.err("curio: the shop needs a terminal (connect with ssh -t)\n")
            return finish("no terminal", status: 1)
        }
        do {
            let outcome = try ShopApp.run(store: store, launch: launch, options: terminalOptions(environment))
            fields["term"] = outcome.terminalType
            fields["columns"] = outcome.size.width
            fields["rows"] = outcome.size.height
            return finish(describe(outcome.reason), status: outcome.reason.exitStatus)
        } catch {
            context.err("curio: \(Sanitize.forTerminal(error.description))\n")
            return finish("terminal refused", status: 1)
        }
    }

    /// The terminal as the session's environment describes it, with the theme and `--ascii` asked for.
    static func terminalOptions(_ environment: [String: String]) -> TerminalOptions {
        var terminal = TerminalOptions(environment: environment)
        terminal.theme = (try? Storefront.themes([:]).theme(named: environment["CURIO_THEME"] ?? Theme.default.name)) ?? Theme.default
        terminal.ascii = environment["CURIO_ASCII"] == "1"
        return terminal
    }

    /// The key of this session: the first `publickey` line of the file `$SSH_USER_AUTH` names.
    static func sessionKey(_ environment: [String: String]) -> SSHPublicKey? {
        guard let path = environment["SSH_USER_AUTH"], path.hasPrefix("/"),
              let data = FileManager.default.contents(atPath: path), data.count <= 65_536,
              let text = String(data: data, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("publickey ") {
            if let key = try? SSHPublicKey(line: String(line)) { return key }
        }
        return nil
    }

    /// The allowlisted deep link of `SSH_ORIGINAL_COMMAND`; anything else opens the home screen and
    /// is logged (shortened, and escaped by the JSON encoder).
    static func deepLink(_ command: String?, store: Store) -> DeepLink {
        guard let command, !command.isEmpty else { return .home }
        if let link = DeepLink.parse(command: command) { return link }
        store.log?.write("ssh.link_refused", level: "warning", ["command": String(Sanitize.forTerminal(command).prefix(120))])
        return .home
    }

    static func describe(_ reason: ExitReason) -> String {
        switch reason {
        case .quit: "quit"
        case .idle: "idle timeout"
        case .disconnected: "disconnected"
        case .signal(let number): number == SIGHUP ? "hangup" : "signal \(number)"
        }
    }
}
