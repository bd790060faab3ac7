import Foundation

/// A fitted model on disk beside the shop's database (`shop.db-recommender`): written once by the
/// process that built it (temp file, fsync, rename, so a reader sees the old file or the new one,
/// never half of one) and memory-mapped by every other process, which shares its pages.
enum ModelFile {
    /// Where the model of the database at `databasePath` lives.
    static func path(forDatabase databasePath: String) -> String { databasePath + "-recommender" }

    /// Where the model of the shop at `location` lives: beside a SQLite file; for PostgreSQL in this host's
    /// sidecar folder, so every session on the host maps the same file.
    static func path(for location: StoreLocation) -> String {
        location.filePath.map(path(forDatabase:)) ?? (location.sidecarFolder as NSString).appendingPathComponent("recommender")
    }

    /// Writes `model`, fitted on data with `fingerprint` in `buildTime`, to `path` atomically. `interrupt`
    /// is called before each block and may throw to stop half way (tests of a builder killed mid-write).
    static func write(_ model: RecommenderModel, fingerprint: StoreFingerprint, buildTime: Duration = .zero, to path: String,
                      interrupt: (Int) throws -> Void = { _ in }) throws {
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        let fd = open(temporary, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ModelFileError.unreadable("cannot create \(temporary): \(String(cString: strerror(errno)))") }
        var written = false
        defer {
            close(fd)
            if !written { unlink(temporary) }
        }
        var writer = BlockWriter(fd: fd)
        try writer.zeros(ModelFileFormat.headerSize)
        let blocks = ModelBlocks.encode(model, fingerprint: fingerprint)
        for (index, block) in blocks.enumerated() {
            try interrupt(index)
            try writer.block(block.rawBytes)
        }
        let payloadLength = writer.offset - ModelFileFormat.headerSize
        let checksum = try checksumOfFile(fd: fd, offset: ModelFileFormat.headerSize, length: payloadLength)
        var header = [UInt8](repeating: 0, count: ModelFileFormat.headerSize)
        header.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: ModelFileFormat.magic.littleEndian, toByteOffset: 0, as: UInt64.self)
            bytes.storeBytes(of: ModelFileFormat.version.littleEndian, toByteOffset: 8, as: UInt32.self)
            bytes.storeBytes(of: UInt64(payloadLength).littleEndian, toByteOffset: 16, as: UInt64.self)
            bytes.storeBytes(of: checksum.littleEndian, toByteOffset: 24, as: UInt64.self)
            let milliseconds = buildTime.components.seconds * 1000 + buildTime.components.attoseconds / 1_000_000_000_000_000
            bytes.storeBytes(of: UInt64(max(0, milliseconds)).littleEndian, toByteOffset: ModelFileFormat.buildTimeOffset, as: UInt64.self)
        }
        guard header.withUnsafeBytes({ pwrite(fd, $0.baseAddress, $0.count, 0) }) == ModelFileFormat.headerSize, fsync(fd) == 0 else {
            throw ModelFileError.unreadable("cannot write \(temporary): \(String(cString: strerror(errno)))")
        }
        guard rename(temporary, path) == 0 else {
            throw ModelFileError.unreadable("cannot rename \(temporary): \(String(cString: strerror(errno)))")
        }
        written = true
        let folder = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                          O_RDONLY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Whether `path` holds what looks like a whole model of this format, from its header alone (no
    /// checksum: a session uses it to wait for the model instead of asking the database meanwhile).
    static func looksCurrent(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var info = stat()
        var header = [UInt8](repeating: 0, count: ModelFileFormat.headerSize)
        guard fstat(fd, &info) == 0, header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, $0.count, 0) }) == header.count else {
            return false
        }
        return header.withUnsafeBytes { bytes in
            (try? ModelFileFormat.checkHeader(bytes, fileSize: Int(info.st_size))) != nil
        }
    }

    /// Maps the model at `path` and checks it (magic, format version, checksum, shape) before
    /// trusting it; the pages it checked are released again, so only what queries touch stays resident.
    /// Also gives how long its build took (zero when the file does not say).
    static func read(_ path: String) throws(ModelFileError) -> (RecommenderModel, StoreFingerprint, buildTime: Duration) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        let size = Int(info.st_size)
        guard size >= ModelFileFormat.headerSize else { throw .notAModel }
        guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw .unreadable(String(cString: strerror(errno)))
        }
        let storage = FlatStorage(mapped: address, length: size)
        let bytes = UnsafeRawBufferPointer(start: storage.base, count: size)
        try ModelFileFormat.checkHeader(bytes, fileSize: size)
        let expected = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        let payload = UnsafeRawBufferPointer(rebasing: bytes[ModelFileFormat.headerSize...])
        // The pages read to check it are dropped from this process again (they stay in the page cache).
        defer { madvise(address, size, MADV_DONTNEED) }
        guard ModelFileFormat.checksum(payload) == expected else { throw .badChecksum }
        // Outside the checksum: it only paces the next build, and a wild value is capped there.
        let buildTime = Duration.milliseconds(Int64(min(UInt64(Int64.max),
            UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: ModelFileFormat.buildTimeOffset, as: UInt64.self)))))
        var reader = BlockReader(storage: storage, size: size, offset: ModelFileFormat.headerSize)
        let (model, fingerprint) = try ModelBlocks.decode(&reader)
        return (model, fingerprint, buildTime)
    }

    /// The checksum of `length` bytes of the file at `offset`, read through a temporary mapping.
    private static func checksumOfFile(fd: Int32, offset: Int, length: Int) throws -> UInt64 {
        let size = offset + length
        guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw ModelFileError.unreadable(String(cString: strerror(errno)))
        }
        defer { munmap(address, size) }
        return ModelFileFormat.checksum(UnsafeRawBufferPointer(start: address + offset, count: length))
    }
}

