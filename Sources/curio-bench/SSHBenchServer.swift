import Foundation

/// The bench's own OpenSSH server on a free loopback port (the tests' `SSHServer` lives in a test
/// target the bench cannot import): the binary installed under /opt (sshd only runs an
/// AuthorizedKeysCommand from root-owned paths), the demo shop seeded in a folder under /var/tmp,
/// the accounts and group `curio ssh-config --accounts` prints, and `sshd -D` with the blocks
/// `curio ssh-config` prints. Needs root; `stop()` removes all of it.
final class SSHBenchServer {
    static let sshd = "/usr/sbin/sshd", ssh = "/usr/bin/ssh"
    static let group = "curiobench", shopUser = "curiobenchshop", guestUser = "curiobenchguest", staffUser = "curiobenchstaff"

    let work: String
    let install: String
    let shopFolder: String
    let bin: String
    let db: String
    private(set) var port = 0
    private var pid: pid_t = 0

    /// Why the bench cannot run here, or nil.
    static var unavailable: String? {
        if getuid() != 0 { return "needs root (creates system accounts and runs sshd)" }
        if !FileManager.default.isExecutableFile(atPath: sshd) { return "\(sshd) is missing (install openssh-server)" }
        if !FileManager.default.isExecutableFile(atPath: ssh) { return "\(ssh) is missing (install openssh-client)" }
        return nil
    }

    init(curio: String) throws {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        work = FileManager.default.temporaryDirectory.appendingPathComponent("curio-bench-ssh-\(suffix)").path
        install = "/opt/curio-bench-\(suffix)"
        shopFolder = "/var/tmp/curio-bench-\(suffix)"
        bin = install + "/curio"
        db = shopFolder + "/curio.db"
        do { try start(curio: curio) } catch { stop(); throw error }
    }

    private func start(curio: String) throws {
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: install, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try FileManager.default.createDirectory(atPath: shopFolder, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        try runChecked("/usr/bin/install", ["-m", "0755", curio, bin])
        try runChecked(bin, ["--db", db, "seed"])
        let names = ["--shop-user", Self.shopUser, "--guest-user", Self.guestUser, "--staff-user", Self.staffUser, "--group", Self.group, "--bin", bin]
        try runChecked("/bin/sh", ["-e", "-c", try runChecked(bin, ["--db", db, "ssh-config", "--accounts"] + names)])
        let blocks = try runChecked(bin, ["--db", db, "ssh-config"] + names)
        try runChecked("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", work + "/host_key"])
        port = try freeLoopbackPort()
        let config = "Port \(port)\nListenAddress 127.0.0.1\nHostKey \(work)/host_key\nPidFile \(work)/sshd.pid\nUsePAM no\n"
            + "MaxStartups 100\n\n" + blocks
        try Data(config.utf8).write(to: URL(fileURLWithPath: work + "/sshd_config"))
        let log = open(work + "/sshd.log", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        defer { close(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, log, 1)
        posix_spawn_file_actions_adddup2(&actions, log, 2)
        let words: [String] = [Self.sshd, "-D", "-e", "-f", work + "/sshd_config"]
        let argv = words.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, Self.sshd, &actions, nil, argv, environ)
        guard status == 0 else { throw BenchError.workerFailed(status: status) }
        pid = child
        let deadline = Date().addingTimeInterval(20)
        while !loopbackConnects(port) {
            var exitStatus: Int32 = 0
            if waitpid(pid, &exitStatus, WNOHANG) == pid { pid = 0 }
            if pid == 0 || Date() > deadline {
                let said = (try? String(contentsOfFile: work + "/sshd.log", encoding: .utf8)) ?? ""
                throw SSHBenchError.failed("sshd did not listen on \(port): \(said.suffix(500))")
            }
            usleep(50_000)
        }
    }

    /// A new ed25519 client key; returns its private key file.
    func clientKey(_ name: String) throws -> String {
        try runChecked("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", work + "/" + name])
        return work + "/" + name
    }

    /// `ssh -tt` arguments for the shop account with `key`.
    func sshArguments(key: String) -> [String] {
        ["-tt", "-F", "/dev/null", "-p", String(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes", "-i", key, "\(Self.shopUser)@127.0.0.1"]
    }

    /// Stops sshd and removes the accounts, the group, the shop folder, the binary and the work folder.
    func stop() {
        if pid > 0 {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            pid = 0
        }
        for user in [Self.shopUser, Self.guestUser, Self.staffUser] { _ = try? runProgram("/usr/sbin/userdel", [user]) }
        _ = try? runProgram("/usr/sbin/groupdel", [Self.group])
        for path in [install, shopFolder, work] { try? FileManager.default.removeItem(atPath: path) }
    }
}

enum SSHBenchError: Error, CustomStringConvertible {
    case failed(String)
    var description: String { if case .failed(let why) = self { return why }; return "" }
}

/// Runs a program to its end; returns its exit status and standard output (standard error is dropped).
func runProgram(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// Runs a program and returns its output; a non-zero exit is an error naming the command.
@discardableResult
func runChecked(_ path: String, _ arguments: [String]) throws -> String {
    let result = try runProgram(path, arguments)
    guard result.status == 0 else { throw SSHBenchError.failed("\(path) \(arguments.prefix(4).joined(separator: " ")) exited \(result.status)") }
    return result.output
}

/// A loopback port nobody listens on (the kernel picks it).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw SSHBenchError.failed("no free loopback port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// Whether something listens on the loopback `port`.
func loopbackConnects(_ port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
    }
}
