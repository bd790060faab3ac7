@_spi(Storage) import Commerce
import Foundation
import TerminalUI

/// The `sessions` group: real `curio` processes on pseudo-terminals (120x40) against a copy of a
/// synthetic store (`--store PATH`, made by `curio seed --products 100000 --orders 360000`): the
/// shared model's build, process start → first frame, memory and CPU of an idle session, 50 sessions
/// at once, and key → frame while 4 processes place orders.
func sessionsBenchRows(storePath: String?, curio: String?, light: Bool) -> [BenchRow] {
    guard let storePath else { return [("sessions: skipped, give --store PATH (a synthetic store)", "-", 0, 0, "-")] }
    do {
        return try withTemporaryFolder { folder in try SessionsBench(source: storePath, folder: folder, curio: curio).run(light: light) }
    } catch {
        return [("sessions bench failed: \(error)", "-", 0, 0, "-")]
    }
}

private struct SessionsBench {
    let path: String
    let size: String
    let curio: String

    init(source: String, folder: String, curio: String?) throws {
        path = folder + "/shop.db"
        // A checkpointed copy, so the bench's orders never touch the original.
        let original = try Store(path: source)
        try original.db.executeScript("PRAGMA wal_checkpoint(TRUNCATE)")
        try FileManager.default.copyItem(atPath: source, toPath: path)
        try prepareOrderStore(path: path)
        let store = try Store(path: path)
        let products = try store.db.scalarInt("SELECT count(*) FROM products") ?? 0
        let lines = try store.db.scalarInt("SELECT count(*) FROM order_lines") ?? 0
        size = "\(products / 1000)k products, \(lines / 1000)k lines"
        self.curio = curio ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent()
            .appendingPathComponent("curio").path
    }

    func run(light: Bool) throws -> [BenchRow] {
        var rows: [BenchRow] = []
        // The model, built once by one process (this one) under the lock and written beside the store.
        let recommender = Recommender(databasePath: path)
        var built = false
        let (wall, cpu) = measureWallAndCPU {
            let clock = ContinuousClock(), deadline = clock.now.advanced(by: .seconds(300))
            while clock.now < deadline {
                if recommender.model != nil { built = true; break }
                usleep(2_000)
            }
        }
        let modelBytes = (try? FileManager.default.attributesOfItem(atPath: path + "-recommender")[.size] as? Int) ?? 0
        rows.append(("sessions: model build + write (one process, low priority)", size, wall, wall,
                     built ? String(format: "%.2f CPU-s, file %.0f MiB", cpu, Double(modelBytes) / 1_048_576) : "did not finish"))
        // Start → first frame, one session at a time, with the model already built.
        var starts = Samples()
        for _ in 0..<20 {
            let session = try Session(curio: curio, database: path)
            if let micros = session.waitForFirstFrame(timeoutSeconds: 10) { starts.add(micros) }
            session.stop()
        }
        rows.append(("sessions: process start → first frame", "model built, 120x40", starts.percentile(0.5), starts.percentile(0.99),
                     "\(starts.values.count)/20 sessions"))
        // One idle session: memory after 10 s, CPU from 10 s to 15 s.
        let idle = try Session(curio: curio, database: path)
        _ = idle.waitForFirstFrame(timeoutSeconds: 10)
        idle.idle(seconds: 10)
        let memory = idle.memory()
        let cpuBefore = idle.cpuSeconds()
        idle.idle(seconds: 5)
        let idleCPU = (idle.cpuSeconds() - cpuBefore) / 5 * 100
        idle.stop()
        rows.append(("sessions: resident memory per session, 10 s idle", "private + shared file pages", 0, 0,
                     String(format: "%.1f MiB (%.1f private, %.1f file)", memory.total, memory.anonymous, memory.file)))
        rows.append(("sessions: CPU per idle session, 10-15 s after start", "1 session", 0, 0, String(format: "%.2f %%", idleCPU)))
        guard !light else { return rows }
        // 50 sessions started together.
        let startedAt = DispatchTime.now().uptimeNanoseconds
        var crowd: [Session] = []
        for _ in 0..<50 { crowd.append(try Session(curio: curio, database: path)) }
        var shown = 0
        for session in crowd where session.waitForFirstFrame(timeoutSeconds: 30, since: startedAt) != nil { shown += 1 }
        let allShown = Double(DispatchTime.now().uptimeNanoseconds - startedAt) / 1000
        rows.append(("sessions: 50 started together, all show a first frame", "50 sessions", allShown, allShown, "\(shown)/50 shown"))
        // Key → frame in those sessions while 4 processes place orders.
        let orders = try startOrderWorkers(processes: 4, count: 5_000)
        var keys = Samples()
        var index = 0
        let until = DispatchTime.now().uptimeNanoseconds + 20_000_000_000
        while DispatchTime.now().uptimeNanoseconds < until && keys.values.count < 200 && orders.contains(where: \.isRunning) {
            for session in crowd { session.discardOutput() }
            let session = crowd[index % crowd.count]
            // Each session's first key moves down, its next one back up, so every key changes the frame.
            let key = (index / crowd.count) % 2 == 0 ? "j" : "k"
            index += 1
            if let micros = session.keyToFrame(key) { keys.add(micros) }
            usleep(20_000)
        }
        let ordering = orders.filter(\.isRunning).count
        for worker in orders {
            if worker.isRunning { worker.terminate() }
            worker.waitUntilExit()
        }
        rows.append(("sessions: key → frame, 50 sessions + 4 processes ordering", "\(keys.values.count) keys", keys.percentile(0.5),
                     keys.percentile(0.99), "\(ordering)/4 order workers still ordering at the end"))
        for session in crowd { session.stop() }
        withExtendedLifetime(recommender) {}
        return rows
    }

