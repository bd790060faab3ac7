import Foundation
import Testing

/// Files the user names are never damaged, on every output path of the CLI: devices and FIFOs are
/// written directly, a full disk or a closed stdout is one line on stderr and exit 1, and a failed
/// export leaves the old file whole.
@Suite(.serialized) struct OutputPathCommandTests {
    /// A folder with an initialised shop holding one product.
    func shop() throws -> (TempFolder, String) {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        let csv = dir.file("one.csv")
        try Data("Handle,Title,Variant Price,Variant SKU,Variant Inventory Qty\nmug,Mug,12,MUG,4\n".utf8).write(to: URL(fileURLWithPath: csv))
        #expect(try runCurio(["--db", db, "import", "products", csv]).status == 0)
        return (dir, db)
    }

    /// Runs a shell line with `$CURIO` set to the binary; returns status and stderr.
    func shell(_ line: String, in dir: TempFolder) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", line]
        process.environment = ProcessInfo.processInfo.environment.merging(["CURIO": Binaries.curio]) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: dir.path)
        let err = Pipe()
        process.standardError = err
        try process.run()
        let data = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func aCharacterDeviceMadeWithMknodIsWrittenDirectlyAndStaysADevice() throws {
        let (dir, db) = try shop()
        let null = dir.file("null"), full = dir.file("full")  // the numbers of /dev/null (1,3) and /dev/full (1,7)
        guard mknod(null, S_IFCHR | 0o666, dev_t((1 << 8) | 3)) == 0, mknod(full, S_IFCHR | 0o666, dev_t((1 << 8) | 7)) == 0 else {
            print("skipped: mknod is not possible here (\(String(cString: strerror(errno)))); needs root or CAP_MKNOD")
            return
        }
        let written = try runCurio(["--db", db, "export", "products", "--output", null])
        if written.status == 1 && written.stderr.contains("Permission denied") {
            print("skipped: the temporary folder is mounted nodev, so its device nodes cannot be opened")
            return
        }
        #expect(written.status == 0, "\(written.stderr)")
        var info = stat()
        #expect(stat(null, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR, "still a character device")
        let fullDevice = try runCurio(["--db", db, "export", "products", "--output", full])
        #expect(fullDevice.status == 1)
        #expect(fullDevice.stderr.split(separator: "\n").count == 1 && fullDevice.stderr.contains("No space left on device"), "\(fullDevice.stderr)")
        #expect(stat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func aFIFOIsWrittenDirectlyAndStaysAFIFO() throws {
        let (dir, db) = try shop()
        let fifo = dir.file("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        // A reader on the other end, started before the export opens it for writing.
        let result = try shell("cat \"\(fifo)\" > received & \"$CURIO\" --db \"\(db)\" export products --output \"\(fifo)\"; s=$?; wait; exit $s",
                               in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: dir.file("received"), encoding: .utf8).contains("mug,Mug,"))
        var info = stat()
        #expect(stat(fifo, &info) == 0 && (info.st_mode & S_IFMT) == S_IFIFO)
    }

    @Test func aSymlinkIsWrittenThroughAndAMode600FileKeepsItsMode() throws {
        let (dir, db) = try shop()
        let target = dir.file("real.csv"), link = dir.file("link.csv")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        #expect(chmod(target, 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        #expect(try runCurio(["--db", db, "export", "products", "--output", link]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "still a symlink")
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("mug,Mug,"))
        var info = stat()
        #expect(stat(target, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test func aFailedExportOverAGoodFileLeavesItWholeWhenTheDatabaseIsDamaged() throws {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        #expect(try runCurio(["--db", db, "seed", "--products", "3000", "--orders", "10"]).status == 0)
        let backup = dir.file("backup.csv")
        #expect(try runCurio(["--db", db, "export", "products", "--output", backup]).status == 0)
        let good = try Data(contentsOf: URL(fileURLWithPath: backup))
        #expect(good.count > 100_000)
        // Damage every page after the first few (the header stays, so the file still opens).
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: db))
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 16 * 4096)
        try handle.write(contentsOf: Data(repeating: 0xA5, count: Int(size) - 16 * 4096))
        try handle.close()
        let failed = try runCurio(["--db", db, "export", "products", "--output", backup])
        #expect(failed.status == 1)
        #expect(failed.stderr.split(separator: "\n").count == 1, "\(failed.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == good, "the old backup survives byte for byte")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix(".backup.csv") }.isEmpty,
                "no temporary file is left behind")
    }

    @Test func aFullFilesystemIsOneLineAndTheOldFileSurvives() throws {
        let (dir, db) = try shop()
        let mountPoint = dir.file("small")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        let mounted = try shell("mount -t tmpfs -o size=64k tmpfs \"\(mountPoint)\"", in: dir)
        guard mounted.status == 0 else {
            print("skipped: cannot mount a tmpfs here (\(mounted.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? shell("umount \"\(mountPoint)\"", in: dir) }
        let target = (mountPoint as NSString).appendingPathComponent("export.csv")
        try Data("old backup\n".utf8).write(to: URL(fileURLWithPath: target))
        // Fill the rest of the filesystem, then export a catalog that needs more room than is left.
        _ = try shell("dd if=/dev/zero of=\"\(mountPoint)/filler\" bs=4k 2>/dev/null; true", in: dir)
        let big = dir.file("big.csv")
        var csv = "Handle,Title,Body (HTML),Variant Price\n"
        for index in 0..<200 { csv += "p\(index),Product \(index),\(String(repeating: "long text ", count: 50)),1\n" }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: big))
        #expect(try runCurio(["--db", db, "import", "products", big]).status == 0)
        let result = try runCurio(["--db", db, "export", "products", "--output", target])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1 && result.stderr.contains("No space left on device"), "\(result.stderr)")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "old backup\n")
    }

    @Test func standardOutputThatIsFullOrClosedIsOneLineAndExitOne() throws {
        let (dir, db) = try shop()
        for command in ["export products", "order list --json"] {
            let full = try shell("\"$CURIO\" --db \"\(db)\" \(command) > /dev/full", in: dir)
            #expect(full.status == 1 && full.stderr == "curio: cannot write to standard output: No space left on device\n",
                    "\(command): \(full.stderr)")
            let closed = try shell("\"$CURIO\" --db \"\(db)\" \(command) >&-", in: dir)
            #expect(closed.status == 1 && closed.stderr.hasPrefix("curio: cannot write to standard output: ")
                    && closed.stderr.split(separator: "\n").count == 1, "\(command): \(closed.stderr)")
        }
    }
}
