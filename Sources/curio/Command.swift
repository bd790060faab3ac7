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

    /// Opens the database at `databasePath`, migrating it; refuses files that are not Curio's.
    func openDatabase() throws -> Database {
        try CurioDatabase.open(path: databasePath)
    }
}

/// One `curio` subcommand: its words, help and behaviour.
struct Command: Sendable {
    /// The words that name it (`["doctor"]`, `["user", "add"]`).
    let path: [String]
    /// One line for the command list.
    let summary: String
    /// The synopsis shown in usage messages.
    let usage: String
    /// Longer help: what it does, output, exit status.
    var details: String = ""
    /// Options it accepts besides the global ones.
    var options: [OptionSpec] = []
    /// Runs it; returns the exit status.
    let run: @Sendable (CommandContext, ParsedArguments) throws -> Int32

    /// The command's name as typed ("user add").
    var name: String { path.joined(separator: " ") }

    /// The full help text for `curio help NAME`.
    var helpText: String {
        var text = "Usage: \(usage)\n\n\(summary)\n"
        if !details.isEmpty { text += "\n\(details)\n" }
        let all = options + CLI.globalOptions
        text += "\nOptions:\n"
        let width = all.map { optionLabel($0).count }.max() ?? 0
        for option in all {
            let label = optionLabel(option)
            text += "  " + label + String(repeating: " ", count: width - label.count + 2) + option.help + "\n"
        }
        return text
    }

    private func optionLabel(_ option: OptionSpec) -> String {
        option.value.map { "\(option.name) \($0)" } ?? option.name
    }
}
