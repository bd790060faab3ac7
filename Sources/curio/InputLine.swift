import Foundation

/// Reads one line of a secret (a password, card details) from standard input without reading more
/// than a bounded number of bytes, whatever is piped in: a line longer than `maximumBytes` is refused
/// rather than held in memory. The newline (LF or CRLF) is not part of the line.
enum InputLine {
    /// Why the line could not be read; `description` names the option.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The first line of `descriptor`, or nil when the input is empty. Throws when the line is longer
    /// than `maximumBytes`, is not UTF-8, or the read fails.
    static func read(from descriptor: Int32 = STDIN_FILENO, maximumBytes: Int, option: String) throws(Failure) -> String? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 256)
        var sawAnything = false
        reading: while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, min($0.count, maximumBytes + 2 - bytes.count)) }
            if count < 0 {
                if errno == EINTR { continue }
                throw Failure(description: "\(option): cannot read standard input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            sawAnything = true
            for byte in chunk[..<count] {
                if byte == 0x0A { break reading }
                bytes.append(byte)
            }
            if bytes.count > maximumBytes + (bytes.last == 0x0D ? 1 : 0) {
                throw Failure(description: "\(option): the line on standard input is longer than \(maximumBytes) bytes")
            }
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        guard bytes.count <= maximumBytes else {
            throw Failure(description: "\(option): the line on standard input is longer than \(maximumBytes) bytes")
        }
        guard sawAnything else { return nil }
        guard let line = String(validating: bytes, as: UTF8.self) else {
            throw Failure(description: "\(option): standard input is not UTF-8 text")
        }
        return line
    }
}
