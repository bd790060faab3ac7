@_spi(Storage) import Commerce
import Foundation

/// Storage rows: opening and migrating a new file, and the raw ceiling of small durable write
/// transactions (synchronous=FULL) from one process and from several processes on one file.
func storageBenchRows(processes: Int) -> [BenchRow] {
    var rows: [BenchRow] = []
    do {
        var opens = Samples()
        try withTemporaryFolder { folder in
            for i in 0..<30 {
                opens.add(try measureMicros { _ = try CurioDatabase.open(path: "\(folder)/open-\(i).db") })
            }
        }
        rows.append(("open + migrate a new file", "schema v\(Migrations.latestVersion)", opens.percentile(0.5), opens.percentile(0.99),
                     perSecond(1_000_000 / max(1, opens.percentile(0.5)), unit: " opens/s")))

        try withTemporaryFolder { folder in
            let path = "\(folder)/raw.db"
            _ = try CurioDatabase.open(path: path)
            let single = try rawWrites(path: path, count: 2000)
            rows.append(("raw write txn, synchronous=FULL, 1 process", "2000 txns", single.p50, single.p99,
                         perSecond(single.rate, unit: " txn/s")))
            let multi = try runWorkers(processes: processes, arguments: ["raw-writes", path, "1000"])
            rows.append(("raw write txn, synchronous=FULL, \(processes) processes", "\(processes)×1000 txns", multi.p50, multi.p99,
                         perSecond(multi.rate, unit: " txn/s")))
        }
    } catch {
        rows.append(("storage bench failed: \(error)", "-", 0, 0, "-"))
    }
    return rows
}

/// `count` immediate transactions, each inserting one small row; latency per transaction and the rate.
func rawWrites(path: String, count: Int) throws -> (p50: Double, p99: Double, rate: Double, samples: [Double]) {
    let db = try CurioDatabase.open(path: path)
    try db.executeScript("CREATE TABLE IF NOT EXISTS bench_raw(id INTEGER PRIMARY KEY, pid INTEGER, n INTEGER, at INTEGER)")
    var samples = Samples()
    let pid = Int(getpid())
    let start = DispatchTime.now().uptimeNanoseconds
    for n in 0..<count {
        samples.add(try measureMicros {
            try db.transaction(.immediate) {
                _ = try db.execute("INSERT INTO bench_raw(pid, n, at) VALUES (?, ?, ?)", pid, n, Clock.millisecondsNow())
            }
        })
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (samples.percentile(0.5), samples.percentile(0.99), Double(count) / seconds, samples.values)
}

/// Starts `processes` copies of this program as workers at once; merges their latencies and
/// reports the combined rate over the wall time of the whole run.
func runWorkers(processes: Int, arguments: [String]) throws -> (p50: Double, p99: Double, rate: Double) {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).path
    let start = DispatchTime.now().uptimeNanoseconds
    var workers: [(Process, String)] = []
    for i in 0..<processes {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable
                                    : FileManager.default.currentDirectoryPath + "/" + executable)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("curio-bench-worker-\(getpid())-\(i)").path
        process.arguments = ["--worker"] + arguments + [output]
        try process.run()
        workers.append((process, output))
    }
    var samples = Samples()
    var operations = 0
    for (process, output) in workers {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(atPath: output) }
        guard process.terminationStatus == 0, let text = try? String(contentsOfFile: output, encoding: .utf8) else {
            throw BenchError.workerFailed(status: process.terminationStatus)
        }
        for line in text.split(separator: "\n") {
            if let value = Double(line) { samples.add(value); operations += 1 }
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return (samples.percentile(0.5), samples.percentile(0.99), Double(operations) / seconds)
}

/// Runs one worker (`--worker ARGS… OUTPUT`) and returns the number it wrote.
func runWorkerForValue(_ arguments: [String]) throws -> Double {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("curio-bench-value-\(getpid())").path
    defer { try? FileManager.default.removeItem(atPath: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    process.arguments = ["--worker"] + arguments + [output]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0, let text = try? String(contentsOfFile: output, encoding: .utf8),
          let value = Double(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
        throw BenchError.workerFailed(status: process.terminationStatus)
    }
    return value
}

/// Why a multi-process case could not be measured.
enum BenchError: Error, CustomStringConvertible {
    case workerFailed(status: Int32)
    var description: String { "a worker process failed with status \(status)" }
    private var status: Int32 { if case .workerFailed(let s) = self { return s }; return 0 }
}

/// Runs as a worker: `--worker KIND ARGS… OUTPUT`; writes one latency (µs) per line to OUTPUT.
func runWorker(_ arguments: [String]) -> Int32 {
    guard arguments.count >= 2, let output = arguments.last else { return 2 }
    do {
        switch arguments[0] {
        case "raw-writes":
            guard arguments.count == 4, let count = Int(arguments[2]) else { return 2 }
            let result = try rawWrites(path: arguments[1], count: count)
            try result.samples.map { String($0) }.joined(separator: "\n").write(toFile: output, atomically: true, encoding: .utf8)
        case "place-orders":
            guard arguments.count == 4, let count = Int(arguments[2]) else { return 2 }
            let result = try placeOrders(path: arguments[1], count: count, worker: Int(getpid()))
            try result.samples.map { String($0) }.joined(separator: "\n").write(toFile: output, atomically: true, encoding: .utf8)
        case "recommend-memory":
            guard arguments.count == 3, let interactions = Int(arguments[1]) else { return 2 }
            try String(recommendMemoryWorker(interactions: interactions)).write(toFile: output, atomically: true, encoding: .utf8)
        default:
            return 2
        }
        return 0
    } catch {
        FileHandle.standardError.write(Data("worker failed: \(error)\n".utf8))
        return 1
    }
}
