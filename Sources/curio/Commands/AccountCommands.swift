import Commerce
import Foundation

/// Account and role commands (`user add`, `user list`, `user set-role` …). They act as the OS user (`cli:NAME`).
enum AccountCommands {
    static let all: [Command] = [add, list, setRole, disable, enable]

    static let add = Command(
        path: ["user", "add"],
        summary: "create an account",
        arguments: [.required("EMAIL")],
        details: """
            Creates an account. With --password-stdin the password is read from the first line of standard
            input (at least 8 characters); without it the account cannot sign in with a password (an SSH-key
            or staff-managed account). Prints the new account; --json prints {"id", "email", "name", "role",
            "disabled", "hasPassword", "createdAt"}.
            """,
        options: [
            OptionSpec(name: "--name", value: "NAME", help: "display name", required: true),
            OptionSpec(name: "--role", value: "ROLE", help: "customer (default), staff or admin"),
            OptionSpec(name: "--password-stdin", value: nil, help: "read the password from standard input"),
            OptionSpec.json("print the account as JSON"),
        ],
        run: { context, arguments in
            let email = arguments.argument("EMAIL")
            let name = arguments.value("--name") ?? ""
            let role = try parseRole(arguments.value("--role") ?? "customer")
            var password: String?
            if arguments.has("--password-stdin") {
                guard let line = try InputLine.read(maximumBytes: 1024, option: "--password-stdin") else {
                    throw UsageError(message: "--password-stdin given but standard input is empty")
                }
                password = line
            }
            let store = try context.openStore()
            let id = try store.accounts.createUser(email: email, name: name, password: password, role: role, by: context.actor)
            try printProfiles([try store.accounts.profile(id)], context: context, json: arguments.has("--json"), single: true)
            return 0
        })

    static let list = Command(
        path: ["user", "list"],
        summary: "list accounts, newest first",
        details: "--json prints an array of {\"id\", \"email\", \"name\", \"role\", \"disabled\", \"hasPassword\", \"createdAt\"}.",
        options: [
            OptionSpec(name: "--match", value: "TEXT", help: "only accounts whose email or name contains TEXT"),
            OptionSpec.json(),
        ],
        run: { context, arguments in
            let store = try context.openStore()
            let users = try store.accounts.list(matching: arguments.value("--match") ?? "", limit: 100_000, as: context.actor)
            try printProfiles(users, context: context, json: arguments.has("--json"), single: false)
            return 0
        })

    static let setRole = Command(
        path: ["user", "set-role"],
        summary: "change an account's role",
        arguments: [.required("EMAIL"), .required("ROLE")],
        details: "ROLE is customer, staff or admin.",
        run: { context, arguments in
            let role = try parseRole(arguments.argument("ROLE"))
            let store = try context.openStore()
            let user = try store.accounts.profile(email: arguments.argument("EMAIL"), as: .system)
            try store.accounts.setRole(user.id, to: role, by: context.actor)
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
            arguments: [.required("EMAIL")],
            run: { context, arguments in
                let store = try context.openStore()
                let user = try store.accounts.profile(email: arguments.argument("EMAIL"), as: .system)
                try store.accounts.setDisabled(user.id, disabled, by: context.actor)
                context.out("\(Sanitize.forTerminal(user.email ?? user.name)) is \(disabled ? "disabled" : "enabled")\n")
                return 0
            })
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
