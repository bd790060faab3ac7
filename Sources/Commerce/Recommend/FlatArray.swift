import Foundation

/// Read-only memory that flat arrays point into: a heap copy, or a memory-mapped model file that
/// every process on the shop shares page by page.
final class FlatStorage: @unchecked Sendable {
    private enum Backing {
        case heap(UnsafeMutableRawPointer)
        case mapped(UnsafeMutableRawPointer, Int)
    }

    private let backing: Backing
    /// The first byte.
    let base: UnsafeRawPointer

    /// A heap block of `byteCount` bytes filled by `fill` (only during this call).
    init(byteCount: Int, fill: (UnsafeMutableRawPointer) -> Void) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(16, byteCount), alignment: 16)
        fill(memory)
        backing = .heap(memory)
        base = UnsafeRawPointer(memory)
    }

    /// The mapping at `address` of `length` bytes, unmapped when the last array using it goes.
    init(mapped address: UnsafeMutableRawPointer, length: Int) {
        backing = .mapped(address, length)
        base = UnsafeRawPointer(address)
    }

    deinit {
        switch backing {
        case .heap(let memory): memory.deallocate()
        case .mapped(let address, let length): munmap(address, length)
        }
    }
}

/// An immutable array of plain values in `FlatStorage`: built from a Swift array, or read in place
/// from a memory-mapped model file. Reads cost what an array's do; nothing is copied on load.
struct FlatArray<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
    private let storage: FlatStorage
    private let pointer: UnsafePointer<Element>
    let count: Int

    /// A copy of `array`.
    init(_ array: [Element]) {
        let bytes = array.count * MemoryLayout<Element>.stride
        storage = FlatStorage(byteCount: bytes) { memory in
            array.withUnsafeBytes { source in
                if let base = source.baseAddress { memory.copyMemory(from: base, byteCount: bytes) }
            }
        }
        pointer = storage.base.assumingMemoryBound(to: Element.self)
        count = array.count
    }

    /// `count` values at `offset` bytes into `storage` (aligned for `Element`).
    init(storage: FlatStorage, offset: Int, count: Int) {
        self.storage = storage
        pointer = (storage.base + offset).assumingMemoryBound(to: Element.self)
        self.count = count
    }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    @inline(__always)
    subscript(position: Int) -> Element {
        precondition(position >= 0 && position < count, "FlatArray index out of range")
        return pointer[position]
    }

    /// The bytes of the values, for writing them to a file.
    var rawBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: pointer, count: count * MemoryLayout<Element>.stride) }
}

extension FlatArray: Equatable where Element: Equatable {
    static func == (lhs: FlatArray, rhs: FlatArray) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }
}

extension FlatArray where Element: Comparable {
    /// The position of `value` in these ascending values, or nil.
    func binarySearch(_ value: Element) -> Int? {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if pointer[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < count && pointer[low] == value ? low : nil
    }
}

/// Strings stored end to end as UTF-8 with their offsets, so a table of 100k titles is two flat arrays.
struct StringTable: Sendable, Equatable {
    /// Where each string starts; one more entry than there are strings.
    let offsets: FlatArray<Int32>
    /// The UTF-8 bytes.
    let bytes: FlatArray<UInt8>

    /// The table of `strings`.
    init(_ strings: [String]) {
        var offsets: [Int32] = [0]
        var bytes: [UInt8] = []
        for string in strings {
            bytes += string.utf8
            offsets.append(Int32(bytes.count))
        }
        self.offsets = FlatArray(offsets)
        self.bytes = FlatArray(bytes)
    }

    /// A table read from a model file.
    init(offsets: FlatArray<Int32>, bytes: FlatArray<UInt8>) {
        self.offsets = offsets
        self.bytes = bytes
    }

    /// Number of strings.
    var count: Int { max(0, offsets.count - 1) }

    /// The string at `index`.
    subscript(index: Int) -> String {
        let start = Int(offsets[index]), end = Int(offsets[index + 1])
        guard start <= end, end <= bytes.count else { return "" }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes.rawBytes[start..<end]), as: UTF8.self)
    }
}
