/// The character encoding of an import file. Spreadsheets (Excel above all) save CSV as Windows-1252
/// unless told otherwise, so a file that is not valid UTF-8 is read as Windows-1252 with a warning.
public enum ImportEncoding: String, Sendable, CaseIterable, Codable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "latin-1"

    /// The encoding named `text` (`utf-8`, `utf8`, `windows-1252`, `cp1252`, `latin-1`, `iso-8859-1` …), or nil.
    public init?(name text: String) {
        switch text.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "utf-8", "utf8": self = .utf8
        case "windows-1252", "cp1252", "win-1252": self = .windows1252
        case "latin-1", "latin1", "iso-8859-1", "iso8859-1": self = .latin1
        default: return nil
        }
    }

    /// The file's bytes as UTF-8, and the encoding they were read in. With no encoding given, valid
    /// UTF-8 is kept and anything else is read as Windows-1252. Forced UTF-8 is left as it is, so the
    /// reader reports the first invalid cell.
    static func utf8Bytes(_ bytes: [UInt8], forced: ImportEncoding?) -> (bytes: [UInt8], readAs: ImportEncoding) {
        let encoding = forced ?? (isValidUTF8(bytes) ? .utf8 : .windows1252)
        switch encoding {
        case .utf8: return (bytes, .utf8)
        case .windows1252, .latin1:
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + bytes.count / 8)
            for byte in bytes {
                if byte < 0x80 { output.append(byte); continue }
                let scalar = encoding == .windows1252 && byte < 0xA0 ? windows1252High[Int(byte) - 0x80] : UInt32(byte)
                output.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8))
            }
            return (output, encoding)
        }
    }

    private static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) != nil }
    }

    /// Windows-1252's bytes 0x80…0x9F; the five it leaves undefined map to the C1 controls of the
    /// same number (as browsers read them), which the import then refuses like any control character.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
