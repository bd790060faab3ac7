import Foundation
import TerminalUI

// curio-ui-demo [--ascii] [--mouse] [--theme NAME]: a small program that shows the TerminalUI widgets;
// the end-to-end test drives it in tmux.
var arguments = CommandLine.arguments.dropFirst()
var options = TerminalOptions()
var themeName = "default"
while let argument = arguments.popFirst() {
    switch argument {
    case "--ascii": options.ascii = true
    case "--mouse": options.mouse = true
    case "--theme": themeName = arguments.popFirst() ?? themeName
    default:
        FileHandle.standardError.write(Data("usage: curio-ui-demo [--ascii] [--mouse] [--theme NAME]\n".utf8))
        exit(2)
    }
}
let (theme, themeError) = ThemeLoader.loadOrDefault(named: themeName)
options.theme = theme
if let themeError { FileHandle.standardError.write(Data("curio-ui-demo: \(themeError); using the default theme\n".utf8)) }

do {
    let reason = try App.run(root: CatalogueScreen(), name: "Curio demo", options: options)
    exit(reason.exitStatus)
} catch {
    FileHandle.standardError.write(Data("curio-ui-demo: \(error)\n".utf8))
    exit(1)
}
