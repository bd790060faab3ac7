import Foundation

/// The themes a program can use: those it carries inside the binary (so they are found from any
/// folder) and, taking precedence, theme files in folders the user names.
public struct ThemeCatalog: Sendable {
    /// Theme JSON carried by the program, by name.
    public var builtIn: [String: String]
    /// Folders of `NAME.json` files, searched first.
    public var directories: [String]

    /// A catalog of `builtIn` themes (name and JSON text) and theme `directories`.
    public init(builtIn: [(name: String, json: String)] = [], directories: [String] = []) {
        self.builtIn = Dictionary(builtIn.map { ($0.name, $0.json) }, uniquingKeysWith: { first, _ in first })
        self.directories = directories
    }

    /// Every theme name there is, sorted; `default` always (the library has it built in).
    public var names: [String] {
        var names = Set(builtIn.keys).union([Theme.default.name])
        for folder in directories {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix(".json") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// The theme called `name`: a file in the first folder that has one, else the built-in copy.
    /// Throws `.unknownTheme` listing the names when there is none, or the file's problem.
    public func theme(named name: String) throws(ThemeError) -> Theme {
        for folder in directories {
            let path = (folder as NSString).appendingPathComponent(name + ".json")
            if !name.contains("/"), FileManager.default.fileExists(atPath: path) { return try ThemeLoader.load(file: path) }
        }
        if let json = builtIn[name] {
            return try ThemeLoader.parse(Data(json.utf8), file: "built-in theme \(name)", defaultName: name)
        }
        if name == Theme.default.name { return Theme.default }
        throw .unknownTheme(name: name, available: names)
    }
}
