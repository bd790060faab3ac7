import Foundation
import Testing
import TerminalUI

/// Compares a surface with `<directory>/<name>.txt` (text) and `<name>.style.txt` (one letter per cell
/// for its role, see `BufferSurface.styleLegend`). `CURIO_RECORD_SNAPSHOTS=1` writes new snapshots;
/// without it a missing snapshot fails the test.
@MainActor
public func assertSnapshot(_ surface: BufferSurface, named name: String, in directory: URL,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let recording = ProcessInfo.processInfo.environment["CURIO_RECORD_SNAPSHOTS"] == "1"
    for (suffix, actual) in [("txt", surface.text + "\n"), ("style.txt", surface.styleMap + "\n")] {
        let file = directory.appendingPathComponent("\(name).\(suffix)")
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            do { try actual.write(to: file, atomically: true, encoding: .utf8) } catch {
                Issue.record("could not record \(file.path): \(error)", sourceLocation: sourceLocation)
            }
            continue
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("missing snapshot \(file.lastPathComponent); run with CURIO_RECORD_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
            continue
        }
        if expected != actual {
            Issue.record("snapshot \(file.lastPathComponent) differs:\n--- expected\n\(expected)--- actual\n\(actual)", sourceLocation: sourceLocation)
        }
    }
}

/// The two sizes every screen and widget is snapshotted at.
public let snapshotSizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]
