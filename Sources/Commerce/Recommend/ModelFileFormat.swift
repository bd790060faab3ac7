import Foundation

/// The layout of a recommender model file: a 64-byte header (magic, format version, payload length,
/// payload checksum, how many milliseconds the build took), then blocks of plain values, each a byte count and the bytes padded to 16, so
/// every block can be read in place from a memory mapping.
enum ModelFileFormat {
    /// "CURIOREC".
    static let magic: UInt64 = 0x4345_524F_4952_5543
    /// Bumped whenever the layout or what a model holds changes; older files are rebuilt, never read.
    static let version: UInt32 = 1
    static let headerSize = 64
    /// Where the header keeps the build's milliseconds (zero in files written before it did).
    static let buildTimeOffset = 32
    static let alignment = 16

    /// Checks the header at the start of `bytes` (magic, format version, payload length against the
    /// file's size of `fileSize`); the checksum is the reader's to check.
    static func checkHeader(_ bytes: UnsafeRawBufferPointer, fileSize: Int) throws(ModelFileError) {
        guard bytes.count >= headerSize, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) == magic else {
            throw .notAModel
        }
        let found = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self))
        guard found == version else { throw .otherVersion(found) }
        let length = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
        guard length == UInt64(max(0, fileSize - headerSize)), fileSize >= headerSize else { throw .badChecksum }
    }

    /// Bytes needed to pad `count` to the alignment.
    static func padding(_ count: Int) -> Int { (alignment - count % alignment) % alignment }

    /// A checksum of `bytes`: four interleaved 64-bit FNV-style lanes over 8-byte words (fast enough
    /// to check a 100 MB model on every load), then the tail bytes.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x100_0000_01b3
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (0xcbf2_9ce4_8422_2325, 0x8422_2325_cbf2_9ce4, 0x9e37_79b9_7f4a_7c15, 0x2545_f491_4f6c_dd1d)
        let words = bytes.count / 32
        var offset = 0
        for _ in 0..<words {
            lanes.0 = (lanes.0 ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* prime
            lanes.1 = (lanes.1 ^ bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)) &* prime
            lanes.2 = (lanes.2 ^ bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)) &* prime
            lanes.3 = (lanes.3 ^ bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)) &* prime
            offset += 32
        }
        var hash = lanes.0 ^ (lanes.1 &* 31) ^ (lanes.2 &* 1_000_003) ^ (lanes.3 &* 0x1_0000_0001)
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* prime
            offset += 1
        }
        return hash ^ UInt64(bytes.count)
    }
}

/// Why a model file was not used; the worker then builds a fresh one.
enum ModelFileError: Error, CustomStringConvertible {
    case missing
    case unreadable(String)
    case notAModel
    case otherVersion(UInt32)
    case badChecksum
    case malformed(String)

    var description: String {
        switch self {
        case .missing: return "no model file yet"
        case .unreadable(let reason): return "model file unreadable: \(reason)"
        case .notAModel: return "not a recommender model file"
        case .otherVersion(let version): return "model file has format \(version), this build writes \(ModelFileFormat.version)"
        case .badChecksum: return "model file checksum does not match (damaged or half written)"
        case .malformed(let reason): return "model file malformed: \(reason)"
        }
    }
}
