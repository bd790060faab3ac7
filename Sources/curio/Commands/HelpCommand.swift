/// `curio help [COMMAND]`.
enum HelpCommand {
    static let command = Command(
        path: ["help"],
        summary: "show help for curio or for one command",
        usage: "curio help [COMMAND]",
        run: { context, arguments in
            if arguments.positionals.isEmpty {
                context.out(CLI.overview)
                return 0
            }
            guard let target = CLI.match(arguments.positionals), target.path.count == arguments.positionals.count else {
                throw UsageError(message: "no help for '\(Sanitize.forTerminal(arguments.positionals.joined(separator: " ")))': no such command")
            }
            context.out(target.helpText)
            return 0
        })
}
