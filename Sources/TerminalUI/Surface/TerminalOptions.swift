import Foundation

/// How to open the terminal: theme, glyphs, file descriptors and terminal type.
public struct TerminalOptions: Sendable {
    /// Theme for the role colours.
    public var theme: Theme
    /// Force ASCII borders and symbols (the `--ascii` option).
    public var ascii: Bool
    /// File descriptor keys are read from.
    public var inputDescriptor: Int32
    /// File descriptor the screen is written to.
    public var outputDescriptor: Int32
    /// Terminal type to try first; nil means `$TERM`.
    public var terminalType: String?
    /// Environment consulted for `TERM` and `NO_COLOR`.
    public var environment: [String: String]
    /// Milliseconds to wait after ESC for the rest of an escape sequence.
    public var escapeDelayMilliseconds: Int32
    /// Report mouse clicks and the wheel as `Key.mouse` (off by default: it takes over the
    /// terminal's own text selection).
    public var mouse: Bool

    /// Creates options; the defaults use stdin/stdout, `$TERM` and the process environment.
    public init(theme: Theme = .default, ascii: Bool = false, inputDescriptor: Int32 = 0, outputDescriptor: Int32 = 1,
                terminalType: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                escapeDelayMilliseconds: Int32 = 25, mouse: Bool = false) {
        self.theme = theme
        self.ascii = ascii
        self.inputDescriptor = inputDescriptor
        self.outputDescriptor = outputDescriptor
        self.terminalType = terminalType
        self.environment = environment
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
        self.mouse = mouse
    }

    /// Terminal types to try in order: the requested one, `$TERM`, then common fallbacks.
    var terminalTypeCandidates: [String] {
        var list: [String] = []
        for t in [terminalType, environment["TERM"], "xterm-256color", "xterm", "vt100"] {
            if let t, !t.isEmpty, !list.contains(t) { list.append(t) }
        }
        return list
    }
}

/// Why the terminal could not be used.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// None of the terminal types could be initialised.
    case noUsableTerminal(tried: [String])
    /// The given descriptor could not be opened as a stream.
    case cannotOpenDescriptor(Int32)
    /// Another `CursesSurface` is still open in this process.
    case alreadyOpen
    /// The pseudo-terminal could not be created.
    case pseudoTerminalUnavailable(reason: String)
    /// The terminal type cannot move the cursor (`TERM=dumb`), so no screen can be drawn on it.
    case noCursorMovement(terminalType: String)

    /// A message a user can act on.
    public var description: String {
        switch self {
        case .noUsableTerminal(let tried):
            return "cannot start the terminal UI: no terminal description found for \(tried.joined(separator: ", ")); set TERM to a known type such as xterm-256color"
        case .cannotOpenDescriptor(let fd):
            return "cannot start the terminal UI: file descriptor \(fd) is not usable"
        case .alreadyOpen:
            return "the terminal UI is already running in this process"
        case .pseudoTerminalUnavailable(let reason):
            return "cannot create a pseudo-terminal: \(reason)"
        case .noCursorMovement(let type):
            return "the terminal UI needs a terminal with cursor movement; TERM=\(type) cannot draw it (use a terminal such as xterm-256color)"
        }
    }
}
