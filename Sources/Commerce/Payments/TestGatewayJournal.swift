import Foundation

/// The test gateway's own record of the charges it made: one JSON object per line
/// (`{"key", "outcome": "succeeded"|"declined", "reference"|"code"}`), appended with one `write` on a
/// file opened with O_APPEND, so processes sharing a shop share it and a line is never torn. It is not
/// synced: it stands for a provider on another machine, whose record outlives the shop's process (a
/// killed process's write stays in the page cache, which the recovery tests rely on), and a third
/// fsync per order would make the bench measure the test double instead of the shop's two commits.
struct TestGatewayJournal {
    let path: String

    /// One recorded charge.
    struct Entry {
        let key: String
        let result: GatewayResult
    }

    /// The first charge recorded for `key`, if any.
    func entry(for key: String) -> Entry? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: String],
                  object["key"] == key else { continue }
            switch object["outcome"] {
            case "succeeded": return Entry(key: key, result: .succeeded(reference: object["reference"] ?? ""))
            case "declined":
                guard let code = object["code"].flatMap(DeclineCode.init(rawValue:)) else { continue }
                return Entry(key: key, result: .declined(code: code))
            default: continue
            }
        }
        return nil
    }

    /// Records the charge for `key`; false when the journal cannot be written (the charge is then not made).
    func append(key: String, result: GatewayResult) -> Bool {
        var object = ["key": key]
        switch result {
        case .succeeded(let reference): object["outcome"] = "succeeded"; object["reference"] = reference
        case .declined(let code): object["outcome"] = "declined"; object["code"] = code.rawValue
        case .unavailable: return true
        }
        guard var line = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return false }
        line.append(UInt8(ascii: "\n"))
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o660)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let written = line.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        return written == line.count
    }
}
