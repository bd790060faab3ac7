import Foundation

/// The result of running the real `curio` binary.
struct RunResult {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Locates the built executables next to the test bundle.
enum Binaries {
    /// The build products folder (where `curio` and `curio-bench` are linked).
    static let productsDirectory: URL = {
        let candidates = [Bundle.main.bundleURL, Bundle.main.executableURL?.deletingLastPathComponent(),
                          URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        for candidate in candidates.compactMap({ $0 }) {
            var folder = candidate
            for _ in 0..<3 {
                if FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("curio").path) { return folder }
                folder = folder.deletingLastPathComponent()
            }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug")
    }()

    /// The `curio` executable.
    static var curio: String { productsDirectory.appendingPathComponent("curio").path }
}

/// Runs `curio` with arguments, optional standard input and extra environment, in `directory`
/// (default: the tests' own); waits for it.
@discardableResult
func runCurio(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:], directory: String? = nil,
              executable: String = Binaries.curio) throws -> RunResult {
    try runCurio(arguments, input: stdin.map { Data($0.utf8) }, environment: environment, directory: directory, executable: executable)
}

/// Runs `curio` with raw bytes on standard input. A child that stops reading early (as it should
/// for an over-long line) closes the pipe: the test process ignores SIGPIPE and stops writing.
@discardableResult
func runCurio(_ arguments: [String], input: Data?, environment: [String: String] = [:], directory: String? = nil,
              executable: String = Binaries.curio) throws -> RunResult {
    signal(SIGPIPE, SIG_IGN)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    var env = ProcessInfo.processInfo.environment
    env["CURIO_DB"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    // Output goes to files, so a large output can never block the child on a full pipe.
    let capture = TempFolder()
    _ = FileManager.default.createFile(atPath: capture.file("out"), contents: nil)
    _ = FileManager.default.createFile(atPath: capture.file("err"), contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: capture.file("out")))
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: capture.file("err")))
    let pipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = pipe
    try process.run()
    if let input { try? pipe.fileHandleForWriting.write(contentsOf: input) }
    try? pipe.fileHandleForWriting.close()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return RunResult(status: process.terminationStatus,
                     stdout: (try? String(contentsOfFile: capture.file("out"), encoding: .utf8)) ?? "",
                     stderr: (try? String(contentsOfFile: capture.file("err"), encoding: .utf8)) ?? "")
}

/// A fresh temporary folder, removed when the value is released.
final class TempFolder {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("curio-cli-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }
}
