/// A command-line option a command accepts.
struct OptionSpec: Sendable {
    /// The long name with its dashes ("--db").
    let name: String
    /// The placeholder for its value ("PATH"), or nil for a flag that takes none.
    let value: String?
    /// One line of help.
    let help: String
    /// True when the option may be given more than once (`--item A --item B`).
    var repeatable = false
}

/// A command's arguments after parsing: positionals, option values and flags.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []

    /// The last value given for `name`, if any.
    func value(_ name: String) -> String? { values[name]?.last }
    /// Every value given for a repeatable option.
    func all(_ name: String) -> [String] { values[name] ?? [] }
    /// True when the flag was given.
    func has(_ name: String) -> Bool { flags.contains(name) }
}

/// A mistake in how curio was called; answered with usage on stderr and exit status 2.
struct UsageError: Error {
    let message: String
    /// The command whose usage to show, if known.
    var command: Command? = nil
}

enum ArgumentParser {
    /// Parses `arguments` against `options`. `--name value`, `--name=value`, and `--` ending options.
    static func parse(_ arguments: [String], options: [OptionSpec], command: Command?) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" || isNegativeNumber(argument, options: options) {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            var name = argument
            var inline: String?
            if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
                name = String(argument[..<equals])
                inline = String(argument[argument.index(after: equals)...])
            }
            guard let spec = options.first(where: { $0.name == name }) else {
                throw UsageError(message: "unknown option '\(Sanitize.forTerminal(name))'", command: command)
            }
            if spec.value == nil {
                if inline != nil { throw UsageError(message: "\(name) takes no value", command: command) }
                parsed.flags.insert(name)
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else if index < arguments.count {
                value = arguments[index]
                index += 1
            } else {
                throw UsageError(message: "\(name) needs a value (\(name) \(spec.value ?? "VALUE"))", command: command)
            }
            if !spec.repeatable, parsed.values[name] != nil {
                throw UsageError(message: "\(name) was given more than once", command: command)
            }
            parsed.values[name, default: []].append(value)
        }
        return parsed
    }

    /// True for "-3" and the like (a minus and only digits) when no option has that name: a negative
    /// number such as a stock DELTA, not an option.
    static func isNegativeNumber(_ argument: String, options: [OptionSpec]) -> Bool {
        let digits = argument.utf8.dropFirst()
        return !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 } && !options.contains { $0.name == argument }
    }
}
