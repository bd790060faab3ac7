import Commerce
import Foundation

extension AccountCommands {
    static let verify = Command(
        path: ["user", "verify"],
        summary: "check an account's password as signing in does (throttled the same way)",
        arguments: [.required("EMAIL")],
        details: """
            Reads the password from the first line of standard input and checks it exactly as the shop's sign-in
            does, failures counted the same way: after repeated failures on one email further tries wait
            (exit status 1, "too many failed attempts; try again in N s"). Exit status 0 when the password is
            right, 1 when it is not (the message never says whether the email exists).
            """,
        options: [OptionSpec(name: "--password-stdin", value: nil, help: "read the password from standard input", required: true)],
        run: { context, arguments in
            guard let password = try InputLine.read(maximumBytes: 1024, option: "--password-stdin") else {
                throw UsageError(message: "--password-stdin given but standard input is empty")
            }
            let store = try context.openStore()
            let signedIn = try store.accounts.signIn(email: arguments.argument("EMAIL"), password: password)
            context.out("\(Sanitize.forTerminal(signedIn.user.email ?? signedIn.user.name)): the password is right\n")
            return 0
        })
}
