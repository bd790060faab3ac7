/// A semantic colour role. Views ask for a role; the theme decides what it looks like.
public enum Role: String, CaseIterable, Sendable, Hashable {
    /// Ordinary text.
    case text
    /// Secondary text: hints, captions, placeholders.
    case muted
    /// Highlights: titles, active tab, key names.
    case accent
    /// The selected row or focused item.
    case selection
    /// Box borders and separators.
    case border
    /// Positive outcomes: saved, paid, in stock.
    case success
    /// Needs attention: low stock, pending.
    case warning
    /// Failures and validation messages.
    case error
    /// Money amounts.
    case price

    /// One-letter code used in snapshot style maps.
    var code: Character {
        switch self {
        case .text: "."
        case .muted: "m"
        case .accent: "a"
        case .selection: "S"
        case .border: "b"
        case .success: "s"
        case .warning: "w"
        case .error: "e"
        case .price: "p"
        }
    }
}

/// Text attributes that work on colour and monochrome terminals alike.
public struct Attributes: OptionSet, Sendable, Hashable {
    /// Raw bit mask.
    public let rawValue: UInt8
    /// Creates attributes from a raw bit mask.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// Bold (or bright) text.
    public static let bold = Attributes(rawValue: 1 << 0)
    /// Underlined text.
    public static let underline = Attributes(rawValue: 1 << 1)
    /// Foreground and background swapped.
    public static let reverse = Attributes(rawValue: 1 << 2)
    /// Dim (half-bright) text.
    public static let dim = Attributes(rawValue: 1 << 3)

    /// Attribute names as written in theme files.
    static let byName: [String: Attributes] = [
        "bold": .bold, "underline": .underline, "reverse": .reverse, "dim": .dim,
    ]
}

/// How a cell is drawn: a role from the theme plus extra attributes.
public struct Style: Sendable, Hashable {
    /// The theme role that gives the colours.
    public var role: Role
    /// Attributes added to the role's own attributes.
    public var attributes: Attributes

    /// Creates a style for `role`, optionally with extra attributes.
    public init(_ role: Role = .text, _ attributes: Attributes = []) {
        self.role = role
        self.attributes = attributes
    }

    /// Plain text.
    public static let text = Style(.text)
    /// Secondary text.
    public static let muted = Style(.muted)
    /// Highlighted text.
    public static let accent = Style(.accent)
    /// Selected row.
    public static let selection = Style(.selection)
    /// Borders.
    public static let border = Style(.border)
    /// Error text.
    public static let error = Style(.error)
    /// Success text.
    public static let success = Style(.success)
    /// Warning text.
    public static let warning = Style(.warning)
    /// Money amounts.
    public static let price = Style(.price)

    /// This style with `extra` attributes added.
    public func with(_ extra: Attributes) -> Style { Style(role, attributes.union(extra)) }
}