    private func startOrderWorkers(processes: Int, count: Int) throws -> [Process] {
        try (0..<processes).map { i in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            process.arguments = ["--worker", "place-orders", path, String(count),
                                 FileManager.default.temporaryDirectory.appendingPathComponent("curio-bench-sessions-\(getpid())-\(i)").path]
            try process.run()
            return process
        }
    }
}

/// One `curio` shop process on its own pseudo-terminal.
private final class Session {
    let pty: PseudoTerminal
    let pid: pid_t
    let started = DispatchTime.now().uptimeNanoseconds
    private var seen: [UInt8] = []

    init(curio: String, database: String) throws {
        pty = try PseudoTerminal(size: Size(width: 120, height: 40))
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment["CURIO_DB"] = nil
        pid = try spawnOnPseudoTerminal(pty, path: curio, arguments: ["--db", database], environment: environment)
    }

    /// Microseconds from `since` (default: the spawn) until the home screen is on the terminal.
    func waitForFirstFrame(timeoutSeconds: Double, since: UInt64? = nil) -> Double? {
        let marker = Array("Categories".utf8)
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(timeoutSeconds * 1e9)
        while DispatchTime.now().uptimeNanoseconds < deadline {
            seen += pty.drain(quietMilliseconds: 1)
            if seen.count >= marker.count, seen.indices.dropLast(marker.count - 1).contains(where: { seen[$0..<$0 + marker.count].elementsEqual(marker) }) {
                return Double(DispatchTime.now().uptimeNanoseconds - (since ?? started)) / 1000
            }
        }
        return nil
    }

    /// Reads and drops what the session drew.
    func discardOutput() { _ = pty.drain(quietMilliseconds: 0) }

    /// Microseconds from typing `key` until the first bytes of the next frame arrive.
    func keyToFrame(_ key: String) -> Double? {
        let start = DispatchTime.now().uptimeNanoseconds
        pty.type(Array(key.utf8))
        var fds = pollfd(fd: pty.master, events: Int16(POLLIN), revents: 0)
        guard poll(&fds, 1, 2_000) > 0 else { return nil }
        let micros = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
        _ = pty.drain(quietMilliseconds: 5)
        return micros
    }

    /// Stays idle for `seconds`, draining output so the session never blocks on a full terminal.
    func idle(seconds: Double) {
        let until = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
        while DispatchTime.now().uptimeNanoseconds < until { _ = pty.drain(quietMilliseconds: 100) }
    }

    /// Resident memory in MiB: total, private (anonymous) and file-backed (shared model pages, code).
    func memory() -> (total: Double, anonymous: Double, file: Double) {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0, 0) }
        func field(_ name: String) -> Double {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
        }
        return (field("VmRSS"), field("RssAnon"), field("RssFile") + field("RssShmem"))
    }

    /// User + system CPU seconds the process used so far.
    func cpuSeconds() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return 0 }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// Ends the session and reaps it.
    func stop() { endProcess(pid, signal: SIGTERM, draining: pty) }
}
