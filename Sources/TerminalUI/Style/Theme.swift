/// The look of one role: foreground, background and attributes.
public struct RoleLook: Sendable, Hashable {
    /// Foreground colour.
    public var foreground: Color
    /// Background colour.
    public var background: Color
    /// Attributes applied with the colours.
    public var attributes: Attributes

    /// Creates a look; colours default to the terminal's own.
    public init(_ foreground: Color = .terminalDefault, on background: Color = .terminalDefault, _ attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}

/// A colour theme: a look for every `Role`. Load one from JSON with `ThemeLoader`; the default
/// theme is built into the library so the UI works without a `Themes` directory.
public struct Theme: Sendable, Hashable {
    /// The theme's name (its file name without `.json`).
    public var name: String
    /// The look of each role; roles a theme leaves out come from `Theme.default`.
    public var looks: [Role: RoleLook]

    /// Creates a theme; missing roles are filled from the built-in default.
    public init(name: String, looks: [Role: RoleLook]) {
        self.name = name
        self.looks = looks
    }

    /// The look for `role`, falling back to the built-in default theme.
    public func look(for role: Role) -> RoleLook {
        looks[role] ?? Theme.default.looks[role] ?? RoleLook()
    }

    /// Attributes to use for `role` on a terminal without colour: the theme's own attributes plus
    /// the monochrome theme's, so selections and errors stay visible.
    public func monochromeAttributes(for role: Role) -> Attributes {
        look(for: role).attributes.union(Theme.mono.looks[role]?.attributes ?? [])
    }

    /// The built-in dark theme, identical to `Themes/default.json`.
    public static let `default` = Theme(name: "default", looks: [
        .text: RoleLook(.index(7)),
        .muted: RoleLook(.index(8)),
        .accent: RoleLook(.index(14), on: .terminalDefault, [.bold]),
        .selection: RoleLook(.index(0), on: .index(6)),
        .border: RoleLook(.index(4)),
        .success: RoleLook(.index(10)),
        .warning: RoleLook(.index(11)),
        .error: RoleLook(.index(9), on: .terminalDefault, [.bold]),
        .price: RoleLook(.index(13), on: .terminalDefault, [.bold]),
    ])

    /// The built-in monochrome theme, identical to `Themes/mono.json`: attributes only.
    public static let mono = Theme(name: "mono", looks: [
        .text: RoleLook(),
        .muted: RoleLook(.terminalDefault, on: .terminalDefault, [.dim]),
        .accent: RoleLook(.terminalDefault, on: .terminalDefault, [.bold]),
        .selection: RoleLook(.terminalDefault, on: .terminalDefault, [.reverse]),
        .border: RoleLook(),
        .success: RoleLook(),
        .warning: RoleLook(.terminalDefault, on: .terminalDefault, [.bold]),
        .error: RoleLook(.terminalDefault, on: .terminalDefault, [.bold, .underline]),
        .price: RoleLook(.terminalDefault, on: .terminalDefault, [.bold]),
    ])
}
