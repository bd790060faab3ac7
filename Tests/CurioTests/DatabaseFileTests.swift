import Foundation
import Testing

/// What curio does with files that are not a healthy Curio database.
@Suite struct DatabaseFileTests {
    @Test func notASQLiteFileIsRefusedAndLeftUnchanged() throws {
        let dir = TempFolder()
        let path = dir.file("notes.db")
        let original = Data("these are my notes, not a database\n".utf8)
        try original.write(to: URL(fileURLWithPath: path))
        for arguments in [["--db", path, "doctor"], ["--db", path, "user", "list"], ["--db", path]] {
            let result = try runCurio(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains("\(path): not a SQLite database"))
            #expect(result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.db"], "no -wal or -shm left behind")
    }

    @Test func foreignSQLiteDatabaseIsRefusedAndLeftUnchanged() throws {
        let dir = TempFolder()
        let path = dir.file("other.db")
        try makeSQLiteFile(path, sql: "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT); INSERT INTO photos(name) VALUES ('cat');")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try runCurio(["--db", path, "user", "list"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("not a Curio one"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func databaseFromANewerCurioIsRefusedAndLeftUnchanged() throws {
        let dir = TempFolder()
        let path = dir.file("shop.db")
        #expect(try runCurio(["--db", path, "init"]).status == 0)
        try makeSQLiteFile(path, sql: "PRAGMA user_version = 99;")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let result = try runCurio(["--db", path, "doctor"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("written by a newer version of Curio (schema 99"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func unwritableFolderGivesAClearError() throws {
        // A file cannot be created under a path whose parent is a regular file: no permissions needed.
        let dir = TempFolder()
        try Data().write(to: URL(fileURLWithPath: dir.file("plain")))
        let result = try runCurio(["--db", dir.file("plain/shop.db"), "init"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot create the folder"))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") && getuid() == 0,
                   "needs root and setpriv to run curio as an unprivileged user"))
    func readOnlyDatabaseGivesAClearErrorAndNoTrap() throws {
        // Run curio as 'nobody' against a database it may read but not write.
        let dir = TempFolder()
        let path = dir.file("shop.db")
        #expect(try runCurio(["--db", path, "init"]).status == 0)
        #expect(try runCurio(["--db", path, "user", "add", "a@b.co", "--name", "A"]).status == 0)
        let copy = dir.file("curio")
        // Copied by cp, not in this process: a copy written here could be held open for writing by a
        // child another test forks meanwhile, and exec then fails with "Text file busy".
        let cp = try Process.run(URL(fileURLWithPath: "/bin/cp"), arguments: [Binaries.curio, copy])
        cp.waitUntilExit()
        #expect(cp.terminationStatus == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let result = try runCurioAsNobody(copy, ["--db", path, "user", "add", "c@d.co", "--name", "C"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("read-only") || result.stderr.contains("readable and writable"), "\(result.stderr)")
        #expect(!result.stderr.contains("Fatal error"))
    }

    @Test func twoProcessesWritingAtOnceBothSucceed() throws {
        let dir = TempFolder()
        let path = dir.file("shop.db")
        #expect(try runCurio(["--db", path, "init"]).status == 0)
        // Four writer processes at once, each adding 25 accounts. (Separate Process objects: a shell's
        // `wait` can hang here because the test runner's children inherit a blocked SIGCHLD.)
        let writers = try (0..<4).map { p in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "for i in $(seq 1 25); do \"$CURIO\" --db \"$DB\" user add p\(p)-$i@example.com --name P >/dev/null 2>>\"$LOG\" || echo FAIL >>\"$LOG\"; done"]
            process.environment = ["CURIO": Binaries.curio, "DB": path, "LOG": dir.file("log"), "PATH": "/usr/bin:/bin"]
            try process.run()
            return process
        }
        for writer in writers { writer.waitUntilExit() }
        let log = (try? String(contentsOfFile: dir.file("log"), encoding: .utf8)) ?? ""
        #expect(log.isEmpty, "no writer failed: \(log)")
        let list = try runCurio(["--db", path, "user", "list", "--json"])
        let users = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
        #expect(users?.count == 100)
        #expect(try runCurio(["--db", path, "doctor"]).status == 0)
    }
}

/// Writes SQL into a SQLite file with the sqlite3 library through a tiny Python helper-free path:
/// the system `sqlite3` shell when present, else Python's sqlite3 module.
func makeSQLiteFile(_ path: String, sql: String) throws {
    let process = Process()
    if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path, sql]
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()", path, sql]
    }
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 { throw CocoaError(.fileWriteUnknown) }
}

func runCurioAsNobody(_ executable: String, _ arguments: [String]) throws -> RunResult {
    try runCurio(["--reuid=65534", "--regid=65534", "--clear-groups", executable] + arguments,
                 executable: "/usr/bin/setpriv")
}
