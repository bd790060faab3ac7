import Foundation

/// `curio-bench`: prints a table of speed figures (case, size, p50, p99, throughput); `--json` for JSON.
/// `--only storage,orders,search,import,generate,ui,recommend,reports,sessions,ssh` picks groups; `sessions` needs `--store PATH`
/// (a synthetic store from `curio seed --products 100000 --orders 360000`), which it copies; `--curio PATH`
/// runs another build's `curio` in its sessions (and the `ssh` group's) (to compare before and after a change); `--light` leaves
/// out the 50-session rows. `ssh` (root and sshd only) runs 20 shoppers through a real sshd. `postgres` needs
/// `--postgres URI` (or `$CURIO_BENCH_POSTGRES`): a server where it may create databases. Build with `-c release` for meaningful numbers.
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--worker" {
    exit(runWorker(Array(arguments.dropFirst())))
}

let groups = ["storage", "orders", "search", "import", "generate", "ui", "recommend", "reports", "sessions", "ssh", "postgres"]
var selected = Set(groups)
var json = false
var storePath: String?
var curioPath: String?
var light = false
var postgresServer = ProcessInfo.processInfo.environment["CURIO_BENCH_POSTGRES"]
var index = 0
while index < arguments.count {
    switch arguments[index] {
    case "--json":
        json = true
    case "--only" where index + 1 < arguments.count:
        index += 1
        selected = Set(arguments[index].split(separator: ",").map(String.init))
        if let unknown = selected.first(where: { !groups.contains($0) }) {
            FileHandle.standardError.write(Data("curio-bench: unknown group '\(unknown)' (groups: \(groups.joined(separator: ", ")))\n".utf8))
            exit(2)
        }
    case "--store" where index + 1 < arguments.count:
        index += 1
        storePath = arguments[index]
    case "--light":
        light = true
    case "--postgres" where index + 1 < arguments.count:
        index += 1
        postgresServer = arguments[index]
    case "--curio" where index + 1 < arguments.count:
        index += 1
        curioPath = arguments[index]
    case "--help", "-h":
        print("Usage: swift run -c release curio-bench [--only \(groups.joined(separator: ","))] [--store PATH] [--curio PATH] [--postgres URI] [--light] [--json]")
        exit(0)
    default:
        FileHandle.standardError.write(Data("curio-bench: unknown argument '\(arguments[index])'\nUsage: curio-bench [--only GROUPS] [--store PATH] [--curio PATH] [--postgres URI] [--light] [--json]\n".utf8))
        exit(2)
    }
    index += 1
}

let cases: [(String, () -> [BenchRow])] = [
    ("storage", { storageBenchRows(processes: 4) }),
    ("orders", { orderBenchRows(processes: 4) }),
    ("search", searchBenchRows),
    ("import", importBenchRows),
    ("generate", generatorBenchRows),
    ("ui", { terminalUIBenchRows().map { ($0.case, $0.size, $0.p50Micros, $0.p99Micros, $0.throughput) } }),
    ("recommend", recommendBenchRows),
    ("reports", reportBenchRows),
    ("sessions", { sessionsBenchRows(storePath: storePath, curio: curioPath, light: light) }),
    ("ssh", { sshBenchRows(curio: curioPath) }),
    ("postgres", { postgresBenchRows(server: postgresServer, processes: 4) }),
]
var rows: [BenchRow] = []
for (group, body) in cases where selected.contains(group) {
    FileHandle.standardError.write(Data("curio-bench: \(group)…\n".utf8))
    rows += body()
}

if json {
    let objects = rows.map { ["case": $0.case, "size": $0.size, "p50_us": $0.p50Micros, "p99_us": $0.p99Micros,
                              "throughput": $0.throughput] as [String: Any] }
    let data = (try? JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])) ?? Data()
    print(String(decoding: data, as: UTF8.self))
} else {
    print(renderTable(rows), terminator: "")
}
