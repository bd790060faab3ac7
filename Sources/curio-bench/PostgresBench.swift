@_spi(Storage) import Commerce
import Foundation

/// The `postgres` group: each figure on SQLite and on PostgreSQL in the same run, so the two sit side by
/// side — the raw ceiling of durable write transactions from 4 processes, checkout from 4 processes
/// buying one product and buying 64 in turn, with its ratio to half that ceiling (an order is two commits), how soon another connection sees a
/// commit (what two front hosts rely on), `migrate-to` of a 100k-product store,
/// and search at 100k products beside a LIKE / ILIKE scan. `server` is a `postgresql://` URI of a role
/// that may create databases; each case gets a database of its own, dropped afterwards.
func postgresBenchRows(server: String?, processes: Int) -> [BenchRow] {
    guard let server, StoreLocation.isPostgresURI(server) else {
        return [("postgres group needs --postgres postgresql://USER@HOST/DB (a role that may create databases)", "-", 0, 0, "-")]
    }
    var rows: [BenchRow] = []
    do {
        let admin = try PostgresConnection(server)
        let settings = try ["server_version", "fsync", "synchronous_commit"].map { name in
            "\(name)=\(try admin.scalarString("SELECT current_setting(?)", name) ?? "?")"
        }
        rows.append(("postgres: " + settings.joined(separator: ", "), "-", 0, 0, "-"))
        let scratch = BenchDatabases(admin: admin, server: server)
        defer { scratch.dropAll() }

        var ceilings: [String: Double] = [:]
        try withTemporaryFolder { folder in
            for (backend, location) in [("sqlite", "\(folder)/raw.db"), ("postgres", try scratch.make())] {
                try createRawTable(try openBenchConnection(location))
                let multi = try runWorkers(processes: processes, arguments: ["raw-writes", location, "1000"])
                ceilings[backend] = multi.rate
                rows.append(("\(backend): raw write txn, \(processes) processes", "\(processes)×1000 txns", multi.p50, multi.p99,
                             perSecond(multi.rate, unit: " txn/s")))
            }
            // One product bought by every process (they queue on its row on PostgreSQL, on the writer on
            // SQLite), then 64 products bought in turn (PostgreSQL's checkouts overlap).
            for (products, spread) in [("one product", 0), ("64 products", 64)] {
                for (backend, location) in [("sqlite", "\(folder)/orders-\(spread).db"), ("postgres", try scratch.make())] {
                    try prepareOrderStore(path: location, spread: spread)
                    let multi = try runWorkers(processes: processes, arguments: ["place-orders", location, "500", "\(spread)"])
                    let ratio = multi.rate / max(1, (ceilings[backend] ?? 0) / 2)
                    let clean = try Doctor(database: openBenchConnection(location)).run().allSatisfy(\.passed)
                    rows.append(("\(backend): checkout, \(processes) processes, \(products)", "\(processes)×500 orders", multi.p50,
                                 multi.p99, perSecond(multi.rate, unit: " orders/s") + String(format: ", %.2f of ceiling/2", ratio)
                                     + (clean ? "" : " (doctor found problems!)")))
                }
            }
            for (backend, location) in [("sqlite", "\(folder)/seen.db"), ("postgres", try scratch.make())] {
                let seen = try commitSeenByAnother(location, count: 300)
                rows.append(("\(backend): another host's connection sees a commit", "300 commits", seen.p50, seen.p99,
                             "polling changeVersion(); sessions add their poll interval (250–500 ms)"))
            }
        }

        let bench = try SearchBench(products: 100_000)
        let sqlite = try bench.run()
        let moved = try bench.moveToPostgres(try scratch.make())
        rows.append(("migrate-to: SQLite → PostgreSQL, one transaction", "100k products, \(moved.rows) rows", moved.seconds * 1e6,
                     moved.seconds * 1e6, perSecond(Double(moved.rows) / max(moved.seconds, 0.001), unit: " rows/s")))
        let postgres = try bench.run()
        for (mine, theirs) in zip(sqlite, postgres) {
            rows.append(("sqlite: " + mine.name, "100k", mine.p50, mine.p99, mine.throughput))
            rows.append(("postgres: " + theirs.name, "100k", theirs.p50, theirs.p99, theirs.throughput))
        }
    } catch {
        rows.append(("postgres bench failed: \(error)", "-", 0, 0, "-"))
    }
    return rows
}

/// How long after one connection's commit returns another connection's `changeVersion()` shows it: the
/// mechanism two front hosts rely on (`PRAGMA data_version` on SQLite, LISTEN/NOTIFY on PostgreSQL),
/// polled without pause; each sample waits at most a second.
func commitSeenByAnother(_ location: String, count: Int) throws -> (p50: Double, p99: Double) {
    let writer = try openBenchConnection(location)
    try createRawTable(writer)
    let reader = try Store(location: StoreLocation(location))
    var samples = Samples()
    for n in 0..<count {
        let before = reader.changeVersion()
        try writer.transaction(.immediate) { _ = try writer.execute("INSERT INTO bench_raw(pid, n, at) VALUES (?, ?, ?)", 0, n, 0) }
        let committed = DispatchTime.now().uptimeNanoseconds
        let deadline = committed + 1_000_000_000
        while reader.changeVersion() == before && DispatchTime.now().uptimeNanoseconds < deadline {}
        samples.add(Double(DispatchTime.now().uptimeNanoseconds - committed) / 1000)
    }
    return (samples.percentile(0.5), samples.percentile(0.99))
}

/// Databases made on the bench's server for one run, each dropped at the end.
final class BenchDatabases {
    private let admin: PostgresConnection
    private let server: String
    private var made: [String] = []

    init(admin: PostgresConnection, server: String) {
        self.admin = admin
        self.server = server
    }

    /// A new empty database; returns its URI.
    func make() throws -> String {
        let name = "curio_bench_\(getpid())_\(made.count)"
        // One statement each: a multi-statement string runs as one transaction, which these refuse.
        try admin.executeScript("DROP DATABASE IF EXISTS \(name)")
        try admin.executeScript("CREATE DATABASE \(name)")
        made.append(name)
        guard var url = URLComponents(string: server) else { throw BenchError.workerFailed(status: -1) }
        url.path = "/" + name
        return url.string ?? server
    }

    /// Drops every database made, closing what is still connected to them.
    func dropAll() {
        for name in made { try? admin.executeScript("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }
}
