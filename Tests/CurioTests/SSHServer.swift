import CurioTestSupport
import Foundation

/// A real OpenSSH server on a free loopback port, configured with what `curio ssh-config` prints
/// (after a few lines only a test needs: its port, host key and pid file), serving a seeded shop in
/// a folder owned by the group and accounts `curio ssh-config --accounts` creates. Needs root (it
/// creates system accounts and installs the binary under /opt, where sshd accepts an
/// AuthorizedKeysCommand); `stop()` stops sshd and removes the accounts, the folder and the binary.
final class SSHServer {
    static let sshd = "/usr/sbin/sshd"
    static let ssh = "/usr/bin/ssh"
    static let group = "curioe2e"
    static let shopUser = "curioe2eshop", guestUser = "curioe2eguest", staffUser = "curioe2estaff"

    let work = TempFolder()
    let shopFolder: String
    let install: String
    let bin: String
    let db: String
    let port: Int
    private var pid: pid_t = 0

    init() throws {
        guard FileManager.default.isExecutableFile(atPath: SSHServer.sshd) else {
            throw TmuxError(description: "\(SSHServer.sshd) is missing: install openssh-server (.ci/run does)")
        }
        let suffix = UUID().uuidString.prefix(8).lowercased()
        install = "/opt/curio-e2e-\(suffix)"
        shopFolder = "/var/tmp/curio-e2e-\(suffix)"
        db = shopFolder + "/curio.db"
        try FileManager.default.createDirectory(atPath: install, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        bin = install + "/curio"
        // Copied by another process: a write descriptor held here could leak into a child another test
        // forks meanwhile, and executing the copy would then fail with "Text file busy".
        try SSHServer.check(runCurio(["-m", "0755", Binaries.curio, bin], executable: "/usr/bin/install"), "install")
        try FileManager.default.createDirectory(atPath: shopFolder, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        // The demo shop, then the accounts and the folder's group and modes exactly as printed.
        try SSHServer.check(runCurio(["--db", db, "seed"], executable: bin), "seed")
        let names = ["--shop-user", SSHServer.shopUser, "--guest-user", SSHServer.guestUser, "--staff-user", SSHServer.staffUser,
                     "--group", SSHServer.group, "--bin", bin]
        let accounts = try runCurio(["--db", db, "ssh-config", "--accounts"] + names, executable: bin)
        try SSHServer.check(accounts, "ssh-config --accounts")
        try SSHServer.check(runCurio(["-e", "-c", accounts.stdout], executable: "/bin/sh"), "the account commands")
        let blocks = try runCurio(["--db", db, "ssh-config"] + names, executable: bin)
        try SSHServer.check(blocks, "ssh-config")
        try SSHServer.check(runCurio(["-q", "-t", "ed25519", "-N", "", "-f", work.file("host_key")], executable: "/usr/bin/ssh-keygen"), "ssh-keygen")
        port = try SSHServer.freePort()
        let config = """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(work.file("host_key"))
            PidFile \(work.file("sshd.pid"))
            UsePAM no
            LogLevel VERBOSE

            """ + blocks.stdout
        try Data(config.utf8).write(to: URL(fileURLWithPath: work.file("sshd_config")))
        // posix_spawn, not Process: while a Process child runs, Foundation reaps none of the others.
        pid = try startProgram(SSHServer.sshd, ["-D", "-e", "-f", work.file("sshd_config")], output: work.file("sshd.log"))
        try waitUntilListening()
    }

    /// What sshd logged.
    var log: String { (try? String(contentsOfFile: work.file("sshd.log"), encoding: .utf8)) ?? "" }

    /// A new client key; returns its private key file.
    func clientKey(_ name: String) throws -> String {
        try SSHServer.check(runCurio(["-q", "-t", "ed25519", "-N", "", "-f", work.file(name)], executable: "/usr/bin/ssh-keygen"), "ssh-keygen")
        return work.file(name)
    }

    /// `ssh -tt` arguments for `user` with `key` (none: the guest), then `command` as SSH_ORIGINAL_COMMAND.
    func sshArguments(user: String, key: String?, command: [String] = []) -> [String] {
        ["-tt", "-F", "/dev/null", "-p", String(port), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
         "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "IdentitiesOnly=yes"]
            + (key.map { ["-i", $0] } ?? ["-o", "PubkeyAuthentication=no"]) + ["\(user)@127.0.0.1"] + command
    }

    func stop() {
        if pid > 0 {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            pid = 0
        }
        for user in [SSHServer.shopUser, SSHServer.guestUser, SSHServer.staffUser] { _ = try? runCurio([user], executable: "/usr/sbin/userdel") }
        _ = try? runCurio([SSHServer.group], executable: "/usr/sbin/groupdel")
        try? FileManager.default.removeItem(atPath: install)
        try? FileManager.default.removeItem(atPath: shopFolder)
    }

    private func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if SSHServer.connects(port) { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { pid = 0; throw TmuxError(description: "sshd exited: \(log)") }
            usleep(50_000)
        }
        throw TmuxError(description: "sshd did not listen on \(port): \(log)")
    }

    static func check(_ result: RunResult, _ what: String) throws {
        guard result.status == 0 else { throw TmuxError(description: "\(what) failed (\(result.status)): \(result.stderr)") }
    }

    /// A loopback port nobody listens on (the kernel picks it).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw TmuxError(description: "no free loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func connects(_ port: Int) -> Bool {
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
}
