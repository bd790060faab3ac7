/// Why `App.run` returned.
public enum ExitReason: Sendable, Equatable {
    /// The user quit (q, ctrl-c or a screen's `.quit`).
    case quit
    /// A termination signal arrived (SIGTERM, SIGHUP, SIGINT, SIGQUIT).
    case signal(Int32)
    /// The terminal went away.
    case disconnected
    /// No key arrived for `App.idleTimeoutSeconds`.
    case idle

    /// The conventional process exit status: 0, or 128 plus the signal number.
    public var exitStatus: Int32 {
        switch self {
        case .quit, .idle: 0
        case .signal(let s): 128 + s
        case .disconnected: 129
        }
    }
}

/// Runs screens: draws the visible stack with a title bar and a footer of key hints, routes keys,
/// shows toasts (in the footer) and the help overlay (`?` or F1), and polls for outside changes while idle.
///
/// ```swift
/// let reason = try App.run(root: HomeScreen(), name: "Curio", options: TerminalOptions(theme: theme))
/// exit(reason.exitStatus)
/// ```
///
/// For tests, drive it without a terminal: `app.send(.down)`, then `app.render(into: buffer)`.
@MainActor
public final class App {
    /// The screens, bottom to top.
    public private(set) var stack: ScreenStack
    /// Clock, toasts and animation state shared with screens.
    public let context: AppContext
    /// Shown at the left of the title bar.
    public var name: String
    /// Shown at the right of the title bar (e.g. the signed-in user).
    public var status = ""
    /// A shorter `status` for when the whole one does not fit; empty: cut `status` instead.
    public var compactStatus = ""
    /// How long to wait for a key before polling (milliseconds).
    public var pollIntervalMilliseconds: Int32 = 250
    /// Called every poll interval while idle; return true when something outside changed.
    public var onPoll: (@MainActor () -> Bool)?
    /// Decodes raw terminal input.
    public var decoder = KeyDecoder()
    /// Ends the run (`.idle`) when no key arrives for this many seconds; nil never does. The last
    /// `idleWarningSeconds` count down in the footer, and any key starts the wait again.
    public var idleTimeoutSeconds: Double?
    /// How long before the idle timeout the countdown shows.
    public var idleWarningSeconds: Double = 60
    /// False once the app has been asked to quit.
    public private(set) var isRunning = true
    /// Seconds since the app started; the idle timeout and toasts are measured with it (tests pass a
    /// clock their scripted terminal advances).
    public var clock: @MainActor () -> Double = App.realClock()
    /// The clock frames are timed with (seconds; tests pass one that steps evenly).
    public var frameClock: @MainActor () -> Double = App.realClock()

    /// Creates an app showing `root`.
    public init(root: any Screen, name: String = "", context: AppContext = AppContext()) {
        self.stack = ScreenStack(root: root)
        self.name = name
        self.context = context
    }

    /// Opens the terminal, runs until the user quits or a signal arrives, and restores the
    /// terminal on every path.
    public static func run(root: any Screen, name: String = "", options: TerminalOptions = TerminalOptions()) throws(TerminalError) -> ExitReason {
        let terminal = try CursesSurface(options: options)
        defer { terminal.close() }
        return App(root: root, name: name).run(on: terminal)
    }

    /// Runs the loop on an open terminal. Waits for input with a timeout so idle CPU stays near
    /// zero, redraws only after input, a poll reporting a change, an expiring toast or an animation.
    public func run(on terminal: any AppTerminal) -> ExitReason {
        var needsDraw = true
        var lastKey = seconds()
        var countdown: Int?
        while isRunning {
            if let signal = TerminalSignals.pending { return .signal(signal) }
            if terminal.isDisconnected { return .disconnected }
            context.now = seconds()
            if let left = idleSecondsLeft(since: lastKey) {
                if left <= 0 { return .idle }
                if left <= idleWarningSeconds, Int(left.rounded(.up)) != countdown {
                    countdown = Int(left.rounded(.up))
                    context.toast("No keys for a while: closing in \(countdown ?? 0) s (press any key to stay)", kind: .info, seconds: 1.5)
                    needsDraw = true
                }
            }
            if needsDraw {
                render(into: terminal)
                terminal.present()
            }
            let wait = decoder.waitMilliseconds ?? pollIntervalMilliseconds
            let burst = terminal.readInput(timeoutMilliseconds: idleTimeoutSeconds == nil ? wait : min(wait, 1000))
            context.now = seconds()
            let keys = burst.isEmpty ? decoder.flush() : decoder.decode(burst)
            if !burst.isEmpty {
                lastKey = context.now
                countdown = nil
            }
            if keys.isEmpty {
                let outside = burst.isEmpty && (onPoll?() ?? false)
                let screenChanged = burst.isEmpty && stack.top.poll(context: context)
                needsDraw = outside || screenChanged || context.expireToasts() || context.wantsAnimation || !burst.isEmpty
                continue
            }
            for key in keys {
                if key == .ctrl("l") { terminal.invalidate() }
                send(key)
                if !isRunning { break }
            }
            needsDraw = true
        }
        return .quit
    }

