import Foundation
import Testing
@testable import Commerce

/// The System screen's recent errors: read from the end of `curio.log`, a bounded number of bytes
/// back, with every text made safe to show on a terminal.
@Suite struct LogTailTests {
    func line(_ level: String, _ event: String, _ fields: [String: Any] = [:], time: String = "2026-05-28T20:26:40Z") throws -> String {
        var object = fields
        object["time"] = time
        object["level"] = level
        object["event"] = event
        object["pid"] = 42
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return try #require(String(data: data, encoding: .utf8)) + "\n"
    }

    func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func hostileTextInALogLineReachesTheScreenAsVisibleEscapes() throws {
        let dir = TempDir()
        let path = dir.file("curio.log")
        let hostile = "\u{1b}[2J\u{1b}]52;c;cm0gLXJmIH4=\u{07}\u{9b}31mred\nsecond line\u{7f}"
        try write(try line("error", "refund.failed\u{1b}[5m", ["reason": hostile, "order": 1042], time: "2026\u{1b}[H-05-28T20:26:40Z")
                  + line("info", "ssh.session"), to: path)
        let entries = LogTail(path: path).newest(5, level: "error")
        let entry = try #require(entries.first)
        #expect(entries.count == 1)
        for text in [entry.time, entry.event, entry.detail, entry.level] {
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }, "no control character in \(text)")
        }
        #expect(entry.event == "refund.failed\\u{1b}[5m")
        #expect(entry.detail == "order=1042 reason=\\u{1b}[2J\\u{1b}]52;c;cm0gLXJmIH4=\\u{7}\\u{9b}31mred\\u{a}second line\\u{7f}")
        #expect(entry.time == "2026\\u{1b}[H-05-28T20:26:40Z")
    }

    @Test func onlyTheEndOfALargeLogIsReadAndTheNewestErrorsComeFirst() throws {
        let dir = TempDir()
        let path = dir.file("curio.log")
        var text = try line("error", "too.old", ["note": "beyond the bytes read"])
        let filler = try line("info", "ssh.session", ["padding": String(repeating: "x", count: 200)])
        for _ in 0..<12_000 { text += filler }   // about 3 MB of info lines
        for n in 1...7 {
            text += try line("error", "dispatch.failed", ["n": n])
            text += "not json at all\n" + filler
        }
        try write(text, to: path)
        #expect(((try FileManager.default.attributesOfItem(atPath: path))[.size] as? Int ?? 0) > 3 * LogTail(path: path).maximumBytes / 2)
        let newest = LogTail(path: path).newest(5, level: "error")
        #expect(newest.map(\.detail) == ["n=7", "n=6", "n=5", "n=4", "n=3"])
        let all = LogTail(path: path).newest(100, level: "error")
        #expect(all.map(\.event) == Array(repeating: "dispatch.failed", count: 7), "the error at the start lies past the bytes read")
        var whole = LogTail(path: path)
        whole.maximumBytes = 1 << 30
        #expect(whole.newest(100, level: "error").last?.event == "too.old", "read far enough back, it is found")
    }

    @Test func linesSplitAcrossChunksAreReadWhole() throws {
        let dir = TempDir()
        let path = dir.file("curio.log")
        var text = ""
        for n in 1...40 { text += try line(n % 3 == 0 ? "error" : "warning", "e\(n)", ["text": String(repeating: "é", count: n * 7)]) }
        try write(text, to: path)
        var tail = LogTail(path: path)
        tail.chunk = 97   // shorter than most lines, and splitting the two-byte é
        let found = tail.newest(100, level: "error")
        #expect(found.map(\.event) == stride(from: 39, through: 3, by: -3).map { "e\($0)" })
        #expect(found.allSatisfy { $0.detail.hasPrefix("text=é") && !$0.detail.contains("\u{FFFD}") })
        #expect(LogTail(path: dir.file("missing.log")).newest(5, level: "error").isEmpty)
        try write("", to: path)
        #expect(LogTail(path: path).newest(5, level: "error").isEmpty)
    }

    @Test func theSystemStatusCarriesTheLogsNewestErrors() throws {
        let shop = try ShopFixture()
        shop.store.log?.write("refund.retry_failed", level: "error", ["order": 1001, "reason": "gateway down"])
        shop.store.log?.write("checkout.recovered", level: "warning", ["order": 1002])
        let status = try shop.store.systemInfo.status(as: shop.staff)
        #expect(status.recentErrors.map(\.event) == ["refund.retry_failed"])
        #expect(status.recentErrors.first?.detail == "order=1001 reason=gateway down")
    }
}
