import Foundation
import Testing

@Suite struct SSHConfigTests {
    @Test func theBlocksNameEveryAccountAndLockEachDown() throws {
        let result = try runCurio(["--db", "/srv/curio/curio.db", "ssh-config", "--shop-user", "buy", "--guest-user", "look",
                                   "--staff-user", "crew", "--bin", "/usr/local/bin/curio"])
        #expect(result.status == 0)
        let text = result.stdout
        let blocks = text.components(separatedBy: "\nMatch User ").dropFirst()
        #expect(blocks.map { String($0.prefix { $0 != "\n" }) } == ["buy", "look", "crew"])
        for block in blocks {
            for line in ["DisableForwarding yes", "PermitUserRC no", "PermitTTY yes", "MaxSessions 1", "ClientAliveInterval 15",
                         "ChannelTimeout session:*=35m", "SetEnv LANG=C.UTF-8", "AuthorizedKeysFile none"] {
                #expect(block.contains("\n    \(line)\n"), "\(line) missing")
            }
        }
        let shop = String(blocks[blocks.startIndex]), guest = String(blocks[blocks.startIndex + 1]), staff = String(blocks[blocks.startIndex + 2])
        #expect(shop.contains("    AuthorizedKeysCommand /usr/local/bin/curio --db /srv/curio/curio.db ssh-authorize %t %k\n"))
        #expect(shop.contains("    AuthorizedKeysCommandUser nobody\n") && shop.contains("    ExposeAuthInfo yes\n"))
        #expect(shop.contains("    ForceCommand /usr/local/bin/curio --db /srv/curio/curio.db --ssh\n"))
        #expect(guest.contains("    PermitEmptyPasswords yes\n") && guest.contains("    PubkeyAuthentication no\n"))
        #expect(guest.contains("    ForceCommand /usr/local/bin/curio --db /srv/curio/curio.db --ssh --anonymous\n"))
        #expect(staff.contains("ssh-authorize --staff %t %k\n") && staff.contains("    AuthorizedKeysCommandUser crew\n"))
        #expect(staff.contains("    ForceCommand /usr/local/bin/curio --db /srv/curio/curio.db --ssh --staff\n"))
    }

    @Test func sshdAcceptsTheBlocks() throws {
        let dir = TempFolder()
        #expect(try SSHTestKeys.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.file("host")]).status == 0)
        let blocks = try runCurio(["--db", "/srv/curio/curio.db", "ssh-config", "--bin", "/usr/local/bin/curio"]).stdout
        let config = "HostKey \(dir.file("host"))\nPidFile none\n" + blocks
        try Data(config.utf8).write(to: URL(fileURLWithPath: dir.file("sshd_config")))
        // sshd needs its privilege separation folder even to check a config.
        try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        let check = try runCurio(["-t", "-f", dir.file("sshd_config")], stdin: nil, executable: "/usr/sbin/sshd")
        #expect(check.status == 0, "sshd -t: \(check.stderr)")
    }

    @Test func accountsMakeOneGroupOwnTheShopFolder() throws {
        let result = try runCurio(["--db", "/srv/curio/curio.db", "ssh-config", "--accounts", "--group", "shopfolk", "--bin", "/opt/curio/curio"])
        #expect(result.status == 0)
        let text = result.stdout
        #expect(text.contains("groupadd --system shopfolk"))
        for user in ["shop", "guest", "staff"] {
            #expect(text.contains("useradd --system --gid shopfolk --home-dir /srv/curio --no-create-home --shell /bin/sh --password '*' \(user)\n"))
        }
        #expect(text.contains("passwd -d guest\n"))
        #expect(text.contains("install -d -o root -g shopfolk -m 2770 /srv/curio\n"))
    }

    @Test func namesAndPathsThatNeedQuotingAreRefused() throws {
        for arguments in [["--shop-user", "root;id"], ["--bin", "/opt/my curio/curio"], ["--bin", "relative/curio"], ["--group", "Cap"]] {
            let result = try runCurio(["--db", "/srv/curio/curio.db", "ssh-config"] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
        #expect(try runCurio(["--db", "/srv/cu\"rio/curio.db", "ssh-config"]).status == 1)
    }
}

/// Failing sign-ins from many real processes at once share one allowance.
@Suite(.serialized) struct SignInRaceTests {
    @Test func eightProcessesFailingASignInAtOnceGetOnlyTheAllowedTries() throws {
        let dir = TempFolder()
        let db = dir.file("shop.db")
        #expect(try runCurio(["--db", db, "init"]).status == 0)
        #expect(try runCurio(["--db", db, "user", "add", "kim@example.com", "--name", "Kim", "--password-stdin"], stdin: "right-password\n").status == 0)
        let inputs = (0..<8).map { _ in Pipe() }
        let processes = try (0..<8).map { index -> Process in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binaries.curio)
            process.arguments = ["--db", db, "user", "verify", "kim@example.com", "--password-stdin"]
            process.standardInput = inputs[index]
            process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
            let err = dir.file("err\(index)")
            _ = FileManager.default.createFile(atPath: err, contents: nil)
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
            try process.run()
            return process
        }
        // Every process is started before any gets its (wrong) password: they all try at once.
        for input in inputs {
            input.fileHandleForWriting.write(Data("wrong-password\n".utf8))
            try input.fileHandleForWriting.close()
        }
        let started = Date()
        for process in processes { process.waitUntilExit() }
        let elapsed = Date().timeIntervalSince(started)
        let errors = try (0..<8).map { try String(contentsOfFile: dir.file("err\($0)"), encoding: .utf8) }
        let tried = errors.filter { $0.contains("email or password is not right") }.count
        let throttled = errors.filter { $0.contains("too many failed attempts") }.count
        #expect(processes.allSatisfy { $0.terminationStatus == 1 })
        #expect(tried + throttled == 8, "\(errors)")
        // Three failures are free and the fourth sets the first wait: at most four tries between them
        // (more only if the machine is so loaded that the race outlasts a wait).
        #expect(tried <= throttleAllowance(racingFor: elapsed), "\(tried) processes got to try a password in \(elapsed) s")
        // Each try was counted before its password was checked.
        let counted = try runCurio([db, "SELECT failures FROM throttles WHERE key = 'signin:email:kim@example.com'"], stdin: nil,
                                   executable: "/usr/bin/sqlite3")
        #expect(counted.stdout == "\(tried)\n")
    }
}
