import Foundation

/// Why an output file could not be written. The target named by the user is left as it was.
public enum OutputFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target cannot be opened or a temporary file cannot be made beside it.
    case cannotOpen(path: String, reason: String)
    /// The target is something that cannot be written (a folder, a socket, a symlink loop).
    case notWritable(path: String, reason: String)
    /// Writing, syncing or renaming failed (a full disk, a closed pipe, an I/O error).
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot write the file: \(reason)"
        case .notWritable(let path, let reason): return "\(path): cannot write there: \(reason)"
        case .writeFailed(let path, let reason): return "\(path): writing failed: \(reason); the file was left as it was"
        }
    }
}

/// A file the user named for output (`--output PATH`), written so that it is never damaged.
///
/// A regular file (existing or new) is written to a temporary file in the same folder, synced, and
/// renamed over the target only by `commit()`, keeping the old file's mode and owner; a symlink is
/// written through to the file it names; a file with several hard links is rewritten in place after
/// the whole content has been produced, so the links stay. A character device, a FIFO or `-`
/// (standard output) is written directly. Every failure is an `OutputFileError`; `discard()` (or
/// dropping the value without committing) leaves the target as it was.
public final class OutputFile {
    /// The path as the user gave it ("-" for standard output).
    public let path: String
    private let mode: Mode
    private var descriptor: Int32
    private var finished = false

    private enum Mode {
        /// Written directly: stdout, a device or a FIFO.
        case direct(ownsDescriptor: Bool)
        /// Written to `temporary`, then renamed over `target`.
        case replace(target: String, temporary: String)
        /// Written to `temporary`, then copied into `target` in place (a file with hard links).
        case rewrite(target: String, temporary: String)
    }

    /// The longest symlink chain followed before giving up.
    private static let maximumLinks = 40