/// Appends length-prefixed, padded blocks to a file descriptor.
struct BlockWriter {
    let fd: Int32
    private(set) var offset = 0

    init(fd: Int32) { self.fd = fd }

    mutating func zeros(_ count: Int) throws { try raw([UInt8](repeating: 0, count: count)) }

    /// One block: its byte count (8 bytes), padding to the alignment, the bytes, padding.
    mutating func block(_ block: UnsafeRawBufferPointer) throws {
        var length = UInt64(block.count).littleEndian
        let prefix = withUnsafeBytes(of: &length) { Array($0) } + [UInt8](repeating: 0, count: ModelFileFormat.alignment - 8)
        try raw(prefix)
        try write(block)
        try raw([UInt8](repeating: 0, count: ModelFileFormat.padding(block.count)))
    }

    private mutating func raw(_ array: [UInt8]) throws {
        try array.withUnsafeBytes { try write($0) }
    }

    private mutating func write(_ buffer: UnsafeRawBufferPointer) throws {
        var done = 0
        while done < buffer.count {
            let result = Foundation.write(fd, buffer.baseAddress! + done, buffer.count - done)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw ModelFileError.unreadable("write failed: \(String(cString: strerror(errno)))") }
            done += result
        }
        offset += buffer.count
    }
}

/// Reads the blocks a `BlockWriter` wrote, in place from the mapping.
struct BlockReader {
    let storage: FlatStorage
    let size: Int
    private(set) var offset: Int

    init(storage: FlatStorage, size: Int, offset: Int) {
        self.storage = storage
        self.size = size
        self.offset = offset
    }

    /// The next block as values of `type`.
    mutating func next<T: BitwiseCopyable>(_ type: T.Type) throws(ModelFileError) -> FlatArray<T> {
        guard offset + ModelFileFormat.alignment <= size else { throw .malformed("ends early") }
        let length = Int(UInt64(littleEndian: UnsafeRawBufferPointer(start: storage.base, count: size)
            .loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        let start = offset + ModelFileFormat.alignment
        guard length >= 0, length <= size - start, length % MemoryLayout<T>.stride == 0 else { throw .malformed("bad block at \(offset)") }
        offset = start + length + ModelFileFormat.padding(length)
        return FlatArray(storage: storage, offset: start, count: length / MemoryLayout<T>.stride)
    }

    /// The next two blocks as a string table.
    mutating func strings() throws(ModelFileError) -> StringTable {
        let offsets = try next(Int32.self), bytes = try next(UInt8.self)
        guard let last = offsets.last, last >= 0, Int(last) == bytes.count else { throw .malformed("bad string table") }
        return StringTable(offsets: offsets, bytes: bytes)
    }
}
