import Commerce
import Foundation
import Testing

/// A file the user names for output is never damaged: replaced only on success, written through
/// symlinks, keeping its mode and hard links; devices and FIFOs are written directly.
@Suite struct OutputFileTests {
    let folder: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("curio-output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
    func contents(_ name: String) -> String { (try? String(contentsOfFile: path(name), encoding: .utf8)) ?? "<missing>" }

    @Test func aNewFileAppearsOnlyOnCommit() throws {
        let file = try OutputFile(path: path("new.csv"))
        try file.write("a,b\n")
        #expect(!FileManager.default.fileExists(atPath: path("new.csv")), "nothing is in place before commit")
        try file.commit()
        #expect(contents("new.csv") == "a,b\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["new.csv"], "no temporary file is left")
    }

    @Test func anAbandonedExportLeavesTheOldFileWhole() throws {
        try "good backup\n".write(toFile: path("backup.csv"), atomically: false, encoding: .utf8)
        do {
            let file = try OutputFile(path: path("backup.csv"))
            try file.write("half of a new ")
            // Dropped without commit, as when the export fails half-way.
        }
        #expect(contents("backup.csv") == "good backup\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["backup.csv"])
    }

    @Test func modeIsKeptAndSymlinksAreWrittenThrough() throws {
        try "old\n".write(toFile: path("secret.csv"), atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path("secret.csv"))
        try FileManager.default.createSymbolicLink(atPath: path("link.csv"), withDestinationPath: "secret.csv")
        let file = try OutputFile(path: path("link.csv"))
        try file.write("new\n")
        try file.commit()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.csv")) == "secret.csv", "the link stays a link")
        #expect(contents("secret.csv") == "new\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path("secret.csv"))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func hardLinksStayLinked() throws {
        try "old\n".write(toFile: path("a.csv"), atomically: false, encoding: .utf8)
        #expect(link(path("a.csv"), path("b.csv")) == 0)
        let file = try OutputFile(path: path("a.csv"))
        try file.write("new\n")
        try file.commit()
        #expect(contents("a.csv") == "new\n" && contents("b.csv") == "new\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["a.csv", "b.csv"])
    }

    @Test func aFIFOIsWrittenDirectlyAndStaysAFIFO() throws {
        #expect(mkfifo(path("pipe"), 0o600) == 0)
        // The reader reads to the end: FileManager.contents(atPath:) returns at once on a FIFO without
        // reading, and the write then hit a closed pipe (SIGPIPE, which ends the whole test process).
        nonisolated(unsafe) var received = Data()
        let finished = DispatchSemaphore(value: 0)
        let fifo = path("pipe")
        let reader = Thread {
            received = FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data()
            finished.signal()
        }
        reader.start()
        let file = try OutputFile(path: path("pipe"))
        try file.write("through the pipe\n")
        try file.commit()
        finished.wait()
        #expect(String(decoding: received, as: UTF8.self) == "through the pipe\n")
        var info = stat()
        #expect(lstat(path("pipe"), &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aFolderIsRefusedWithAClearMessage() throws {
        #expect(throws: OutputFileError.notWritable(path: folder, reason: "it is a folder")) { try OutputFile(path: folder) }
    }

    @Test func aFullDeviceIsAWriteErrorNotATrap() throws {
        let file = try OutputFile(path: "/dev/full")
        #expect(throws: OutputFileError.self) { try file.write(String(repeating: "x", count: 1 << 16)) }
    }
}
