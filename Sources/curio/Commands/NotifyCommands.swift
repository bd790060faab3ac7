import Commerce
import Foundation

/// `notify dispatch` and `notify list`: delivering outbox events as notifications, and reading them.
enum NotifyCommands {
    static let all: [Command] = [dispatch, list]

    static let dispatch = Command(
        path: ["notify", "dispatch"],
        summary: "deliver pending events as notifications into the Maildir and the in-app inbox",
        details: """
            Hands every outbox event that the notification subscriber has not yet seen to it, once:
            messages go into the Maildir (DIR/new/, created when missing) and the shoppers' in-app inbox.
            Failed deliveries are recorded and retried on later runs with a growing wait. Safe to run
            while the shop and other dispatchers are running. The Maildir defaults to mail/ beside the
            database. Prints the counts; --json prints {"delivered", "failed", "gaveUp",
            "alreadyHandled", "maildir"}. Exit status 1 when a delivery failed.
            """,
        options: [
            OptionSpec(name: "--maildir", value: "DIR", help: "Maildir to deliver into (default: mail/ beside the database)"),
            OptionSpec.json("print the counts as JSON"),
        ],
        run: { context, arguments in
            let maildir = arguments.value("--maildir").map { Maildir(path: absolute($0)) }
                ?? Maildir.beside(databasePath: context.databasePath)
            let store = try context.openStore()
            let dispatcher = try Dispatcher(store: store, subscribers: [NotificationSubscriber(maildir: maildir)])
            var total = DispatchReport()
            while true {
                let pass = try dispatcher.dispatchPending(limit: 500)
                total.add(pass)
                if pass.attempted == 0 { break }
            }
            if arguments.has("--json") {
                context.out(try JSONOutput.encode(DispatchOutput(report: total, maildir: maildir.path)) + "\n")
            } else {
                context.out("delivered \(total.delivered), failed \(total.failed) (will retry), gave up \(total.gaveUp)"
                            + ", already handled elsewhere \(total.alreadyHandled)\n")
                context.out("Maildir: \(Sanitize.forTerminal(maildir.path))\n")
                if total.failed + total.gaveUp > 0 {
                    context.err("curio: some deliveries failed; see outbox_deliveries.last_error\n")
                }
            }
            return total.failed + total.gaveUp > 0 ? 1 : 0
        })

    static let list = Command(
        path: ["notify", "list"],
        summary: "list notifications, newest first",
        details: """
            Lists the notifications sent (all, or those to EMAIL) as the shop's staff see them.
            --json prints an array of {"id", "userID", "email", "eventID", "kind", "subject", "body",
            "maildirFile", "createdAt", "readAt"}.
            """,
        options: [
            OptionSpec(name: "--user", value: "EMAIL", help: "only notifications sent to EMAIL"),
            OptionSpec.json(),
        ],
        run: { context, arguments in
            let store = try context.openStore()
            let items = try store.notifications.list(email: arguments.value("--user"), limit: 100_000, as: context.actor)
            if arguments.has("--json") {
                context.out(try JSONOutput.encode(items) + "\n")
                return 0
            }
            let rows = items.map { item in
                [String(item.id.rawValue), timestamp(item.createdAt), item.email, item.kind, item.subject, item.isUnread ? "unread" : "read"]
            }
            context.out(TextTable.render(header: ["ID", "SENT (UTC)", "TO", "KIND", "SUBJECT", ""], rows: rows))
            return 0
        })

    /// The `--json` shape of `notify dispatch`.
    private struct DispatchOutput: Encodable {
        let delivered: Int
        let failed: Int
        let gaveUp: Int
        let alreadyHandled: Int
        let maildir: String

        init(report: DispatchReport, maildir: String) {
            delivered = report.delivered
            failed = report.failed
            gaveUp = report.gaveUp
            alreadyHandled = report.alreadyHandled
            self.maildir = maildir
        }
    }

    private static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    }

    private static func timestamp(_ milliseconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withSpaceBetweenDateAndTime]
        return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }
}
