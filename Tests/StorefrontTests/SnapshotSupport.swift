import CurioTestSupport
import Foundation
import Testing
import TerminalUI

/// Compares a surface with this target's `__Snapshots__/<name>.txt` and `.style.txt`.
@MainActor
func assertSnapshot(_ surface: BufferSurface, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    CurioTestSupport.assertSnapshot(surface, named: name, in: snapshotDirectory, sourceLocation: sourceLocation)
}

/// This target's snapshot folder.
let snapshotDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")

/// The two sizes every screen is snapshotted at.
let snapshotSizes = CurioTestSupport.snapshotSizes