    /// Delivers one key as if typed; returns false once the app should quit. Alt plus a key that
    /// nothing uses is taken as Escape and then that key (typed quickly, they arrive together).
    @discardableResult
    public func send(_ key: Key) -> Bool {
        if key == .ctrl("c") { isRunning = false; return false }
        if key == .resize { return true }
        let top = stack.top
        top.prepare(context: context)
        if let help = helpAction(for: key, top: top) {
            apply(help)
            return isRunning
        }
        var action = top.dispatch(key, context: context)
        if case .ignored = action { action = globalAction(for: key, top: top) }
        if case .ignored = action, case .alt(let inner) = key {
            send(.escape)
            return isRunning ? send(inner) : false
        }
        apply(action)
        return isRunning
    }

    /// Applies a screen action to the stack.
    public func apply(_ action: ScreenAction) {
        switch action {
        case .handled, .ignored: break
        case .push(let screen): stack.push(screen)
        case .pop: stack.pop()
        case .replace(let screen): stack.replace(with: screen)
        case .quit: isRunning = false
        }
    }

    /// F1 opens help everywhere, `?` too unless a text field with text in it has focus.
    private func helpAction(for key: Key, top: any Screen) -> ScreenAction? {
        guard !(top is HelpOverlay) else { return nil }
        switch key {
        case .function(1): break
        case .char("?") where !top.isEditingText || top.isFocusedTextEmpty: break
        default: return nil
        }
        return .push(HelpOverlay(title: top.title, hints: top.hints + globalHints(for: top), notes: top.helpNotes))
    }

    private func globalAction(for key: Key, top: any Screen) -> ScreenAction {
        switch key {
        case .char("q") where !top.isEditingText:
            return stack.depth > 1 && top.isOverlay ? .pop : .quit
        case .escape where stack.depth > 1:
            return .pop
        default:
            return .ignored
        }
    }

    /// The app's own keys as hints: Esc back (below the root), help and quit. Inside a text field
    /// they are F1 and ctrl-c, since `?` and `q` type.
    func globalHints(for top: any Screen) -> [KeyHint] {
        var hints: [KeyHint] = []
        if top.isOverlay {
            // A dialog or the help: Esc closes it, q and ? belong to it.
            hints.append(KeyHint(keys: "Esc", help: "Close", priority: .essential))
            if !(top is HelpOverlay) { hints.append(KeyHint(keys: "F1", help: "Help", priority: .essential)) }
            hints.append(KeyHint(keys: "ctrl-c", help: "Quit", priority: .essential))
            return hints
        }
        if stack.depth > 1 { hints.append(KeyHint(keys: "Esc", help: "Back", priority: .essential)) }
        if top.isEditingText {
            hints.append(KeyHint(keys: "F1", help: "Help", priority: .essential))
            hints.append(KeyHint(keys: "ctrl-c", help: "Quit", priority: .essential))
            hints.append(KeyHint(keys: "?", help: "Help, when the field is empty", inFooter: false))
        } else {
            hints.append(KeyHint(keys: "?", help: "Help", priority: .essential))
            hints.append(KeyHint(keys: "q", help: "Quit", priority: .essential))
            hints.append(KeyHint(keys: "F1", help: "Help, also inside text fields", inFooter: false))
            hints.append(KeyHint(keys: "ctrl-c", help: "Quit from anywhere", inFooter: false))
        }
        return hints
    }

    /// Draws one frame: title bar, the visible screens, toasts and the footer; or the
    /// "terminal too small" notice when the surface is below the screens' minimum size.
    public func render(into surface: any Surface) {
        let started = frameClock()
        var shown = stack.top.title
        defer {
            context.frameTimes.record(FrameTimes.Frame(screen: shown, milliseconds: max(0, frameClock() - started) * 1000))
        }
        surface.erase()
        context.wantsAnimation = false
        let bounds = surface.bounds
        let needed = stack.minimumSize
        guard bounds.size.fits(needed) else {
            TooSmallNotice(needed: needed, actual: bounds.size).draw(into: surface, in: bounds)
            return
        }
        let (titleRow, rest) = bounds.splitTop(1)
        let (content, footerRow) = rest.splitBottom(1)
        let base = stack.visible.first ?? stack.top
        shown = base.title
        TitleBar(appName: name, title: base.title, status: status, compactStatus: compactStatus).draw(into: surface, in: titleRow)
        for screen in stack.visible {
            screen.prepare(context: context)
            screen.draw(into: surface, in: content, context: context)
        }
        let top = stack.top
        Footer(hints: top.hints + globalHints(for: top), toast: context.toasts.active(at: context.now)).draw(into: surface, in: footerRow)
    }

    /// Seconds until the idle timeout, counted from the last key; nil without a timeout.
    func idleSecondsLeft(since lastKey: Double) -> Double? {
        idleTimeoutSeconds.map { $0 - (context.now - lastKey) }
    }

    private func seconds() -> Double { clock() }

    /// A clock of real seconds from now.
    static func realClock() -> @MainActor () -> Double {
        let started = ContinuousClock.now
        return {
            let elapsed = ContinuousClock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
    }
}
