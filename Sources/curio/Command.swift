import Commerce
import Foundation

/// What a running command can reach: the resolved database path, the environment and output.
struct CommandContext: Sendable {
    /// The database file commands operate on.
    let databasePath: String
    /// The process environment.
    let environment: [String: String]
    /// Writes to standard output.
    var out: @Sendable (String) -> Void
    /// Writes to standard error.
    var err: @Sendable (String) -> Void

    /// Who runs staff commands: the operating-system user, recorded as `cli:NAME` in timelines and
    /// the audit log (`$USER`, else `$LOGNAME`, else the account of the process's user id).
    var actor: Caller {
        let named = [environment["USER"], environment["LOGNAME"]].compactMap { $0 }.first { !$0.isEmpty }
        return .commandLine(user: named ?? CommandContext.accountName() ?? String(getuid()))
    }

    /// The name of the process's user account from the password database.
    private static func accountName() -> String? {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// Where the shop is: a SQLite file, or a PostgreSQL database for a `postgresql://` `--db`.
    var location: StoreLocation { StoreLocation(databasePath) }

    /// Opens the shop at `databasePath`, which must already exist: a command that reads or changes a
    /// shop never creates an empty one by mistake (a mistyped `--db`); an empty PostgreSQL database is
    /// refused the same way.
    func openStore() throws -> Store {
        var options = DatabaseOptions()
        options.mustExist = true
        return try Store(location: location, options: options)
    }

    /// Opens the shop at `databasePath`, creating an empty one when there is none (the shop itself,
    /// `seed` and `import`).
    func openOrCreateStore() throws -> Store {
        try Store(location: location)
    }

    /// Opens the existing database at `databasePath` without the shop's services (for `doctor`).
    func openDatabase() throws -> any SQLConnection {
        switch location {
        case .file(let path):
            var options = DatabaseOptions()
            options.mustExist = true
            return try CurioDatabase.open(path: path, options: options)
        case .postgres(let target):
            return try CurioDatabase.open(postgres: target, mustExist: true)
        }
    }
}

/// One `curio` subcommand: its words, arguments, options, help and behaviour. Each option and
/// argument is declared once; the usage line, `curio help NAME` and the parser all come from that.
struct Command: Sendable {
    /// The words that name it (`["doctor"]`, `["user", "add"]`).
    let path: [String]
    /// One line for the command list.
    let summary: String
    /// Its positional arguments, in order.
    var arguments: [ArgumentSpec] = []
    /// Longer help: what it does, output, exit status.
    var details: String = ""
    /// Options it accepts besides the global ones.
    var options: [OptionSpec] = []
    /// Runs it; returns the exit status.
    let run: @Sendable (CommandContext, ParsedArguments) throws -> Int32

    /// The command's name as typed ("user add").
    var name: String { path.joined(separator: " ") }

    /// True when the command takes `--json`; its errors are then printed as JSON too.
    var takesJSON: Bool { options.contains { $0.name == "--json" } }

    /// The synopsis shown in usage messages, generated from the declared arguments and options.
    var usage: String {
        let words = ["curio", name] + arguments.map(\.synopsis) + options.map(\.synopsis)
        return Command.wrap(words, width: 100, indent: "  ")
    }

    /// The full help text for `curio help NAME`.
    var helpText: String {
        var text = "Usage: \(usage)\n\n\(summary)\n"
        if !details.isEmpty { text += "\n\(details)\n" }
        let all = options + CLI.globalOptions
        text += "\nOptions:\n"
        let width = all.map { optionLabel($0).count }.max() ?? 0
        for option in all {
            let label = optionLabel(option)
            let notes = [option.required ? "required" : nil, option.repeatable ? "repeatable" : nil].compactMap { $0 }
            let help = option.help + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
            text += "  " + label + String(repeating: " ", count: width - label.count + 2) + help + "\n"
        }
        return text
    }

    private func optionLabel(_ option: OptionSpec) -> String {
        option.value.map { "\(option.name) \($0)" } ?? option.name
    }

    /// Joins words into lines of at most `width` characters, continuing lines with `indent`.
    static func wrap(_ words: [String], width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = ""
        for word in words {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = indent + word
            } else {
                line += line.isEmpty ? word : " " + word
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
