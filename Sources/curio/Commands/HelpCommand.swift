/// `curio help [COMMAND]`.
enum HelpCommand {
    static let command = Command(
        path: ["help"],
        summary: "show help for curio or for one command",
        arguments: [.words("COMMAND", optional: true)],
        run: { context, arguments in
            let words = arguments.words("COMMAND")
            if words.isEmpty {
                context.out(CLI.overview)
                return 0
            }
            guard let target = CLI.match(words), target.path.count == words.count else {
                throw UsageError(message: "no help for '\(Sanitize.forTerminal(words.joined(separator: " ")))': no such command")
            }
            context.out(target.helpText)
            return 0
        })
}
