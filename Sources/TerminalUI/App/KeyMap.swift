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
    /// The command delivered to `Screen.perform(_:context:)`.
    public var command: Command

    /// Creates a binding.
    public init(_ keys: [Key], _ label: String? = nil, help: String, inFooter: Bool = true, command: Command) {
        self.keys = keys
        self.label = label
        self.help = help
        self.inFooter = inFooter
        self.command = command
    }

    /// The keys as shown to the user.
    public var keyLabel: String { label ?? keys.map(\.description).joined(separator: "/") }
}

/// A key and its description, as shown in the footer and the help overlay.
public struct KeyHint: Sendable, Hashable {
    /// The key label, e.g. `Enter`.
    public var keys: String
    /// What it does.
    public var help: String
    /// Whether the footer shows it.
    public var inFooter: Bool
    /// Creates a hint.
    public init(keys: String, help: String, inFooter: Bool = true) {
        self.keys = keys
        self.help = help
        self.inFooter = inFooter
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
        bindings.map { KeyHint(keys: $0.keyLabel, help: $0.help, inFooter: $0.inFooter) }
    }
}