    /// Opens `path` for writing: "-" is standard output.
    public init(path: String) throws(OutputFileError) {
        self.path = path
        if path == "-" {
            mode = .direct(ownsDescriptor: false)
            descriptor = STDOUT_FILENO
            return
        }
        let target = try OutputFile.resolveLinks(path)
        var info = stat()
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                let temporary = try OutputFile.makeTemporary(beside: target, path: path)
                descriptor = temporary.descriptor
                // Keep the old file's permissions and, where allowed, its owner.
                _ = fchmod(descriptor, info.st_mode & 0o7777)
                if getuid() == 0 { _ = fchown(descriptor, info.st_uid, info.st_gid) }
                mode = info.st_nlink > 1 ? .rewrite(target: target, temporary: temporary.path)
                    : .replace(target: target, temporary: temporary.path)
            case S_IFCHR, S_IFIFO:
                let fd = open(target, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw .cannotOpen(path: path, reason: OutputFile.reason(errno)) }
                descriptor = fd
                mode = .direct(ownsDescriptor: true)
            case S_IFDIR:
                throw .notWritable(path: path, reason: "it is a folder")
            default:
                throw .notWritable(path: path, reason: "it is not a regular file, a device or a FIFO")
            }
            return
        }
        guard errno == ENOENT else { throw .cannotOpen(path: path, reason: OutputFile.reason(errno)) }
        let temporary = try OutputFile.makeTemporary(beside: target, path: path)
        descriptor = temporary.descriptor
        // A new file gets the usual mode for new files under the process's umask.
        let mask = umask(0o022)
        umask(mask)
        _ = fchmod(descriptor, 0o666 & ~mask)
        mode = .replace(target: target, temporary: temporary.path)
    }

    deinit { discard() }

    /// Appends `text` (UTF-8).
    public func write(_ text: String) throws(OutputFileError) {
        try write(Array(text.utf8))
    }

    /// Appends raw bytes.
    public func write(_ bytes: [UInt8]) throws(OutputFileError) {
        guard !finished else { throw .writeFailed(path: path, reason: "the file was already closed") }
        let code = bytes.withUnsafeBytes { OutputFile.writeAll(descriptor, $0) }
        if code != 0 { throw .writeFailed(path: path, reason: OutputFile.reason(code)) }
    }

    /// Finishes the file: syncs it and puts it in place of the target. Until this returns, the target
    /// is unchanged; when it throws, the target is still unchanged (except for a failure while
    /// rewriting a hard-linked file in place, which the message says).
    public func commit() throws(OutputFileError) {
        guard !finished else { return }
        finished = true
        switch mode {
        case .direct(let owns):
            if owns {
                guard close(descriptor) == 0 else { throw .writeFailed(path: path, reason: OutputFile.reason(errno)) }
            }
        case .replace(let target, let temporary):
            defer { unlink(temporary) }
            guard fsync(descriptor) == 0 else {
                let why = OutputFile.reason(errno)
                close(descriptor)
                throw .writeFailed(path: path, reason: why)
            }
            guard close(descriptor) == 0 else { throw .writeFailed(path: path, reason: OutputFile.reason(errno)) }
            guard rename(temporary, target) == 0 else { throw .writeFailed(path: path, reason: OutputFile.reason(errno)) }
            OutputFile.syncFolder(of: target)
        case .rewrite(let target, let temporary):
            defer { close(descriptor) }
            try OutputFile.copy(from: descriptor, temporary: temporary, into: target, path: path)
            unlink(temporary)
        }
    }

    /// Abandons the file: the temporary copy is removed and the target is left as it was.
    public func discard() {
        guard !finished else { return }
        finished = true
        switch mode {
        case .direct(let owns):
            if owns { close(descriptor) }
        case .replace(_, let temporary), .rewrite(_, let temporary):
            close(descriptor)
            unlink(temporary)
        }
    }

    // MARK: Helpers

    /// Follows symlinks from `path` to the file they finally name (which may not exist yet).
    private static func resolveLinks(_ path: String) throws(OutputFileError) -> String {
        var current = path
        for _ in 0..<maximumLinks {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw .cannotOpen(path: path, reason: reason(errno)) }
            let destination = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = destination.hasPrefix("/") ? destination
                : ((current as NSString).deletingLastPathComponent as NSString).appendingPathComponent(destination)
        }
        throw .notWritable(path: path, reason: "too many levels of symbolic links")
    }

    /// A new, empty temporary file in the folder of `target`.
    private static func makeTemporary(beside target: String, path: String) throws(OutputFileError) -> (path: String, descriptor: Int32) {
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array(((folder.isEmpty ? "." : folder) as NSString).appendingPathComponent(".\(name).curio-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemp(base)
        }
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: reason(errno)) }
        let made = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (made, fd)
    }

    /// Writes all of `bytes`, retrying short writes; returns 0 or the errno of the failure.
    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard let base = bytes.baseAddress else { return 0 }
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(fd, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return 0
    }

    /// Copies the finished temporary file into `target` in place, keeping its inode and links.
    private static func copy(from source: Int32, temporary: String, into target: String, path: String) throws(OutputFileError) {
        guard fsync(source) == 0, lseek(source, 0, SEEK_SET) == 0 else {
            let why = reason(errno)
            unlink(temporary)
            throw .writeFailed(path: path, reason: why)
        }
        let destination = open(target, O_WRONLY | O_TRUNC | O_CLOEXEC)
        guard destination >= 0 else {
            let why = reason(errno)
            unlink(temporary)
            throw .cannotOpen(path: path, reason: why)
        }
        defer { close(destination) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .writeFailed(path: path, reason: reason(errno))
            }
            if count == 0 { break }
            let code = buffer.withUnsafeBytes { writeAll(destination, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            if code != 0 {
                throw .writeFailed(path: path, reason: reason(code)
                                   + " while rewriting the hard-linked file in place; the complete output is kept in " + temporary)
            }
        }
        guard fsync(destination) == 0 else { throw .writeFailed(path: path, reason: reason(errno)) }
    }

    private static func syncFolder(of file: String) {
        let fd = open((file as NSString).deletingLastPathComponent.isEmpty ? "." : (file as NSString).deletingLastPathComponent,
                      O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// The system's words for an errno value ("No space left on device").
    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
