@_spi(Storage) import Commerce
import Foundation

/// Shopify CSV import and export throughput on a generated 10k-product file, beside the anchor of
/// reading the same CSV without a database. Latency columns are microseconds per row, p50/p99 over
/// chunks of the run. Each case uses its own temporary store.
func importBenchRows() -> [(case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String)] {
    do {
        let bench = try ImportBench(products: 10_000)
        defer { bench.remove() }
        return try bench.run()
    } catch {
        return [("import bench failed: \(error)", "10k", 0, 0, "-")]
    }
}

/// The synthetic store generator at 100k products / ~1M order lines (its own group: it takes minutes),
/// in microseconds per order line.
func generatorBenchRows() -> [(case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String)] {
    do {
        return [try ImportBench.generator(products: 100_000, orders: 360_000)]
    } catch {
        return [("store generator failed: \(error)", "100k", 0, 0, "-")]
    }
}

/// A temporary folder, a generated CSV and the measured import cases.
private struct ImportBench {
    let directory: URL
    let csv: [UInt8]
    let rowCount: Int
    let products: Int

    init(products: Int) throws {
        self.products = products
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-import-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var writer = CSVWriter()
        writer.append(["Handle", "Title", "Body (HTML)", "Vendor", "Product Category", "Tags", "Option1 Name", "Option1 Value",
                       "Variant SKU", "Variant Price", "Variant Inventory Qty", "Image Src"])
        var rows = 0
        for index in 0..<products {
            let handle = "bench-product-\(index)"
            let sizes = index % 3 == 0 ? ["S", "M", "L"] : ["Default Title"]
            for (position, size) in sizes.enumerated() {
                let first = position == 0
                writer.append([handle, first ? "Bench Product \(index)" : "",
                               first ? "<p>A product for benchmarks, number \(index).</p><ul><li>Sturdy</li><li>Light</li></ul>" : "",
                               first ? "Vendor \(index % 50)" : "", first ? "Dept \(index % 12) > Section \(index % 5)" : "",
                               first ? "bench, tag\(index % 100)" : "", first ? (sizes.count > 1 ? "Size" : "Title") : "", size,
                               "B-\(index)-\(position)", "\(index % 200 + 1).99", "\(index % 40)",
                               first ? "https://img.example/\(handle).jpg" : ""])
                rows += 1
            }
        }
        csv = Array(writer.text.utf8)
        rowCount = rows
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    func store(_ name: String) throws -> Store {
        var options = DatabaseOptions()
        options.synchronous = .normal
        return try Store(path: directory.appendingPathComponent(name).path, options: options)
    }

    func run() throws -> [(case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String)] {
        let size = "\(products / 1000)k products (\(rowCount) rows)"
        // Anchor: the same bytes read as CSV records, no database; import's cost is the rest.
        let readStarted = monotonicSeconds()
        let records = try CSVReader.records(csv).count
        let readSeconds = monotonicSeconds() - readStarted
        let readPerRow = readSeconds * 1e6 / Double(max(1, records - 1))
        let store = try self.store("import.db")
        let first = try timedImport(store)
        let again = try timedImport(store)
        let started = monotonicSeconds()
        var bytes = 0
        try store.shopifyExporter.export(by: .system) { bytes += $0.utf8.count }
        let exportSeconds = monotonicSeconds() - started
        let perRow = exportSeconds * 1e6 / Double(rowCount)
        return [
            ("anchor: read the CSV only (no database)", size, readPerRow, readPerRow, rate(rowCount, readSeconds, "rows")),
            ("import Shopify CSV (new catalog)", size, first.p50, first.p99, rate(rowCount, first.seconds, "rows")),
            ("re-import same CSV (all unchanged)", size, again.p50, again.p99, rate(rowCount, again.seconds, "rows")),
            ("export Shopify CSV", size, perRow, perRow, rate(rowCount, exportSeconds, "rows") + ", \(bytes / 1_048_576) MiB"),
        ]
    }

    /// Imports the CSV, timing each chunk of rows the progress callback reports.
    private func timedImport(_ store: Store) throws -> (p50: Double, p99: Double, seconds: Double) {
        var samples: [Double] = []
        var last = (rows: 0, time: monotonicSeconds())
        let started = last.time
        try store.shopifyImporter.importCSV(csv, options: ImportOptions(fileName: "bench.csv"), by: .system) { done, _ in
            let now = monotonicSeconds()
            if done > last.rows { samples.append((now - last.time) * 1e6 / Double(done - last.rows)) }
            last = (done, now)
        }
        let seconds = monotonicSeconds() - started
        return (percentile(samples, 0.5), percentile(samples, 0.99), seconds)
    }

    /// Generates a synthetic store and reports the time per order line.
    static func generator(products: Int, orders: Int) throws -> (case: String, size: String, p50Micros: Double, p99Micros: Double, throughput: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("curio-generator-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try Store(path: directory.appendingPathComponent("big.db").path)
        var samples: [Double] = []
        var last = (done: 0, time: monotonicSeconds())
        let report = try StoreGenerator.generate(into: store, products: products, orders: orders) { phase, done, _ in
            let now = monotonicSeconds()
            if phase == "orders", done > last.done { samples.append((now - last.time) * 1e6 / Double(done - last.done)) }
            last = phase == "orders" ? (done, now) : (0, now)
        }
        let linesPerOrder = Double(report.orderLines) / Double(max(1, report.orders))
        let size = "\(products / 1000)k products, \(orders / 1000)k orders, \(report.orderLines / 1000)k lines"
        return ("generate store (curio seed --products --orders)", size,
                percentile(samples, 0.5) / linesPerOrder, percentile(samples, 0.99) / linesPerOrder,
                String(format: "%.0f s total, %.0f lines/s", report.seconds, Double(report.orderLines) / report.seconds))
    }
}

private func monotonicSeconds() -> Double { ProcessInfo.processInfo.systemUptime }

private func percentile(_ samples: [Double], _ p: Double) -> Double {
    guard !samples.isEmpty else { return 0 }
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

private func rate(_ count: Int, _ seconds: Double, _ unit: String) -> String {
    String(format: "%.0f %@/s", Double(count) / max(seconds, 1e-9), unit)
}
