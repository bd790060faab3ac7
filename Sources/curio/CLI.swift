import Commerce
import Foundation

/// The `curio` command line: global options, subcommand dispatch, help and exit statuses.
/// Exit status 0 is success, 1 a failure the command reported, 2 a usage mistake.
enum CLI {
    /// The program's version.
    static let version = "0.1.0"

    /// Options every command accepts.
    static let globalOptions: [OptionSpec] = [
        OptionSpec(name: "--db", value: "PATH", help: "database file (default: $CURIO_DB, else $XDG_DATA_HOME/curio/curio.db, else ~/.local/share/curio/curio.db)"),
        OptionSpec(name: "--help", value: nil, help: "show help"),
    ]

    /// Options of the interactive shop (`curio` without a command).
    static let shopOptions: [OptionSpec] = [
        OptionSpec(name: "--theme", value: "NAME", help: "colour theme: default, light, mono, high-contrast, solarized (or $CURIO_THEMES/NAME.json)"),
        OptionSpec(name: "--ascii", value: nil, help: "draw borders with ASCII characters"),
        OptionSpec(name: "--ssh", value: nil, help: "run as one SSH session (the command sshd forces; see 'curio help ssh-config')"),
        OptionSpec(name: "--anonymous", value: nil, help: "with --ssh: the guest entrance, browsing and guest checkout only"),
        OptionSpec(name: "--staff", value: nil, help: "with --ssh: the staff entrance, for keys linked to staff accounts"),
        OptionSpec(name: "--idle-timeout", value: "SECONDS", help: "with --ssh: end the session after this long without a key (default 1800)"),
    ]

    /// Every subcommand, in the order `curio --help` lists them.
    static let commands: [Command] = [InitCommand.command] + CatalogCommands.all + ImportCommands.all + ExportCommands.all
        + OrderCommands.all + ReportCommands.all + AccountCommands.all
        + RecommendCommands.all + NotifyCommands.all + SSHCommands.all + DeepLinkCommands.all + [
        AdminCommand.command,
        DoctorCommand.command,
        MigrateCommand.command,
        HelpCommand.command,
    ]

    /// Runs `curio` with `arguments` (without the program name); returns the exit status.
    static func run(_ arguments: [String], environment: [String: String],
                    out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) -> Int32 {
        let arguments = arguments.map { $0 == "-h" ? "--help" : $0 }
        // Leading global options, then the command's words.
        var index = 0
        var leading: [String] = []
        while index < arguments.count, arguments[index].hasPrefix("-") {
            if arguments[index] == "--version" {
                out("curio \(version) (schema \(Migrations.latestVersion))\n")
                return 0
            }
            leading.append(arguments[index])
            if ["--db", "--theme", "--idle-timeout"].contains(arguments[index]), index + 1 < arguments.count {
                leading.append(arguments[index + 1])
                index += 1
            }
            index += 1
        }
        let rest = Array(arguments[index...])
        let command = match(rest)
        let remaining = Array(rest.dropFirst(command?.path.count ?? 0))
        // Errors are printed as JSON too once the command line asked for JSON output.
        var jsonErrors = false
        do {
            if command == nil, let word = rest.first {
                throw UsageError(message: "unknown command '\(Sanitize.forTerminal(word))'")
            }
            let options = (command?.options ?? shopOptions) + globalOptions
            let parsed = try ArgumentParser.parse(leading + remaining, options: options, positionals: command?.arguments ?? [],
                                                  command: command)
            jsonErrors = command?.takesJSON == true && parsed.has("--json")
            guard let command else {
                if parsed.has("--help") {
                    out(overview)
                    return 0
                }
                var shopEnvironment = environment
                if let theme = parsed.value("--theme") { shopEnvironment["CURIO_THEME"] = theme }
                if parsed.has("--ascii") { shopEnvironment["CURIO_ASCII"] = "1" }
                let context = CommandContext(
                    databasePath: DatabaseLocation.resolve(flag: parsed.value("--db"), environment: environment),
                    environment: shopEnvironment, out: out, err: err)
                if parsed.has("--anonymous") && parsed.has("--staff") { throw UsageError(message: "--anonymous and --staff are two entrances; give one") }
                if parsed.has("--ssh") {
                    let entrance: SSHEntrance = parsed.has("--anonymous") ? .guest : parsed.has("--staff") ? .staff : .shop
                    var idle = SSHSession.idleTimeoutSeconds
                    if let text = parsed.value("--idle-timeout") {
                        guard let seconds = Int(text), (1...86_400).contains(seconds) else {
                            throw UsageError(message: "--idle-timeout takes seconds from 1 to 86400")
                        }
                        idle = Double(seconds)
                    }
                    let timeout = idle
                    return try MainActor.assumeIsolated { try SSHSession.run(context, entrance: entrance, idleTimeout: timeout) }
                }
                if parsed.has("--anonymous") || parsed.has("--staff") || parsed.value("--idle-timeout") != nil {
                    throw UsageError(message: "--anonymous, --staff and --idle-timeout go with --ssh")
                }
                return try ShopCommand.run(context)
            }
            if parsed.has("--help") {
                out(command.helpText)
                return 0
            }
            let context = CommandContext(
                databasePath: DatabaseLocation.resolve(flag: parsed.value("--db"), environment: environment),
                environment: environment, out: out, err: err)
            return try command.run(context, parsed)
        } catch let usage as UsageError {
            err("curio: \(usage.message)\n")
            if let command = usage.command ?? command {
                err("Usage: \(command.usage)\nSee 'curio help \(command.name)'.\n")
            } else {
                err("Usage: curio [--db PATH] [COMMAND] [OPTIONS]\nSee 'curio --help' for the commands.\n")
            }
            return 2
        } catch {
            if jsonErrors {
                let kind = (error as? CommerceError)?.kind ?? "error"
                out((try? JSONOutput.encode(["error": ["message": "\(error)", "kind": kind]])) ?? "{}")
                out("\n")
            }
            err("curio: \(Sanitize.forTerminal("\(error)"))\n")
            return 1
        }
    }

    /// The command whose words start `words`, preferring the longest match.
    static func match(_ words: [String]) -> Command? {
        commands
            .filter { words.count >= $0.path.count && Array(words.prefix($0.path.count)) == $0.path }
            .max { $0.path.count < $1.path.count }
    }

    /// The text of `curio --help`.
    static var overview: String {
        var text = """
            curio \(version) — a terminal shop and its back office over one database (a SQLite file, or PostgreSQL).

            Usage: curio [--db PATH] [--theme NAME] [--ascii]   open the shop in the terminal
                   curio --db PATH --ssh [--anonymous | --staff]  one SSH session (see 'curio help ssh-config')
                   curio [--db PATH] COMMAND [OPTIONS]

            Commands:

            """
        let width = commands.map(\.name.count).max() ?? 0
        for command in commands {
            text += "  " + command.name + String(repeating: " ", count: width - command.name.count + 2) + command.summary + "\n"
        }
        text += """

            Global options:
              --db PATH    database file (default: $CURIO_DB, else $XDG_DATA_HOME/curio/curio.db,
                           else ~/.local/share/curio/curio.db)
              --theme NAME the shop's colour theme (built in: default, light, mono, high-contrast, solarized;
                           $CURIO_THEMES/NAME.json first); NO_COLOR turns colour off
              --ascii      ASCII borders (also when the locale is not UTF-8)
              --version    print the version
              --help, -h   show help; 'curio help COMMAND' shows a command's help

            Exit status: 0 success, 1 the command failed, 2 the command line was wrong.

            """
        return text
    }
}
