import Backoffice
import Commerce
import Foundation
import Storefront
import TerminalUI

/// The interactive shop. On a terminal it opens the curses storefront; without one (a pipe, CI) it
/// prints what the shop holds and how to browse it, and exits 0. A terminal that cannot move the
/// cursor (`TERM=dumb`) is refused with one line and exit status 1.
enum Storefront {
    @MainActor
    static func open(store: Store, theme: Theme, context: CommandContext, link: DeepLink = .home) throws -> Int32 {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return try summary(store: store, context: context) }
        let token = guestToken(context.environment)
        return try onTerminal(theme: theme, context: context) { options throws(TerminalError) in
            try ShopApp.run(store: store, launch: ShopLaunch(guestToken: token, link: link), options: options) { user in
                BackofficeApp.screen(store: store, user: user)
            }.reason
        }
    }

    /// Runs `app` on the terminal with the theme and `--ascii` asked for; a terminal that cannot move
    /// the cursor is refused in one line (exit status 1).
    @MainActor
    static func onTerminal(theme: Theme, context: CommandContext,
                           _ app: (TerminalOptions) throws(TerminalError) -> ExitReason) throws -> Int32 {
        let environment = context.environment
        var options = TerminalOptions(environment: environment)
        options.theme = theme
        options.ascii = environment["CURIO_ASCII"] == "1"
        do {
            return try app(options).exitStatus
        } catch .noCursorMovement(let type) {
            context.err("Curio needs a terminal with cursor movement; TERM=\(Sanitize.forTerminal(type)) cannot draw it "
                        + "(try TERM=xterm-256color, or 'curio --help' for the commands)\n")
            return 1
        }
    }

    /// The key the guest's cart is kept under: the OS account on a local terminal, so the cart is
    /// there again after quitting; a random one inside an SSH session (where every visitor runs as
    /// the same OS account) until the SSH entry point keys it by the visitor's identity.
    static func guestToken(_ environment: [String: String]) -> String {
        let overSSH = ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"].contains { !(environment[$0] ?? "").isEmpty }
        return overSSH ? GuestCartKey.random() : GuestCartKey.localUser()
    }

    /// The themes the shop can use: `$CURIO_THEMES/NAME.json` first, then those the binary carries
    /// (built from `Themes/`), so `--theme` works from any folder.
    static func themes(_ environment: [String: String]) -> ThemeCatalog {
        ThemeCatalog(builtIn: EmbeddedResources.themes, directories: environment["CURIO_THEMES"].map { [$0] } ?? [])
    }

    /// The theme named by `--theme` (or `$CURIO_THEME`): an unknown name is a usage mistake (exit
    /// status 2, listing the themes); a theme file that does not load is reported and the default used.
    static func theme(_ context: CommandContext) throws -> Theme {
        let name = context.environment["CURIO_THEME"] ?? Theme.default.name
        do {
            return try themes(context.environment).theme(named: name)
        } catch .unknownTheme(let name, let available) {
            throw UsageError(message: "--theme: no theme named '\(Sanitize.forTerminal(name))'; the themes are \(available.joined(separator: ", "))")
        } catch {
            context.err("curio: \(Sanitize.forTerminal(error.description)); using the default theme\n")
            return Theme.default
        }
    }

    /// The text printed when there is no terminal.
    static func summary(store: Store, context: CommandContext) throws -> Int32 {
        let products = try store.catalog.productCount(caller: .system)
        context.out("Curio shop at \(context.location): \(products) products.\n")
        context.out("Try: curio search mug · curio category list · curio product show HANDLE · curio --help\n")
        return 0
    }
}
