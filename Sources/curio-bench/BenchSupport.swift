import Foundation

/// One line of the bench table.
typealias BenchRow = (case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String)

/// Latency samples in microseconds, summarised as percentiles.
struct Samples {
    private(set) var values: [Double] = []

    /// Adds one sample.
    mutating func add(_ micros: Double) { values.append(micros) }

    /// The value below which `fraction` of the samples fall (nearest rank).
    func percentile(_ fraction: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }
}

/// Runs `body` and returns the microseconds it took.
func measureMicros(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
}

/// Formats a rate like "12,345/s".
func perSecond(_ count: Double, unit: String = "/s") -> String {
    let formatter = NumberFormatter()
    formatter.numberStyle = .decimal
    formatter.maximumFractionDigits = 0
    return (formatter.string(from: NSNumber(value: count)) ?? String(Int(count))) + unit
}

/// A fresh temporary folder for one bench case, removed afterwards.
func withTemporaryFolder<T>(_ body: (String) throws -> T) rethrows -> T {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("curio-bench-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Prints rows as an aligned table.
func renderTable(_ rows: [BenchRow]) -> String {
    let header = ["case", "size", "p50", "p99", "throughput"]
    let cells = rows.map { [$0.case, $0.size, formatMicros($0.p50Micros), formatMicros($0.p99Micros), $0.throughput] }
    var widths = header.map(\.count)
    for row in cells { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    func line(_ row: [String]) -> String {
        row.enumerated().map { i, cell in
            i >= 2 ? String(repeating: " ", count: widths[i] - cell.count) + cell
                   : cell + String(repeating: " ", count: widths[i] - cell.count)
        }.joined(separator: "  ")
    }
    var text = line(header) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
    for row in cells { text += line(row) + "\n" }
    return text
}

/// "850 µs", "12.3 ms", "-" for cases without a latency.
func formatMicros(_ micros: Double) -> String {
    if micros <= 0 { return "-" }
    if micros < 1000 { return String(format: "%.1f µs", micros) }
    return String(format: "%.2f ms", micros / 1000)
}
