/// One entry in a screen's key table: the keys, what they do, and the command they trigger.
/// The same table drives dispatch, the footer and the `?` help overlay, so they never disagree.
public struct KeyBinding<Command> {
    /// Keys that trigger the command.
    public var keys: [Key]
    /// How the keys are shown, e.g. `↑/k`; nil joins the keys' own names with `/`.
    public var label: String?
    /// What the command does, in a few words ("Add to cart").
    public var help: String
    /// Whether the footer shows it (all bindings appear in the help overlay).
    public var inFooter: Bool
    /// Which hints the footer keeps when not all fit.
    public var priority: HintPriority
    /// The command delivered to `Screen.perform(_:context:)`.
    public var command: Command

    /// Creates a binding.
    public init(_ keys: [Key], _ label: String? = nil, help: String, inFooter: Bool = true, priority: HintPriority = .normal,
                command: Command) {
        self.keys = keys
        self.label = label
        self.help = help
        self.inFooter = inFooter
        self.priority = priority
        self.command = command
    }

    /// The keys as shown to the user.
    public var keyLabel: String { label ?? keys.map(\.description).joined(separator: "/") }
}

/// Which footer hints stay when the row is too narrow for all: the highest first; among equals,
/// the earlier ones. Help and Quit are `.essential`, so they always show.
public enum HintPriority: Int, Sendable, Hashable, Comparable {
    /// Dropped first.
    case low
    /// Most keys.
    case normal
    /// The keys a newcomer looks for on this screen.
    case high
    /// Help, Quit and Back: always shown.
    case essential

    public static func < (a: HintPriority, b: HintPriority) -> Bool { a.rawValue < b.rawValue }
}

/// A key and its description, as shown in the footer and the help overlay.
public struct KeyHint: Sendable, Hashable {
    /// The key label, e.g. `Enter`.
    public var keys: String
    /// What it does.
    public var help: String
    /// Whether the footer shows it.
    public var inFooter: Bool
    /// Which hints the footer keeps when not all fit.
    public var priority: HintPriority
    /// Creates a hint.
    public init(keys: String, help: String, inFooter: Bool = true, priority: HintPriority = .normal) {
        self.keys = keys
        self.help = help
        self.inFooter = inFooter
        self.priority = priority
    }
}

/// A screen's key table. Build it with an array literal of `KeyBinding`s.
public struct KeyMap<Command>: ExpressibleByArrayLiteral {
    /// The bindings in display order.
    public var bindings: [KeyBinding<Command>]

    /// Creates a key map.
    public init(_ bindings: [KeyBinding<Command>]) { self.bindings = bindings }
    /// Creates a key map from an array literal.
    public init(arrayLiteral elements: KeyBinding<Command>...) { self.bindings = elements }

    /// The command bound to `key`, if any (the first binding wins).
    public func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    /// The bindings as hints for the footer and help overlay.
    public var hints: [KeyHint] {
        bindings.map { KeyHint(keys: $0.keyLabel, help: $0.help, inFooter: $0.inFooter, priority: $0.priority) }
    }
}
