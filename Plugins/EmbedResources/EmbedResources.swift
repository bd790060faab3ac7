import Foundation
import PackagePlugin

/// Builds `EmbeddedResources.swift` for the target from `Themes/*.json` and `SampleData/products.csv`
/// (the sources stay in those folders), so the binary carries its themes and demo catalog.
@main
struct EmbedResources: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        let themes = try FileManager.default.contentsOfDirectory(at: root.appending(path: "Themes"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let sample = root.appending(path: "SampleData").appending(path: "products.csv")
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedResources.swift")
        return [
            .buildCommand(displayName: "Embedding the themes and the sample catalog in \(target.name)",
                          executable: try context.tool(named: "curio-embed").url,
                          arguments: [output.path, "--themes"] + themes.map(\.path) + ["--sample", sample.path],
                          inputFiles: themes + [sample], outputFiles: [output]),
        ]
    }
}
