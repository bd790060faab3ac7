import Foundation

/// Reads themes from JSON files such as `Themes/default.json`:
///
/// ```json
/// { "name": "default",
///   "roles": { "text": { "fg": "white" },
///              "selection": { "fg": "black", "bg": "#00afaf", "attributes": ["bold"] },
///              "price": "brightmagenta" } }
/// ```
///
/// A role is an object (`fg`, `bg`, `attributes`) or just a foreground colour. Roles left out
/// come from the built-in default theme.
public enum ThemeLoader {
    /// Loads and validates the theme file at `path`.
    public static func load(file path: String) throws(ThemeError) -> Theme {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(file: path, reason: (error as NSError).localizedDescription)
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try parse(data, file: path, defaultName: name)
    }

    /// Parses theme JSON; `file` is used in error messages only.
    public static func parse(_ data: Data, file: String, defaultName: String = "custom") throws(ThemeError) -> Theme {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .invalidJSON(file: file, reason: (error as NSError).localizedDescription)
        }
        guard let object = root as? [String: Any] else {
            throw .wrongType(file: file, key: "(top level)", expected: "an object")
        }
        var theme = Theme(name: defaultName, looks: [:])
        for (key, value) in object.sorted(by: { $0.key < $1.key }) {
            switch key {
            case "name":
                guard let name = value as? String else { throw .wrongType(file: file, key: key, expected: "a string") }
                theme.name = name
            case "roles":
                guard let roles = value as? [String: Any] else { throw .wrongType(file: file, key: key, expected: "an object") }
                for (roleName, spec) in roles.sorted(by: { $0.key < $1.key }) {
                    let path = "roles.\(roleName)"
                    guard let role = Role(rawValue: roleName) else { throw .unknownKey(file: file, key: path) }
                    theme.looks[role] = try look(spec, key: path, file: file)
                }
            default:
                throw .unknownKey(file: file, key: key)
            }
        }
        return theme
    }

    /// Loads `name` from the first directory in `directories` that has it; on any error returns
    /// the built-in default theme together with the error so the caller can show it.
    public static func loadOrDefault(named name: String, directories: [String] = searchDirectories()) -> (theme: Theme, error: ThemeError?) {
        do { return (try ThemeCatalog(directories: directories).theme(named: name), nil) } catch { return (Theme.default, error) }
    }

    /// Where themes are looked for: `$CURIO_THEMES`, `./Themes`, then `Themes` beside the executable.
    public static func searchDirectories(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var dirs: [String] = []
        if let custom = environment["CURIO_THEMES"], !custom.isEmpty { dirs.append(custom) }
        dirs.append(FileManager.default.currentDirectoryPath + "/Themes")
        let exe = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").deletingLastPathComponent()
        dirs.append(exe.appendingPathComponent("Themes").path)
        return dirs
    }

    private static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    private static func look(_ spec: Any, key: String, file: String) throws(ThemeError) -> RoleLook {
        if let text = spec as? String {
            return RoleLook(try colour(text, key: key, file: file))
        }
        guard let object = spec as? [String: Any] else {
            throw .wrongType(file: file, key: key, expected: "a colour or an object with fg, bg and attributes")
        }
        var look = RoleLook()
        for (field, value) in object.sorted(by: { $0.key < $1.key }) {
            let path = "\(key).\(field)"
            switch field {
            case "fg", "bg":
                let c: Color
                if let text = value as? String {
                    c = try colour(text, key: path, file: file)
                } else if let number = value as? Int {
                    c = try colour(String(number), key: path, file: file)
                } else {
                    throw .wrongType(file: file, key: path, expected: "a colour name, 0-255 or \"#rrggbb\"")
                }
                if field == "fg" { look.foreground = c } else { look.background = c }
            case "attributes":
                guard let names = value as? [String] else { throw .wrongType(file: file, key: path, expected: "a list of attribute names") }
                for name in names {
                    guard let attribute = Attributes.byName[name.lowercased()] else {
                        throw .unknownAttribute(file: file, key: path, value: name)
                    }
                    look.attributes.insert(attribute)
                }
            default:
                throw .unknownKey(file: file, key: path)
            }
        }
        return look
    }

    private static func colour(_ text: String, key: String, file: String) throws(ThemeError) -> Color {
        guard let c = Color(parsing: text) else { throw .unknownColour(file: file, key: key, value: text) }
        return c
    }
}
