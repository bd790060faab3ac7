import Commerce
import Foundation

/// Account and role commands (`user add`, `user list`, `user set-role` …). They act as the system.
enum AccountCommands {
    static let all: [Command] = [add, list, setRole, disable, enable]

    static let add = Command(
        path: ["user", "add"],
        summary: "create an account",
        usage: "curio user add EMAIL --name NAME [--role customer|staff|admin] [--password-stdin] [--json]",
        details: """
            Creates an account. With --password-stdin the password is read from the first line of standard
            input (at least 8 characters); without it the account cannot sign in with a password (an SSH-key
            or staff-managed account). Prints the new account; --json prints {"id", "email", "name", "role",
            "disabled", "hasPassword", "createdAt"}.
            """,
        options: [
            OptionSpec(name: "--name", value: "NAME", help: "display name (required)"),
            OptionSpec(name: "--role", value: "ROLE", help: "customer (default), staff or admin"),
            OptionSpec(name: "--password-stdin", value: nil, help: "read the password from standard input"),
            OptionSpec(name: "--json", value: nil, help: "print the account as JSON"),
        ],
        run: { context, arguments in
            let email = try single(arguments, "EMAIL")
            guard let name = arguments.value("--name") else { throw UsageError(message: "--name is required") }
            let role = try parseRole(arguments.value("--role") ?? "customer")
            var password: String?
            if arguments.has("--password-stdin") {
                guard let line = readLine(strippingNewline: true) else {
                    throw UsageError(message: "--password-stdin given but standard input is empty")
                }
                password = line
            }
            let store = try Store(path: context.databasePath)
            let id = try store.accounts.createUser(email: email, name: name, password: password, role: role, by: .system)
            try printProfiles([try store.accounts.profile(id)], context: context, json: arguments.has("--json"), single: true)
            return 0
        })

    static let list = Command(
        path: ["user", "list"],
        summary: "list accounts, newest first",
        usage: "curio user list [--match TEXT] [--json]",
        details: "--json prints an array of {\"id\", \"email\", \"name\", \"role\", \"disabled\", \"hasPassword\", \"createdAt\"}.",
        options: [
            OptionSpec(name: "--match", value: "TEXT", help: "only accounts whose email or name contains TEXT"),
            OptionSpec(name: "--json", value: nil, help: "print JSON"),
        ],
        run: { context, arguments in
            guard arguments.positionals.isEmpty else {
                throw UsageError(message: "unexpected argument '\(Sanitize.forTerminal(arguments.positionals[0]))'")
            }
            let store = try Store(path: context.databasePath)
            let users = try store.accounts.list(matching: arguments.value("--match") ?? "", limit: 100_000, as: .system)
            try printProfiles(users, context: context, json: arguments.has("--json"), single: false)
            return 0
        })

    static let setRole = Command(
        path: ["user", "set-role"],
        summary: "change an account's role",
        usage: "curio user set-role EMAIL customer|staff|admin",
        run: { context, arguments in
            guard arguments.positionals.count == 2 else {
                throw UsageError(message: "expected EMAIL and ROLE")
            }
            let role = try parseRole(arguments.positionals[1])
            let store = try Store(path: context.databasePath)
            let user = try store.accounts.profile(email: arguments.positionals[0], as: .system)
            try store.accounts.setRole(user.id, to: role, by: .system)
            context.out("\(Sanitize.forTerminal(user.email ?? user.name)) is now \(role.rawValue)\n")
            return 0
        })

    static let disable = toggle(disabled: true)
    static let enable = toggle(disabled: false)

    private static func toggle(disabled: Bool) -> Command {
        let word = disabled ? "disable" : "enable"
        return Command(
            path: ["user", word],
            summary: disabled ? "stop an account from signing in" : "let a disabled account sign in again",
            usage: "curio user \(word) EMAIL",
            run: { context, arguments in
                guard arguments.positionals.count == 1 else {
                    throw UsageError(message: "expected one EMAIL")
                }
                let store = try Store(path: context.databasePath)
                let user = try store.accounts.profile(email: arguments.positionals[0], as: .system)
                try store.accounts.setDisabled(user.id, disabled, by: .system)
                context.out("\(Sanitize.forTerminal(user.email ?? user.name)) is \(disabled ? "disabled" : "enabled")\n")
                return 0
            })
    }

    private static func single(_ arguments: ParsedArguments, _ what: String) throws -> String {
        guard arguments.positionals.count == 1 else {
            throw UsageError(message: arguments.positionals.isEmpty ? "\(what) is required" : "expected one \(what)")
        }
        return arguments.positionals[0]
    }

    private static func parseRole(_ text: String) throws -> Role {
        guard let role = Role(rawValue: text.lowercased()) else {
            throw UsageError(message: "unknown role '\(Sanitize.forTerminal(text))' (use customer, staff or admin)")
        }
        return role
    }

    private static func printProfiles(_ users: [UserProfile], context: CommandContext, json: Bool, single: Bool) throws {
        if json {
            context.out((single ? try JSONOutput.encode(users[0]) : try JSONOutput.encode(users)) + "\n")
            return
        }
        let rows = users.map { [String($0.id.rawValue), $0.email ?? "-", $0.name, $0.role.rawValue, $0.disabled ? "disabled" : ""] }
        context.out(TextTable.render(header: ["ID", "EMAIL", "NAME", "ROLE", ""], rows: rows))
    }
}
