/// Why a theme file could not be used. The description names the file and the offending key,
/// e.g. `Themes/bad.json: key "roles.price": unknown colour "purplish"`.
public enum ThemeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(file: String, reason: String)
    /// The file is not valid JSON.
    case invalidJSON(file: String, reason: String)
    /// A value has the wrong JSON type.
    case wrongType(file: String, key: String, expected: String)
    /// A colour value is not a name, 0–255 or #rrggbb.
    case unknownColour(file: String, key: String, value: String)
    /// An attribute is not bold, underline, reverse or dim.
    case unknownAttribute(file: String, key: String, value: String)
    /// A key the theme format does not have (a misspelt role, for example).
    case unknownKey(file: String, key: String)
    /// No theme has this name; `available` lists the names there are.
    case unknownTheme(name: String, available: [String])

    /// The file the error is about.
    public var file: String {
        switch self {
        case .unreadable(let f, _), .invalidJSON(let f, _), .wrongType(let f, _, _),
             .unknownColour(let f, _, _), .unknownAttribute(let f, _, _), .unknownKey(let f, _):
            return f
        case .unknownTheme(let name, _):
            return name
        }
    }

    /// A message a user can act on.
    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            return "\(file): cannot read the theme file (\(reason))"
        case .invalidJSON(let file, let reason):
            return "\(file): not valid JSON (\(reason))"
        case .wrongType(let file, let key, let expected):
            return "\(file): key \"\(key)\": expected \(expected)"
        case .unknownColour(let file, let key, let value):
            return "\(file): key \"\(key)\": unknown colour \"\(value)\" (use a name such as red or brightblue, 0-255, or #rrggbb)"
        case .unknownAttribute(let file, let key, let value):
            return "\(file): key \"\(key)\": unknown attribute \"\(value)\" (use bold, underline, reverse or dim)"
        case .unknownKey(let file, let key):
            let roles = Role.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(file): unknown key \"\(key)\" (top-level keys are name and roles; roles are \(roles))"
        case .unknownTheme(let name, let available):
            return "no theme named \"\(name)\"; the themes are \(available.joined(separator: ", "))"
        }
    }
}
