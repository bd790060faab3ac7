/// A positional argument a command takes, as shown in its usage ("HANDLE", "[COMMAND]", "WORDS...").
struct ArgumentSpec: Sendable {
    /// The placeholder, in capitals.
    let name: String
    /// True when it may be left out.
    var optional = false
    /// True when it takes every remaining word (at least one unless optional).
    var variadic = false

    /// A required argument.
    static func required(_ name: String) -> ArgumentSpec { ArgumentSpec(name: name) }
    /// An argument that may be left out.
    static func optional(_ name: String) -> ArgumentSpec { ArgumentSpec(name: name, optional: true) }
    /// One or more words.
    static func words(_ name: String, optional: Bool = false) -> ArgumentSpec {
        ArgumentSpec(name: name, optional: optional, variadic: true)
    }

    /// How it appears in a synopsis.
    var synopsis: String {
        let base = variadic ? "\(name)..." : name
        return optional ? "[\(base)]" : base
    }
}

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
    /// True when the command cannot run without it.
    var required = false

    /// `--json`, with the command's own help line.
    static func json(_ help: String = "print JSON") -> OptionSpec { OptionSpec(name: "--json", value: nil, help: help) }

    /// How it appears in a synopsis: `--name VALUE`, bracketed unless required, `...` when repeatable.
    var synopsis: String {
        var text = value.map { "\(name) \($0)" } ?? name
        if repeatable { text += "..." }
        return required ? text : "[\(text)]"
    }
}

/// A command's arguments after parsing: positionals, option values and flags.
struct ParsedArguments: Sendable {
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    /// Positionals by the name of their `ArgumentSpec` (a variadic one holds every word it took).
    var named: [String: [String]] = [:]

    /// The last value given for `name`, if any.
    func value(_ name: String) -> String? { values[name]?.last }
    /// Every value given for a repeatable option.
    func all(_ name: String) -> [String] { values[name] ?? [] }
    /// True when the flag was given.
    func has(_ name: String) -> Bool { flags.contains(name) }
    /// The positional argument declared as `name` ("" only when it was optional and left out).
    func argument(_ name: String) -> String { named[name]?.first ?? "" }
    /// The positional argument declared as `name`, or nil when an optional one was left out.
    func optionalArgument(_ name: String) -> String? { named[name]?.first }
    /// Every word a variadic argument took.
    func words(_ name: String) -> [String] { named[name] ?? [] }
}

/// A mistake in how curio was called; answered with usage on stderr and exit status 2.
struct UsageError: Error {
    let message: String
    /// The command whose usage to show, if known.
    var command: Command? = nil
}

enum ArgumentParser {
    /// Parses `arguments` against `options` and, when given, checks the positionals against
    /// `positionals` and that every required option is present.
    /// `--name value`, `--name=value`, and `--` ending options.
    static func parse(_ arguments: [String], options: [OptionSpec], positionals specs: [ArgumentSpec]? = nil,
                      command: Command?) throws(UsageError) -> ParsedArguments {
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
        guard let specs else { return parsed }
        if parsed.has("--help") { return parsed }
        parsed.named = try assign(parsed.positionals, to: specs, command: command)
        for option in options where option.required && parsed.values[option.name] == nil && !parsed.flags.contains(option.name) {
            throw UsageError(message: "\(option.name) is required (\(option.value.map { "\(option.name) \($0)" } ?? option.name))",
                             command: command)
        }
        return parsed
    }

    /// Gives each positional word to its declared argument, refusing missing and extra words.
    private static func assign(_ words: [String], to specs: [ArgumentSpec], command: Command?) throws(UsageError) -> [String: [String]] {
        var named: [String: [String]] = [:]
        var rest = words[...]
        for (position, spec) in specs.enumerated() {
            if spec.variadic {
                // Leaves one word for each required argument after it.
                let after = specs[(position + 1)...].filter { !$0.optional }.count
                let taken = max(0, rest.count - after)
                if taken == 0 && !spec.optional { throw UsageError(message: "\(spec.name) is required", command: command) }
                if taken > 0 { named[spec.name] = Array(rest.prefix(taken)) }
                rest = rest.dropFirst(taken)
            } else if let word = rest.first {
                named[spec.name] = [word]
                rest = rest.dropFirst()
            } else if !spec.optional {
                throw UsageError(message: "\(spec.name) is required", command: command)
            }
        }
        if let extra = rest.first {
            throw UsageError(message: "unexpected argument '\(Sanitize.forTerminal(extra))'", command: command)
        }
        return named
    }

    /// True for "-3" and the like (a minus and only digits) when no option has that name: a negative
    /// number such as a stock DELTA, not an option.
    static func isNegativeNumber(_ argument: String, options: [OptionSpec]) -> Bool {
        let digits = argument.utf8.dropFirst()
        return !digits.isEmpty && digits.allSatisfy { $0 >= 48 && $0 <= 57 } && !options.contains { $0.name == argument }
    }
}
